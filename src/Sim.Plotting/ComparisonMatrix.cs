using System.Globalization;
using System.Text;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The multi-site guide's comparison matrix (seed 003, "Architecture Comparison", "Comparison Matrix") beside what the
/// study measured: for each of the seven designs the sweep ran, each row quotes the guide's short cell text and gives
/// the simulated figure after it. Written only when the sweep covers at least two of the seven templates, one summary
/// row each (a study that also sweeps other keys has no single figure per design). Rows the simulation does not produce
/// (complexity, network, distance, failover style) are left out.
/// </summary>
internal static class ComparisonMatrix
{
    /// <summary>The seven designs in the guide's column order, with its column heading.</summary>
    private static readonly (string Template, string Heading)[] Designs =
    [
        ("stretch", "Stretch Cluster"), ("active-active", "Active-Active"), ("active-passive", "Active-Passive"), ("aggregate", "Aggregate"),
        ("hub-and-spoke", "Hub-Spoke"), ("observer", "Observer"), ("tiered-dr", "Tiered"),
    ];

    /// <summary>The guide's rows: feature, its cells in <see cref="Designs"/> order (quoted), and how the simulated figure is told.</summary>
    private static readonly (string Feature, string[] Seed, Func<SummaryRow, string> Measured)[] Rows =
    [
        ("Consistency", ["Strong", "Eventual", "Strong*", "Eventual", "Eventual", "Eventual", "Varies"], Consistency),
        ("Write Latency", ["High (10-30ms)", "Low (<5ms)", "Low (<5ms)", "Low (<5ms)", "Low (<5ms)", "N/A", "Low (<5ms)"],
            r => $"p50 {F(r, "produce_latency_ms_p50")} / p99 {F(r, "produce_latency_ms_p99")} ms"),
        ("Clusters", ["1", "2", "2", "3+", "N+1", "N+1", "2"], r => F(r, "kafka_clusters")),
        ("Cost", ["Medium", "High", "Low", "Very High", "High", "Medium", "Low"], r => $"${F(r, "cost_month_usd")}/month"),
        ("Conflicts", ["None", "Required", "None", "Required", "Possible", "N/A", "Varies"],
            r => $"{F(r, "conflicts_per_s")} keys/s, LWW lost {F(r, "updates_lost_lww")}"),
        ("RPO", ["~0", "Seconds", "Seconds", "Seconds", "Seconds", "N/A", "Seconds"], Rpo),
        ("RTO", ["~0", "Minutes", "Minutes", "Minutes", "Minutes", "N/A", "Minutes"], r => $"{F(r, "rto_s")} s"),
    ];

    public static void Write(StringBuilder md, ExperimentResults results)
    {
        if (!results.SweptKeys.Contains(ChartContext.ArchitectureKey)) return;
        var byDesign = results.Summary.GroupBy(r => r.Architecture).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var columns = Enumerable.Range(0, Designs.Length).Where(i => byDesign.TryGetValue(Designs[i].Template, out var rows) && rows.Count == 1).ToList();
        if (columns.Count < 2 || columns.Any(i => byDesign[Designs[i].Template].Count != 1)) return;
        Line(md, "## The guide's comparison matrix beside the simulation");
        Line(md);
        Line(md, "Each cell: the multi-site guide's words (seed 003, \"Comparison Matrix\", quoted) — the simulated figure (mean over replications). "
            + "Consistency: acknowledged records lost and how far behind a reader of a MirrorMaker 2 copy is (mirrored end-to-end p50; the local "
            + "end-to-end p50 where nothing reads a copy); RPO: rpo_s, with the hot and cold recovery points where a design has a standby; RTO: the "
            + "producer RTO rto_s (0 where the applications that stayed up never stopped); cost: cost_month_usd.");
        Line(md);
        Line(md, "| | " + string.Join(" | ", columns.Select(i => Designs[i].Heading)) + " |");
        Line(md, "|---|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var (feature, seed, measured) in Rows)
        {
            var cells = columns.Select(i => $"\"{seed[i]}\" — {measured(byDesign[Designs[i].Template][0])}");
            Line(md, $"| **{feature}** | " + string.Join(" | ", cells).Replace("\n", " ") + " |");
        }
        Line(md);
    }

    private static string Consistency(SummaryRow r)
    {
        bool mirrored = r.Metric("mirrored_e2e_latency_ms_p50") is { Count: > 0 } m && !double.IsNaN(m.Mean);
        string stale = mirrored ? $"copies read {F(r, "mirrored_e2e_latency_ms_p50")} ms behind" : $"read {F(r, "e2e_latency_ms_p50")} ms behind";
        return $"lost {F(r, "acked_records_lost")}, {stale}";
    }

    private static string Rpo(SummaryRow r)
    {
        string rpo = $"{F(r, "rpo_s")} s";
        if (r.Metric("rpo_hot_s") is { Count: > 0 } hot && !double.IsNaN(hot.Mean)) rpo += $" (hot {F(r, "rpo_hot_s")} s";
        else return rpo;
        return r.Metric("rpo_cold_s") is { Count: > 0 } cold && !double.IsNaN(cold.Mean) ? rpo + $", cold {F(r, "rpo_cold_s")} s)" : rpo + ")";
    }

    /// <summary>The metric's mean, as the summary table shows numbers; "n/a" where no run measured it.</summary>
    private static string F(SummaryRow r, string metric) =>
        r.Metric(metric) is { Count: > 0 } m && !double.IsNaN(m.Mean) ? ReportNumbers.Format(metric, m.Mean) : "n/a";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
