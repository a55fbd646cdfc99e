using System.Globalization;
using Sim.Experiments.Text;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// The <c>limits</c> keys, one table: name, default as written in docs/experiments.md, what it bounds, and
/// how its text is read. The section in the file and <c>--set limits.KEY=VALUE</c> go through the same
/// table; the reading limits (<c>file_size</c>, <c>depth</c>, <c>yaml_nodes</c>, <c>diagnostics</c>) are
/// also taken from <c>--set</c> before the experiment file is read, since they bound reading it.
/// </summary>
public static class LimitKeys
{
    /// <summary>One key: its name under <c>limits</c>, its default, what it bounds, and how a value is read onto the limits.</summary>
    public sealed record Key(string Name, string Default, string Bounds, Func<string, RunLimits, (RunLimits? Limits, string? Error)> Apply);

    public static IReadOnlyList<Key> All { get; } =
    [
        new("runs", "100000", "sweep points x replications", (t, l) => Whole(t, 1, n => l with { Runs = n })),
        new("points", "10000", "sweep points (the product of the axes' lengths, computed before any point is built)", (t, l) => Whole(t, 1, n => l with { Points = n })),
        new("timeseries_samples", "1000000", "rows of one run's time series: duration / outputs.timeseries.interval", (t, l) => Whole(t, 1, n => l with { TimeseriesSamples = n })),
        new("fault_windows", "10000", "failures one component of a stochastic fault class is expected to have per run: duration / mtbf", (t, l) => Whole(t, 1, n => l with { FaultWindows = n })),
        new("records_per_second", "10000000", "records per second of one producer entry: rate x count x its largest burst factor", (t, l) => Real(t, r => l with { RecordsPerSecond = r })),
        new("keys", "1000000", "distinct keys of one producer (each is hashed to its partition when the producer starts)", (t, l) => Whole(t, 1, n => l with { Keys = n })),
        new("events", "auto", "events one run may execute; auto derives it from the duration, the nodes and the producers' rates", (t, l) => t == "auto" ? (l with { Events = null }, null) : Whole(t, 1, n => l with { Events = n })),
        new("wall_clock", "auto", "real time one run may take (10m); auto derives it from the event cap, at least 10 minutes", (t, l) => t == "auto" ? (l with { WallClockBudget = null }, null) : Span(t, d => l with { WallClockBudget = d })),
        new("file_size", "16MiB", "bytes of the experiment or model file, checked before it is read", (t, l) => Size(t, n => l with { Yaml = l.Yaml with { FileBytes = n } })),
        new("depth", "64", "how deep mappings and lists nest", (t, l) => Whole(t, 1, n => l with { Yaml = l.Yaml with { Depth = (int)Math.Min(n, 100_000) } })),
        new("yaml_nodes", "100000", "keys, values and items of a file with its aliases expanded; the sweep points' copies of the experiment may hold 100 times this between them", (t, l) => Whole(t, 1, n => l with { Yaml = l.Yaml with { Nodes = n } })),
        new("diagnostics", "50", "problems printed; the rest are counted", (t, l) => Whole(t, 1, n => l with { Yaml = l.Yaml with { Diagnostics = (int)Math.Min(n, YamlReader.MaxKept) } })),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(k => k.Name).ToList();

    /// <summary>Reads the <c>limits</c> section onto the defaults; problems go to <paramref name="r"/> at their keys.</summary>
    public static RunLimits Read(YamlReader r, YamlNode node)
    {
        var limits = RunLimits.Default;
        foreach (var (k, v) in r.Mapping(node, "limits", Names) ?? [])
        {
            string key = $"limits.{k}";
            if (r.Scalar(v, key) is not { } text) continue;
            var (applied, error) = All.First(x => x.Name == k).Apply(text.Trim(), limits);
            if (applied is null) r.Error(key, v, error!);
            else limits = applied;
        }
        return limits;
    }

    /// <summary>
    /// The reading limits given with <c>--set limits.KEY=VALUE</c>, taken before the experiment file is read;
    /// a malformed value is left to the section reader, which reports it against its option.
    /// </summary>
    public static YamlLimits FromSets(IEnumerable<string> sets)
    {
        var limits = RunLimits.Default;
        foreach (var set in sets)
        {
            int eq = set.IndexOf('=');
            if (eq <= 0 || !set.StartsWith("limits.", StringComparison.Ordinal)) continue;
            var key = All.FirstOrDefault(k => k.Name == set[7..eq].Trim());
            if (key is not null && key.Apply(set[(eq + 1)..].Trim(), limits).Limits is { } applied) limits = applied;
        }
        return limits.Yaml;
    }

    private static (RunLimits?, string?) Whole(string text, long min, Func<long, RunLimits> with) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= min
            ? (with(n), null)
            : (null, $"'{text}' is not a whole number of {min} or more");

    private static (RunLimits?, string?) Real(string text, Func<double, RunLimits> with) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) && x > 0
            ? (with(x), null)
            : (null, $"'{text}' is not a number above 0");

    private static (RunLimits?, string?) Span(string text, Func<TimeSpan, RunLimits> with)
    {
        if (!DurationText.TryParse(text, out var d, out var error)) return (null, error);
        if (d.Nanoseconds <= 0) return (null, "must be more than zero");
        return (with(TimeSpan.FromTicks(Math.Max(1, d.Nanoseconds / 100))), null);
    }

    private static (RunLimits?, string?) Size(string text, Func<long, RunLimits> with)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 1) return (with(n), null);
        if (ByteSizeText.TryParseBytes(text, out var b, out var error) && b >= 1 && b < long.MaxValue / 2) return (with((long)b), null);
        return (null, error.Length > 0 ? error : $"'{text}' is not a size of 1 byte or more");
    }
}
