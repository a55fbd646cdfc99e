using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// <c>search.csv</c>: one row per sweep point of a capacity search (docs/results.md): the limit found and
/// the lowest load that broke the SLA (both in the searched key's unit), how the search ended, its probes
/// and runs, the predicates that failed just above the limit and the most utilised resource there (with the
/// broker: <c>broker 2 nic_in</c>), and the monthly bill at the limit.
/// </summary>
public static class SearchTable
{
    public static void Write(ExperimentResults results, string directory)
    {
        var search = results.Search ?? throw new ArgumentException("the results hold no search", nameof(results));
        var swept = results.SweptKeys.Where(k => k != "architecture" && k != search.Key).ToList();
        AtomicFile.WriteAllText(Path.Combine(directory, "search.csv"), ResultsWriter.Csv(w =>
        {
            foreach (var h in (string[])["point_id", "architecture", .. swept, "key", "unit", "limit", "bracket_high", "outcome", "probes", "runs", "failed_above", "binding_metric", "binding_utilisation", "binding_resource", .. MetricCatalog.Costs.Select(m => m.Name)])
                w.WriteField(h);
            w.EndRecord();
            foreach (var o in results.Searches)
            {
                w.WriteField(ResultsWriter.Int(o.SweepPoint));
                w.WriteField(o.Architecture);
                foreach (var k in swept) w.WriteField(o.Parameters.FirstOrDefault(p => p.Key == k)?.Value ?? "");
                w.WriteField(search.Key);
                w.WriteField(search.Unit);
                w.WriteField(ResultsWriter.Number(o.Limit));
                w.WriteField(ResultsWriter.Number(o.BracketHigh));
                w.WriteField(VerdictName(o.Verdict));
                w.WriteField(ResultsWriter.Int(o.Probes.Count));
                w.WriteField(ResultsWriter.Int(o.Probes.Count * results.Replications));
                w.WriteField(string.Join("; ", o.FailedAbove));
                w.WriteField(o.BindingMetric ?? "");
                w.WriteField(ResultsWriter.Number(o.BindingUtilisation));
                w.WriteField(o.BindingResource ?? "");
                foreach (var m in MetricCatalog.Costs) w.WriteField(ResultsWriter.Number(o.CostAtLimit.FirstOrDefault(c => c.Name == m.Name)?.Value ?? double.NaN));
                w.EndRecord();
            }
        }));
    }

    /// <summary>The outcome as search.csv writes it.</summary>
    public static string VerdictName(SearchVerdict v) => v switch
    {
        SearchVerdict.Found => "found",
        SearchVerdict.BudgetSpent => "budget_spent",
        SearchVerdict.NoLoadMeetsSla => "no_load_meets_sla",
        SearchVerdict.MaxMeetsSla => "max_meets_sla",
        _ => "incomplete",
    };
}
