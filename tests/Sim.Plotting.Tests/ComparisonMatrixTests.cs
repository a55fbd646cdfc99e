using Sim.Results;

namespace Sim.Plotting.Tests;

/// <summary>The report's copy of the multi-site guide's comparison matrix: the guide's words, quoted, beside the simulated figures.</summary>
public class ComparisonMatrixTests
{
    private static SummaryRow Row(int point, string design, params (string Name, double Mean)[] metrics) =>
        new(point, design, [new Parameter("architecture", design)], 1, metrics.Select(m => new MetricSummary(m.Name, m.Mean, 0, 1)).ToList());

    private static ExperimentResults Study(params SummaryRow[] rows) =>
        new("designs", "", "three-metro-dcs", ["architecture"], 1, rows.Length, [], rows);

    [Fact]
    public void Write_ASweepOverTheSevenTemplates_QuotesTheGuideBesideEachFigure()
    {
        var md = ReportWriter.Write(Study(
            Row(0, "stretch", ("produce_latency_ms_p50", 8.99), ("produce_latency_ms_p99", 15.4), ("kafka_clusters", 1), ("rpo_s", 0), ("rto_s", 30.2),
                ("acked_records_lost", 0), ("e2e_latency_ms_p50", 6.2), ("cost_month_usd", 2452.83), ("conflicts_per_s", 0), ("updates_lost_lww", 0)),
            Row(1, "tiered-dr", ("produce_latency_ms_p50", 5.6), ("produce_latency_ms_p99", 8.1), ("kafka_clusters", 2), ("rpo_s", 0), ("rpo_hot_s", 0.5),
                ("rpo_cold_s", 21.25), ("rto_s", 16.6), ("acked_records_lost", 0), ("mirrored_e2e_latency_ms_p50", 40.5), ("cost_month_usd", 2626.76))), []);
        Assert.Contains("## The guide's comparison matrix beside the simulation", md, StringComparison.Ordinal);
        Assert.Contains("| | Stretch Cluster | Tiered |", md, StringComparison.Ordinal);
        Assert.Contains("| **Write Latency** | \"High (10-30ms)\" — p50 9.0 / p99 15.4 ms | \"Low (<5ms)\" — p50 5.6 / p99 8.1 ms |", md, StringComparison.Ordinal);
        Assert.Contains("| **Clusters** | \"1\" — 1 | \"2\" — 2 |", md, StringComparison.Ordinal);
        Assert.Contains("\"Seconds\" — 0.00 s (hot 0.50 s, cold 21.25 s)", md, StringComparison.Ordinal);
        Assert.Contains("\"Strong\" — lost 0, read 6.2 ms behind", md, StringComparison.Ordinal);
        Assert.Contains("\"Varies\" — lost 0, copies read 40.5 ms behind", md, StringComparison.Ordinal);
        // A figure no run measured reads n/a rather than a made-up number.
        Assert.Contains("\"Varies\" — n/a keys/s, LWW lost n/a", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AStudyThatDoesNotSweepTheSevenTemplates_HasNoMatrix()
    {
        Assert.DoesNotContain("comparison matrix", ReportWriter.Write(SampleResults.Create(), []), StringComparison.Ordinal);
        Assert.DoesNotContain("comparison matrix", ReportWriter.Write(Study(Row(0, "stretch", ("rto_s", 1))), []), StringComparison.Ordinal);
    }
}
