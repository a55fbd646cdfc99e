using System.Text;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// Writes <c>report.md</c> for an experiment: its setup, a summary table (mean ± 95% half-width of the
/// metrics a reader compares architectures by), the plots with their captions and the notes. The text
/// depends only on its input (no clock, no machine name, invariant culture, <c>\n</c> line ends), so the
/// same results always give the same bytes. Images are linked as <c>plots/&lt;file&gt;</c>: the caller
/// writes the report next to the plots directory.
/// </summary>
public static class ReportWriter
{
    /// <summary>The summary table's metric columns, in order.</summary>
    private static readonly string[] TableMetrics =
    [
        "produce_latency_ms_p99", "e2e_latency_ms_p99", "availability", "acked_records_lost",
        "rpo_s", "rto_s", "consumer_rto_s", "app_down_s", "duplicates", "transfer_cost_usd",
    ];

    /// <summary>The metrics measured only over the applications whose own host stayed up.</summary>
    private static readonly string[] StayedUpMetrics = ["availability", "rto_s", "consumer_rto_s"];

    /// <summary>Marks a cell that leaves out applications that went dark with their site.</summary>
    internal const string DarkMark = " †";

    public static string Write(ExperimentResults results, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(plots);
        var md = new StringBuilder();
        Line(md, $"# {Text(results.Name)}");
        Line(md);
        if (!string.IsNullOrWhiteSpace(results.Description))
        {
            Line(md, results.Description.Trim());
            Line(md);
        }
        VerdictSection.Write(md, results);
        WriteSetup(md, results);
        SearchReport.Write(md, results);
        WriteSummary(md, results);
        ComparisonMatrix.Write(md, results);
        CapacityReport.Write(md, results);
        WritePlots(md, plots);
        WriteNotes(md, results);
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static void WriteSetup(StringBuilder md, ExperimentResults results)
    {
        Line(md, "## Setup");
        Line(md);
        foreach (var line in results.Setup) Line(md, $"- {line}");
        Line(md, $"- Model: `{results.Model}`");
        var keys = results.SweptKeys.Count == 0 ? "none" : string.Join(", ", results.SweptKeys.Select(k => $"`{k}`"));
        Line(md, $"- Swept keys: {keys}");
        Line(md, results.Search is null ? $"- Runs: {results.Runs.Count} done of {results.TotalRuns}" : $"- Runs: {results.Runs.Count}, of at most {results.TotalRuns} the probe budget allows");
        Line(md, $"- Replications per sweep point: {results.Replications}");
        Line(md);
    }

    private static void WriteSummary(StringBuilder md, ExperimentResults results)
    {
        Line(md, "## Summary");
        Line(md);
        if (results.Summary.Count == 0)
        {
            Line(md, "No sweep point has finished yet.");
            Line(md);
            return;
        }
        Line(md, "Each cell is the mean over the sweep point's replications ± the half-width of its 95% confidence interval (Student's t); n/a where no run could measure the metric.");
        Line(md);

        var keys = results.SweptKeys.Where(k => k != ChartContext.ArchitectureKey).ToList();
        var header = new List<string> { "architecture" };
        header.AddRange(keys);
        header.Add("replications");
        header.AddRange(TableMetrics.Select(ChartContext.MetricLabel));
        Line(md, Row(header));
        Line(md, "|" + string.Concat(header.Select((_, i) => i < keys.Count + 1 ? " --- |" : " ---: |")));
        foreach (var row in results.Summary)
        {
            var cells = new List<string> { row.Architecture };
            cells.AddRange(keys.Select(k => ChartContext.ValueOf(row.Parameters, k) ?? ""));
            cells.Add(row.Replications.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var metric in TableMetrics)
            {
                var m = row.Metric(metric);
                var cell = m is null ? "n/a" : ReportNumbers.MeanWithCi(metric, m.Mean, m.Ci95, m.Count);
                cells.Add(LeavesOutDarkApps(row, metric) ? cell + DarkMark : cell);
            }
            Line(md, Row(cells));
        }
        Line(md);
        Line(md, "Availability and the RTOs measure the applications whose own host stayed up: availability is the records they had "
            + "served over the records they asked for, and a producer that could reach no broker of its cluster counts as unavailable "
            + "for as long as that lasted. Applications that went dark with their site cannot be served by any design; they are "
            + "counted instead in application-seconds down (app_down_s).");
        if (results.Summary.Any(AppsWentDark))
            Line(md, $"{DarkMark.Trim()} Applications went dark with their site in these runs (app_down_s above 0), so these figures leave "
                + "them out: an availability of 1 or an RTO of 0 here says that the applications that stayed up were served throughout, "
                + "not that the dark site's clients were.");
        Line(md);
    }

    private static bool AppsWentDark(SummaryRow row) => row.Metric("app_down_s") is { Mean: > 0 };

    /// <summary>Whether the row's <paramref name="metric"/> is one measured over the applications that stayed up while some went dark.</summary>
    internal static bool LeavesOutDarkApps(SummaryRow row, string metric) => StayedUpMetrics.Contains(metric) && AppsWentDark(row) && row.Metric(metric) is not null;

    private static void WritePlots(StringBuilder md, IReadOnlyList<PlotFile> plots)
    {
        Line(md, "## Plots");
        Line(md);
        if (plots.Count == 0)
        {
            Line(md, "No plots were drawn: no run has finished, or none measured what the plots show.");
            Line(md);
            return;
        }
        foreach (var plot in plots)
        {
            Line(md, $"### {Text(plot.Title)}");
            Line(md);
            Line(md, $"![{Text(plot.Title).Replace("[", "(").Replace("]", ")")}](plots/{plot.FileName})");
            Line(md);
            Line(md, plot.Caption);
            Line(md);
        }
    }

    private static void WriteNotes(StringBuilder md, ExperimentResults results)
    {
        Line(md, "## Notes");
        Line(md);
        var any = false;
        foreach (var note in results.Notes)
        {
            Line(md, $"- {note}");
            any = true;
        }
        // A search plans its whole probe budget but usually stops sooner; its searches say themselves when they are incomplete.
        if (results.Search is null && results.Runs.Count < results.TotalRuns)
        {
            Line(md, $"- Partial results: {results.Runs.Count} of {results.TotalRuns} runs have finished, so the summary and the plots cover only those runs "
                + "and some sweep points rest on fewer replications (or none) than planned.");
            any = true;
        }
        if (!any) Line(md, "None.");
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(Cell)) + " |";

    // A pipe would end the cell and a line break the row, so both are neutralised inside table cells.
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    private static string Text(string text) => text.Replace("\r", " ").Replace("\n", " ");

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
