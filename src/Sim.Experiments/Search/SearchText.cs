using System.Globalization;

namespace Sim.Experiments.Search;

/// <summary>The sentences the report's setup and notes carry about a capacity search.</summary>
public static class SearchText
{
    public static string Setup(SearchSpec s) =>
        $"Capacity search: for each sweep point, the highest `{s.Key}` from {s.Scale.Format(s.Min)} to {s.Scale.Format(s.Max)} meeting the SLA " +
        $"{string.Join(" and ", s.Sla.Select(t => $"`{t.Text}`"))}, by bisection to {Percent(s.Precision)} with at most {s.MaxProbes} probes per point.";

    public static string Note(SearchSpec s) =>
        "Each probe of the capacity search is summarised as a point of its own (summary.csv, point_id = sweep point x " +
        $"{s.MaxProbes.ToString(CultureInfo.InvariantCulture)} + probe), with the same seeds as every other probe. " +
        (s.Judge == SlaJudge.Mean
            ? "A probe meets the SLA when the mean over its replications does."
            : "A probe meets the SLA only when the pessimistic end of each metric's 95% confidence interval does.") +
        " The search assumes a load that breaks the SLA is never followed by a higher one that meets it.";

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
