using System.Globalization;
using Sim.Experiments.Search;
using Sim.Experiments.Yaml;
using Sim.Results;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// Reads the <c>targets:</c> section: what the study must achieve, one metric of <see cref="MetricCatalog"/> per key
/// and its threshold as the value (<c>produce_latency_ms_p99: 50ms</c>, <c>rpo_s: 0</c>, <c>availability: 0.999</c>).
/// A bare number is in the metric's own unit; a metric in ms or s also takes any duration. A target is an upper
/// bound (<c>&lt;=</c>) unless the metric is one where more is better (<see cref="MetricInfo.HigherIsBetter"/>),
/// when it is a lower bound (<c>&gt;=</c>). The report's verdict judges every design against these; they change
/// nothing in the runs.
/// </summary>
public static class TargetsSection
{
    /// <summary>The targets in file order; every problem is reported on its key's line, and none comes back for a target with one.</summary>
    public static IReadOnlyList<SlaTerm> Read(YamlReader r, YamlNode node)
    {
        var fields = r.Mapping(node, "targets", MetricCatalog.All.Select(m => m.Name).ToList());
        if (fields is null) return [];
        var targets = new List<SlaTerm>();
        foreach (var (name, value) in fields)
        {
            var key = $"targets.{name}";
            if (r.Scalar(value, key) is not { } text) continue;
            var metric = MetricCatalog.Find(name)!;
            if (!TryThreshold(metric, text.Trim(), out var threshold, out var error))
            {
                r.Error(key, value, error);
                continue;
            }
            var op = metric.HigherIsBetter ? ">=" : "<=";
            targets.Add(new SlaTerm(metric.Name, op, threshold, $"{metric.Name} {op} {text.Trim()}"));
        }
        return targets;
    }

    private static bool TryThreshold(MetricInfo metric, string text, out double value, out string error)
    {
        error = "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        return SlaParser.TryThreshold(metric, text, out value, out error);
    }
}
