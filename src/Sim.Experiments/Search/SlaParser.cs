using Sim.Experiments.Text;
using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>
/// Reads one SLA predicate, <c>METRIC OP THRESHOLD</c>: a metric of <see cref="MetricCatalog"/>, one of
/// <c>&lt; &lt;= &gt; &gt;= ==</c>, and a threshold in the metric's unit. Thresholds of metrics in ms or s take any
/// duration (<c>50ms</c>, <c>0.05s</c>) and are converted; metrics in GB take any byte size; counts and
/// ratios take a bare number; any other unit is written as the catalogue writes it.
/// </summary>
public static class SlaParser
{
    public static (SlaTerm? Term, string? Error, string? Hint) Parse(string text)
    {
        var trimmed = text.Trim();
        int at = -1;
        string op = "";
        foreach (var candidate in SlaCheck.Ops)
        {
            int i = trimmed.IndexOf(candidate, StringComparison.Ordinal);
            if (i > 0 && (at < 0 || i < at || (i == at && candidate.Length > op.Length))) (at, op) = (i, candidate);
        }
        if (at < 0) return (null, $"'{text}' is not a predicate", "write METRIC OP THRESHOLD, such as 'produce_latency_ms_p99 < 50ms' or 'records_failed == 0'");
        string name = trimmed[..at].Trim(), threshold = trimmed[(at + op.Length)..].Trim();
        if (MetricCatalog.Find(name) is not { } metric)
            return (null, $"no metric '{name}'", (NameSuggester.Hint(name, MetricCatalog.All.Select(m => m.Name)) is { } h ? h + "; " : "") + "'sim list metrics' lists them");
        if (!TryThreshold(metric, threshold, out var value, out var error)) return (null, error, null);
        return (new SlaTerm(metric.Name, op, value, $"{name} {op} {threshold}"), null, null);
    }

    internal static bool TryThreshold(MetricInfo metric, string text, out double value, out string error)
    {
        value = 0;
        if (UnitText.TrySplit(text, out var number, out var unit, out error) && unit == metric.Unit)
        {
            value = number;
            return true;
        }
        if (metric.Unit is "ms" or "s" && DurationText.TryParse(text, out var d, out _))
        {
            value = d.Nanoseconds / (metric.Unit == "ms" ? 1e6 : 1e9);
            return true;
        }
        if (metric.Unit == "GB" && unit.Length > 0 && ByteSizeText.TryParseBytes(text, out var bytes, out _))
        {
            value = bytes / 1e9;
            return true;
        }
        error = metric.Unit.Length == 0
            ? $"'{text}': {metric.Name} is a count or a ratio, so its threshold is a bare number"
            : $"'{text}': {metric.Name} is in {metric.Unit}, so its threshold needs a unit" + (metric.Unit is "ms" or "s" ? " (a duration such as 50ms or 2s)" : $" ({metric.Unit})");
        return false;
    }
}
