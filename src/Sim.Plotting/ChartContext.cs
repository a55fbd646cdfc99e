using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// What every chart derives from the results in the same way, computed once so the charts agree: the
/// architectures in order of first appearance (which fixes their colours across all charts), the swept
/// keys whose values differ between sweep points, and the short names and labels that identify a point.
/// </summary>
internal sealed class ChartContext
{
    /// <summary>The swept key that selects the architecture template; it is a series, never an axis.</summary>
    public const string ArchitectureKey = "architecture";

    private readonly Dictionary<string, string> shortKeys = new(StringComparer.Ordinal);

    public ChartContext(ExperimentResults results)
    {
        Results = results;
        Architectures = results.Summary.Select(r => r.Architecture)
            .Concat(results.Runs.Select(r => r.Architecture))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // A partial experiment may have runs but no summary yet; its points are then read from the runs.
        var points = results.Summary.Count > 0
            ? results.Summary.Select(r => r.Parameters).ToList()
            : results.Runs.Select(r => r.Parameters).ToList();
        var varying = results.SweptKeys
            .Where(k => k != ArchitectureKey)
            .Where(k => points.Select(p => ValueOf(p, k) ?? "").Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();

        // Keys zipped together (the three links of a triangle set to one RTT) move as one axis: each later key
        // whose values pair one-to-one with an earlier key's follows it and gets no axis or label of its own.
        foreach (var key in varying)
        {
            var leader = varying.TakeWhile(k => k != key).FirstOrDefault(k => !Followers.ContainsKey(k) && Lockstep(points, k, key));
            if (leader is not null) Followers[key] = leader;
        }
        VaryingKeys = varying.Where(k => !Followers.ContainsKey(k)).ToList();

        foreach (var key in results.SweptKeys)
        {
            var last = LastSegment(key);
            // Keys moving in lockstep with another get no label of their own, so they cannot make a label ambiguous.
            var clashes = results.SweptKeys.Count(k => LastSegment(k) == last && (k == key || !Followers.ContainsKey(k)));
            shortKeys[key] = clashes == 1 ? last : key;
        }
    }

    public ExperimentResults Results { get; }

    /// <summary>Every architecture of the experiment, in order of first appearance in the summary, then the runs.</summary>
    public IReadOnlyList<string> Architectures { get; }

    /// <summary>Swept keys other than <c>architecture</c> that take more than one value, in the sweep's order.</summary>
    public IReadOnlyList<string> VaryingKeys { get; }

    /// <summary>Swept keys that move in lockstep with an earlier key (follower to leader).</summary>
    public Dictionary<string, string> Followers { get; } = new(StringComparer.Ordinal);

    /// <summary>The keys that move with <paramref name="leader"/>, in sweep order.</summary>
    public IReadOnlyList<string> FollowersOf(string leader) => Results.SweptKeys.Where(k => Followers.TryGetValue(k, out var l) && l == leader).ToList();

    private static bool Lockstep(IReadOnlyList<IReadOnlyList<Parameter>> points, string a, string b)
    {
        var pairs = points.Select(p => (ValueOf(p, a) ?? "", ValueOf(p, b) ?? "")).Distinct().ToList();
        return pairs.Select(x => x.Item1).Distinct(StringComparer.Ordinal).Count() == pairs.Count
            && pairs.Select(x => x.Item2).Distinct(StringComparer.Ordinal).Count() == pairs.Count;
    }

    /// <summary>The chart title: what is plotted, then the experiment it comes from.</summary>
    public string Title(string what) => $"{what} ({Results.Name})";

    public Color ColorOf(string architecture)
    {
        for (var i = 0; i < Architectures.Count; i++)
        {
            if (Architectures[i] == architecture) return ChartStyle.ColorAt(i);
        }
        return ChartStyle.ColorAt(Architectures.Count);
    }

    public MarkerShape ShapeOf(string architecture)
    {
        for (var i = 0; i < Architectures.Count; i++)
        {
            if (Architectures[i] == architecture) return ChartStyle.ShapeAt(i);
        }
        return ChartStyle.ShapeAt(0);
    }

    /// <summary>The last dotted segment of a key (<c>rtt</c> for <c>links.a/b.rtt</c>) unless another swept key ends the same way.</summary>
    public string ShortKey(string key) => shortKeys.TryGetValue(key, out var s) ? s : key;

    /// <summary>The varying keys other than <paramref name="except"/> as <c>short=value</c> pairs: what tells a point apart within its architecture.</summary>
    public string ParameterLabel(IReadOnlyList<Parameter> parameters, string? except = null) =>
        string.Join(", ", VaryingKeys.Where(k => k != except).Select(k => $"{ShortKey(k)}={ValueOf(parameters, k) ?? "?"}"));

    /// <summary>The architecture followed by <see cref="ParameterLabel"/>, joined by <paramref name="separator"/> when there are parameters.</summary>
    public string PointLabel(string architecture, IReadOnlyList<Parameter> parameters, string separator = ", ", string? except = null)
    {
        var rest = ParameterLabel(parameters, except);
        return rest.Length == 0 ? architecture : architecture + separator + rest;
    }

    /// <summary>A sentence naming the full keys behind shortened labels, empty when no label was shortened.</summary>
    public string KeyGlossary(string? except = null)
    {
        var pairs = VaryingKeys.Where(k => k != except && ShortKey(k) != k).Select(k => $"{ShortKey(k)} = {k}").ToList();
        return pairs.Count == 0 ? "" : $" In labels, {string.Join(", ", pairs)}.";
    }

    public static string? ValueOf(IReadOnlyList<Parameter> parameters, string key)
    {
        foreach (var p in parameters)
        {
            if (p.Key == key) return p.Value;
        }
        return null;
    }

    /// <summary>The summary mean of <paramref name="metric"/>, NaN when the row does not carry it.</summary>
    public static double Mean(SummaryRow row, string metric) => row.Metric(metric)?.Mean ?? double.NaN;

    /// <summary>The 95% half-width of <paramref name="metric"/>, 0 when unknown so a band collapses onto its line.</summary>
    public static double Ci95(SummaryRow row, string metric)
    {
        var ci = row.Metric(metric)?.Ci95 ?? double.NaN;
        return double.IsFinite(ci) ? ci : 0;
    }

    public static string MetricLabel(string metric) => MetricCatalog.Find(metric)?.LabelWithUnit ?? metric;

    private static string LastSegment(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot < 0 || dot == key.Length - 1 ? key : key[(dot + 1)..];
    }
}
