using System.Globalization;
using System.Text;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The report's <c>## Capacity search</c> section: the SLA and how probes were judged, then one row per
/// sweep point with the limit, the bracket, the probes, the predicates that failed just above the limit
/// and the most utilised resource there with its broker (or why none is named), and the monthly bill at the limit
/// (total, then instances / storage / transfer).
/// </summary>
internal static class SearchReport
{
    public static void Write(StringBuilder md, ExperimentResults results)
    {
        if (results.Search is not { } search) return;
        md.Append("## Capacity search\n\n");
        md.Append($"For each sweep point, the highest `{search.Key}` from {Value(search.Min, search.Unit)} to {Value(search.Max, search.Unit)} at which every SLA predicate held: ")
          .Append(string.Join(", ", search.Sla.Select(t => $"`{t.Text}`")))
          .Append($". Probes are judged on {(search.Judge == "mean" ? "the mean over their replications" : "the pessimistic end of each metric's 95% confidence interval")}; ")
          .Append($"bisection stops when the bracket is within {(search.Precision * 100).ToString("0.##", CultureInfo.InvariantCulture)}% or after {search.MaxProbes} probes.\n\n");
        var keys = results.SweptKeys.Where(k => k != ChartContext.ArchitectureKey && k != search.Key).ToList();
        var header = (string[])["architecture", .. keys, "limit", "broke at", "probes", "outcome", "failed above the limit", "binding resource", "bill at the limit (USD/month)"];
        md.Append("| ").Append(string.Join(" | ", header)).Append(" |\n|").Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        foreach (var o in results.Searches)
        {
            var cells = new List<string> { o.Architecture };
            cells.AddRange(keys.Select(k => ChartContext.ValueOf(o.Parameters, k) ?? ""));
            cells.Add(Value(o.Limit, search.Unit));
            cells.Add(Value(o.BracketHigh, search.Unit));
            cells.Add(o.Probes.Count.ToString(CultureInfo.InvariantCulture));
            cells.Add(Verdict(o.Verdict));
            cells.Add(o.FailedAbove.Count == 0 ? "-" : string.Join("; ", o.FailedAbove.Select(f => $"`{f}`")));
            cells.Add(o.BindingMetric is { } b ? $"{o.BindingResource ?? ChartContext.MetricLabel(b)}: {(o.BindingUtilisation * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : "-");
            cells.Add(Bill(o));
            md.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }
        md.Append('\n');
        if (results.Searches.Any(o => o.Verdict == SearchVerdict.Incomplete))
            md.Append("Partial results: an incomplete search stopped where a probe's runs are missing (interrupted, failed or not merged); `sim run --resume` continues it.\n\n");
        if (MetricCatalog.Utilisations.Count == 0)
            md.Append("No binding resource is named: no metric in the catalogue measures a resource's utilisation yet, so only the failed SLA predicates say what broke.\n\n");
    }

    /// <summary>The monthly bill at the limit: the total, then instances / storage / transfer.</summary>
    private static string Bill(SearchOutcome o)
    {
        if (o.CostAtLimit.Count == 0) return "-";
        string Usd(MetricInfo m) => (o.CostAtLimit.FirstOrDefault(c => c.Name == m.Name)?.Value ?? double.NaN).ToString("0", CultureInfo.InvariantCulture);
        return $"{Usd(MetricCatalog.CostMonthUsd)} ({Usd(MetricCatalog.CostMonthInstancesUsd)} / {Usd(MetricCatalog.CostMonthStorageUsd)} / {Usd(MetricCatalog.CostMonthTransferUsd)})";
    }

    private static string Value(double x, string unit) => double.IsNaN(x) ? "-" : x.ToString("0.######", CultureInfo.InvariantCulture) + unit;

    private static string Verdict(SearchVerdict v) => v switch
    {
        SearchVerdict.Found => "found",
        SearchVerdict.BudgetSpent => "probe budget spent (limit within the bracket)",
        SearchVerdict.NoLoadMeetsSla => "no load meets the SLA",
        SearchVerdict.MaxMeetsSla => "max meets the SLA",
        _ => "incomplete",
    };
}
