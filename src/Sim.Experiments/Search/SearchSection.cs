using System.Globalization;
using Sim.Experiments.Spec;
using Sim.Experiments.Text;
using Sim.Experiments.Yaml;
using Sim.Results;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Search;

/// <summary>The <c>search:</c> section read: the search, and where its key, <c>min</c> and <c>max</c> were written (so a probe value the key's reader rejects is reported there).</summary>
public sealed record SearchSection(SearchSpec Spec, Location KeyOrigin, Location MinOrigin, Location MaxOrigin)
{
    internal static readonly string[] Keys = ["key", "min", "max", "precision", "max_probes", "judge", "sla"];

    /// <summary>The assignment that gives the searched key <paramref name="x"/> at a probe.</summary>
    public Assignment At(double x, Location origin) => new(Spec.Key, new YamlScalarNode(Spec.Scale.Format(x)), origin);

    /// <summary>
    /// Reads and checks the section: the key must be a value the experiment writes and not swept, <c>min</c>
    /// and <c>max</c> numbers in one unit with 0 &lt; min &lt; max, the precision between 0 and 1, at least
    /// two probes, and each SLA predicate a known metric, a comparison and a threshold in the metric's unit.
    /// Null after reporting every problem.
    /// </summary>
    public static SearchSection? Read(YamlReader r, YamlTree tree, YamlNode node, IReadOnlyList<string> swept)
    {
        var fields = r.Mapping(node, "search", Keys);
        if (fields is null) return null;
        YamlNode? Get(string k) => fields.FirstOrDefault(f => f.Key == k).Value;
        foreach (var required in (string[])["key", "min", "max", "sla"])
        {
            if (Get(required) is null) r.Error("search", node, $"a search needs '{required}'", "key, min, max and sla; see docs/experiments.md");
        }
        string? key = Get("key") is { } kn ? CheckKey(r, tree, kn, swept) : null;
        var (scale, min, max) = Range(r, Get("min"), Get("max"));
        double precision = Get("precision") is { } p ? r.Number(p, "search.precision") ?? 0.05 : 0.05;
        if (Get("precision") is { } pn && precision is <= 0 or >= 1) r.Error("search.precision", pn, "the relative precision must be more than 0 and less than 1 (0.05: stop when the bracket is within 5%)");
        int maxProbes = Get("max_probes") is { } mp ? Values.Int(r, mp, "search.max_probes", 2, 1000) ?? 10 : 10;
        var judge = Get("judge") is { } j ? Values.Choice(r, j, "search.judge", "mean", "pessimistic") : "mean";
        var sla = Get("sla") is { } s ? Sla(r, s) : [];
        if (r.HasErrors || key is null || scale is null) return null;
        var spec = new SearchSpec(key, scale, min, max, precision, maxProbes, judge == "pessimistic" ? SlaJudge.Pessimistic : SlaJudge.Mean, sla);
        return new SearchSection(spec, r.Where(Get("key")!), r.Where(Get("min")!), r.Where(Get("max")!));
    }

    private static string? CheckKey(YamlReader r, YamlTree tree, YamlNode node, IReadOnlyList<string> swept)
    {
        if (r.Scalar(node, "search.key") is not { } key) return null;
        if (tree.Get(key) is not YamlScalarNode)
        {
            r.Error("search.key", node, $"'{key}' is not a value the experiment writes", "search a key the file sets, such as workload.producers.0.rate");
            return null;
        }
        if (swept.Contains(key)) r.Error("search.key", node, $"'{key}' is swept; a search moves it itself, so sweep other keys");
        return key;
    }

    /// <summary>Splits min and max into numbers and the unit they share.</summary>
    private static (SearchScale? Scale, double Min, double Max) Range(YamlReader r, YamlNode? minNode, YamlNode? maxNode)
    {
        if (minNode is null || maxNode is null) return (null, 0, 0);
        var lo = Quantity(r, minNode, "search.min");
        var hi = Quantity(r, maxNode, "search.max");
        if (lo is null || hi is null) return (null, 0, 0);
        if (lo.Value.Unit != hi.Value.Unit)
        {
            r.Error("search.max", maxNode, $"min and max must be written in the same unit ('{lo.Value.Unit}' and '{hi.Value.Unit}')");
            return (null, 0, 0);
        }
        if (lo.Value.Number <= 0) { r.Error("search.min", minNode, "must be more than zero (the search halves the range geometrically)"); return (null, 0, 0); }
        if (hi.Value.Number <= lo.Value.Number) { r.Error("search.max", maxNode, $"must be above min ({r.Scalar(minNode, "search.min")})"); return (null, 0, 0); }
        return (new SearchScale(lo.Value.Unit, lo.Value.Whole && hi.Value.Whole), lo.Value.Number, hi.Value.Number);
    }

    private static (double Number, string Unit, bool Whole)? Quantity(YamlReader r, YamlNode node, string key)
    {
        if (r.Scalar(node, key) is not { } text) return null;
        if (!UnitText.TrySplit(text, out var number, out var unit, out var error)) { r.Error(key, node, error); return null; }
        string digits = text.Trim()[..(text.Trim().Length - unit.Length)];
        bool whole = !digits.Contains('.', StringComparison.Ordinal) && !digits.Contains('e', StringComparison.OrdinalIgnoreCase);
        return (number, unit, whole);
    }

    private static List<SlaTerm> Sla(YamlReader r, YamlNode node)
    {
        var terms = new List<SlaTerm>();
        var items = r.Sequence(node, "search.sla") ?? [];
        if (items.Count == 0 && node is YamlSequenceNode) r.Error("search.sla", node, "an SLA needs at least one predicate, such as 'produce_latency_ms_p99 < 50ms'");
        for (int i = 0; i < items.Count; i++)
        {
            string key = $"search.sla.{i.ToString(CultureInfo.InvariantCulture)}";
            if (r.Scalar(items[i], key) is not { } text) continue;
            var (term, error, hint) = SlaParser.Parse(text);
            if (term is null) r.Error(key, items[i], error!, hint);
            else terms.Add(term);
        }
        return terms;
    }
}
