using Sim.Results;

namespace Sim.Plotting.Tests;

public sealed class ReportWriterTests
{
    private static readonly IReadOnlyList<PlotFile> Plots =
    [
        new("latency-cdf.png", "Produce latency distribution by architecture (rtt-sweep)", "One line per architecture."),
        new("tradeoff.png", "RPO / RTO / latency trade-off (rtt-sweep)", "One marker per sweep point."),
    ];

    [Fact]
    public void Write_SampleResults_HasOneTableRowPerSweepPoint()
    {
        var report = ReportWriter.Write(SampleResults.Create(), Plots);

        Assert.Contains("| architecture | links.a/b.rtt | replications | produce latency p99 (ms) |", report);
        Assert.Contains("| stretched-cluster | 2ms | 2 | 9.8 ± 5.1 |", report);
        Assert.Contains("| active-passive-mm2 | 40ms | 2 | 10.3 ± 3.2 |", report);
        Assert.Equal(6, report.Split('\n').Count(l => l.StartsWith("| stretched-cluster |", StringComparison.Ordinal) || l.StartsWith("| active-passive-mm2 |", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_SampleResults_FormatsEachMetricToItsPrecision()
    {
        var report = ReportWriter.Write(SampleResults.Create(), Plots);
        var row = report.Split('\n').Single(l => l.StartsWith("| active-passive-mm2 | 2ms |", StringComparison.Ordinal));

        // availability to 5 decimals, lost records as an integer, seconds and dollars to 2 decimals.
        Assert.Contains("| 0.99450 ± 0.00635 |", row);
        Assert.Contains("| 1310 ± 635 |", row);
        Assert.Contains("| 1.69 ± 1.91 |", row);
        Assert.Contains("| 2.43 ± 0.19 |", row);
    }

    [Fact]
    public void Write_SampleResults_LinksEveryPlotWithItsCaption()
    {
        var report = ReportWriter.Write(SampleResults.Create(), Plots);

        foreach (var plot in Plots)
        {
            Assert.Contains($"](plots/{plot.FileName})", report);
            Assert.Contains($"### {plot.Title}", report);
            Assert.Contains(plot.Caption, report);
        }
    }

    [Fact]
    public void Write_SampleResults_HasSetupAndNotes()
    {
        var report = ReportWriter.Write(SampleResults.Create(), Plots);

        Assert.StartsWith("# rtt-sweep\n\nHow the distance between two sites", report);
        Assert.Contains("- Faults: zone-outage of site a at 60 s for 60 s\n", report);
        Assert.Contains("- Model: `two-metro-dcs`\n", report);
        Assert.Contains("- Swept keys: `architecture`, `links.a/b.rtt`\n", report);
        Assert.Contains("- Runs: 12 done of 12\n", report);
        Assert.Contains("- Replications per sweep point: 2\n", report);
        Assert.Contains("## Notes\n\n- acks=all and min.insync.replicas=2 throughout.\n", report);
        Assert.DoesNotContain("Partial results", report);
    }

    [Fact]
    public void Write_FewerRunsThanPlanned_SaysTheResultsArePartial()
    {
        var report = ReportWriter.Write(SampleResults.Create() with { TotalRuns = 20 }, Plots);

        Assert.Contains("- Runs: 12 done of 20\n", report);
        Assert.Contains("- Partial results: 12 of 20 runs have finished", report);
    }

    [Fact]
    public void Write_SameInputTwice_IsIdenticalWithUnixLineEnds()
    {
        var first = ReportWriter.Write(SampleResults.Create(), Plots);
        var second = ReportWriter.Write(SampleResults.Create(), Plots);

        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first);
        Assert.EndsWith("\n", first);
        Assert.False(first.EndsWith("\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_NaNMetric_WritesNotAvailable()
    {
        var results = SampleResults.Create((name, value) => name == "rpo_s" ? double.NaN : value);

        var report = ReportWriter.Write(results, Plots);

        Assert.Contains("| n/a |", report);
    }

    [Fact]
    public void Write_SampleResults_SaysWhatAvailabilityMeasures_WithoutMarksWhenNoApplicationWentDark()
    {
        var report = ReportWriter.Write(SampleResults.Create(), Plots);

        Assert.Contains("Availability and the RTOs measure the applications whose own host stayed up", report);
        Assert.DoesNotContain("†", report);
    }

    [Fact]
    public void Write_ApplicationsDarkWithTheirSite_MarksAvailabilityAndRtosAsLeavingThemOut()
    {
        var results = SampleResults.Create((name, value) => name == "app_down_s" ? 60 : value);

        var report = ReportWriter.Write(results, Plots);

        var row = report.Split('\n').Single(l => l.StartsWith("| active-passive-mm2 | 2ms |", StringComparison.Ordinal));
        Assert.Contains("| 0.99450 ± 0.00635 † |", row);
        Assert.Contains("| 60.00 ± 0.00 |", row);
        Assert.Contains("† Applications went dark with their site in these runs", report);
    }

    [Fact]
    public void Write_NoRuns_StillWritesEverySection()
    {
        var results = new ExperimentResults("empty", null, "three-az", ["architecture"], 3, 9, [], []);

        var report = ReportWriter.Write(results, []);

        Assert.Contains("## Setup", report);
        Assert.Contains("No sweep point has finished yet.", report);
        Assert.Contains("No plots were drawn", report);
        Assert.Contains("- Partial results: 0 of 9 runs have finished", report);
    }
}
