using Sim.Results;

namespace Sim.Plotting.Tests;

public sealed class PlotSetTests
{
    private static readonly string[] ExpectedFiles =
    [
        "latency-cdf.png",
        "produce_latency_ms_p99-vs-links-a-b-rtt.png",
        "acked_records_lost-vs-links-a-b-rtt.png",
        "rto_s-vs-links-a-b-rtt.png",
        "availability-vs-links-a-b-rtt.png",
        "transfer_cost_usd-vs-links-a-b-rtt.png",
        "tradeoff.png",
        "availability.png",
        $"timeline-run-{SampleResults.TimelineRunId}.png",
    ];

    [Fact]
    public void Draw_SampleResults_WritesTheExpectedFilesInOrder()
    {
        using var temp = new TempDirectory();
        var plots = PlotSet.Draw(SampleResults.Create(), temp.Sub("plots"));

        Assert.Equal(ExpectedFiles, plots.Select(p => p.FileName));
        Assert.Equal(ExpectedFiles.Order(StringComparer.Ordinal), Directory.GetFiles(temp.Sub("plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(plots, p => Assert.False(string.IsNullOrWhiteSpace(p.Title)));
        Assert.All(plots, p => Assert.False(string.IsNullOrWhiteSpace(p.Caption)));
        Assert.All(plots, p => Assert.Contains("rtt-sweep", p.Title));
    }

    [Fact]
    public void Draw_SampleResults_WritesPngsOfAtLeast1200By700()
    {
        using var temp = new TempDirectory();
        var plots = PlotSet.Draw(SampleResults.Create(), temp.Sub("plots"));

        Assert.All(plots, p =>
        {
            var (width, height) = PngHeader.Read(Path.Combine(temp.Sub("plots"), p.FileName));
            Assert.True(width >= 1200 && height >= 700, $"{p.FileName} is {width}x{height}");
        });
    }

    [Fact]
    public void Draw_Twice_WritesByteIdenticalFiles()
    {
        using var temp = new TempDirectory();
        var first = PlotSet.Draw(SampleResults.Create(), temp.Sub("first"));
        var second = PlotSet.Draw(SampleResults.Create(), temp.Sub("second"));

        Assert.Equal(first, second);
        foreach (var plot in first)
        {
            var a = File.ReadAllBytes(Path.Combine(temp.Sub("first"), plot.FileName));
            var b = File.ReadAllBytes(Path.Combine(temp.Sub("second"), plot.FileName));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{plot.FileName} differs between two draws of the same results");
        }
    }

    [Fact]
    public void Draw_FourChartsAtATime_WritesTheSameListAndFilesAsOneAtATime()
    {
        using var temp = new TempDirectory();
        var serial = PlotSet.Draw(SampleResults.Create(), temp.Sub("serial"), jobs: 1);
        var parallel = PlotSet.Draw(SampleResults.Create(), temp.Sub("parallel"), jobs: 4);

        Assert.Equal(ExpectedFiles, serial.Select(p => p.FileName));
        Assert.Equal(serial, parallel);
        Assert.Equal(Directory.GetFiles(temp.Sub("serial")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(temp.Sub("parallel")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var plot in serial)
        {
            var a = File.ReadAllBytes(Path.Combine(temp.Sub("serial"), plot.FileName));
            var b = File.ReadAllBytes(Path.Combine(temp.Sub("parallel"), plot.FileName));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{plot.FileName} differs between a serial and a parallel draw");
        }
    }

    [Fact]
    public void Draw_MetricNaNEverywhere_SkipsItsPlots()
    {
        using var temp = new TempDirectory();
        var results = SampleResults.Create((name, value) => name == "transfer_cost_usd" ? double.NaN : value);

        var plots = PlotSet.Draw(results, temp.Sub("plots"));

        Assert.DoesNotContain(plots, p => p.FileName.StartsWith("transfer_cost_usd", StringComparison.Ordinal));
        Assert.Contains(plots, p => p.FileName == "tradeoff.png");
    }

    [Fact]
    public void Draw_SomeValuesNaN_StillDrawsEveryPlot()
    {
        using var temp = new TempDirectory();
        var calls = 0;

        // Every seventh value becomes NaN: runs carry nine metrics, so each metric is lost in some runs but not all,
        // and a run whose p99 is NaN also gets a latency distribution of NaNs.
        var results = SampleResults.Create((_, value) => ++calls % 7 == 0 ? double.NaN : value);

        var plots = PlotSet.Draw(results, temp.Sub("plots"));

        Assert.Equal(ExpectedFiles, plots.Select(p => p.FileName));
        Assert.All(plots, p => PngHeader.Read(Path.Combine(temp.Sub("plots"), p.FileName)));
    }

    [Fact]
    public void Draw_NoRuns_DrawsNothing()
    {
        using var temp = new TempDirectory();
        var results = new ExperimentResults("empty", null, "three-az", ["architecture"], 3, 9, [], []);

        var plots = PlotSet.Draw(results, temp.Sub("plots"));

        Assert.Empty(plots);
        Assert.False(Directory.Exists(temp.Sub("plots")) && Directory.EnumerateFiles(temp.Sub("plots")).Any());
    }

    [Fact]
    public void Draw_CategoricalKey_GetsNoLinePlot()
    {
        using var temp = new TempDirectory();
        var sample = SampleResults.Create();
        static IReadOnlyList<Parameter> WithAcks(IReadOnlyList<Parameter> ps, int point) => [.. ps, new Parameter("acks", point % 2 == 0 ? "all" : "1")];
        var results = sample with
        {
            SweptKeys = [.. sample.SweptKeys, "acks"],
            Runs = sample.Runs.Select(r => r with { Parameters = WithAcks(r.Parameters, r.PointId) }).ToList(),
            Summary = sample.Summary.Select(r => r with { Parameters = WithAcks(r.Parameters, r.PointId) }).ToList(),
        };

        var plots = PlotSet.Draw(results, temp.Sub("plots"));

        Assert.DoesNotContain(plots, p => p.FileName.Contains("-vs-acks", StringComparison.Ordinal));
        Assert.Contains(plots, p => p.FileName == "rto_s-vs-links-a-b-rtt.png");
    }

    [Fact]
    public void Draw_TimelineRunWithoutTimeseries_DrawsNoTimeline()
    {
        using var temp = new TempDirectory();
        var results = SampleResults.Create() with { TimelineRun = 0 };

        var plots = PlotSet.Draw(results, temp.Sub("plots"));

        Assert.DoesNotContain(plots, p => p.FileName.StartsWith("timeline-", StringComparison.Ordinal));
    }

    [Fact]
    public void Draw_TimelineRunAndAnotherDesignsTwinWithTimeseries_DrawsATimelinePerDesign()
    {
        using var temp = new TempDirectory();
        var sample = SampleResults.Create();

        // Run 1 is the first architecture at the timeline run's sweep values (rtt=2ms); give it a time series too.
        var twin = sample.Runs.Single(r => r.RunId == 1);
        var results = sample with { Runs = sample.Runs.Select(r => r.RunId == 1 ? r with { Timeseries = sample.Runs.Single(x => x.RunId == SampleResults.TimelineRunId).Timeseries } : r).ToList() };

        var plots = PlotSet.Draw(results, temp.Sub("plots"));

        Assert.Equal(["timeline-run-1.png", "timeline-run-7.png"], plots.Where(p => p.FileName.StartsWith("timeline-", StringComparison.Ordinal)).Select(p => p.FileName));
        Assert.Equal("stretched-cluster", twin.Architecture);
    }

    [Fact]
    public void Draw_FaultFreeStudy_DrawsNoLossRecoveryOrTradeoffChart()
    {
        using var temp = new TempDirectory();
        var sample = SampleResults.Create();
        var results = sample with { Runs = sample.Runs.Select(r => r with { Faults = [] }).ToList() };

        var plots = PlotSet.Draw(results, temp.Sub("plots")).Select(p => p.FileName).ToList();

        Assert.DoesNotContain("tradeoff.png", plots);
        Assert.DoesNotContain(plots, f => f.StartsWith("rto_s-", StringComparison.Ordinal) || f.StartsWith("acked_records_lost-", StringComparison.Ordinal));
        Assert.Contains(plots, f => f.StartsWith("produce_latency_ms_p99-", StringComparison.Ordinal));
    }

    [Fact]
    public void Draw_LatencyCdf_IsOnePanelPerSweepPointOnANinesAxis()
    {
        using var temp = new TempDirectory();

        var cdf = PlotSet.Draw(SampleResults.Create(), temp.Sub("plots")).Single(p => p.FileName == "latency-cdf.png");

        Assert.Contains("one panel per sweep point (3 panels", cdf.Caption);
        Assert.Contains("nines", cdf.Caption);
        Assert.Equal(2, LatencyCdfChart.Nines(99), 9);
        Assert.Equal(3, LatencyCdfChart.Nines(99.9), 9);
    }
}
