using Sim.Experiments.Running;
using Sim.Experiments.Tests.Support;
using Sim.Results;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// A point's summary of a metric: the mean over its replications and the half-width of the 95% confidence
/// interval, t(0.975, n-1)·s/√n with Student's t and the sample standard deviation. The expected values
/// below are worked by hand from the closed forms of t for one, two and four degrees of freedom.
/// </summary>
public sealed class SummarizerTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Summary_OneTwoThree_HasMeanTwoAndTheStudentTHalfWidth()
    {
        // s = 1, so the half-width is t(0.975, 2) / √3 = 4.3026527297 / 1.7320508076.
        var s = Summarizer.Summary("x", [1, 2, 3]);

        Assert.Equal(2, s.Mean, Tolerance);
        Assert.Equal(2.4841377117503294, s.Ci95, Tolerance);
        Assert.Equal(3, s.Count);
    }

    [Fact]
    public void Summary_TwoValues_UsesTheWideTOfOneDegreeOfFreedom()
    {
        // s = √8, s/√2 = 2, and t(0.975, 1) = tan(0.475π) = 12.7062047362.
        var s = Summarizer.Summary("x", [10, 14]);

        Assert.Equal(12, s.Mean, Tolerance);
        Assert.Equal(25.412409472349392, s.Ci95, Tolerance);
    }

    [Fact]
    public void Summary_FiveValues_UsesTheSampleVarianceWithNMinusOne()
    {
        // Mean 5, sample variance 36/4 = 9, half-width t(0.975, 4)·√(9/5) = 2.7764451052·1.3416407865.
        var s = Summarizer.Summary("x", [2, 4, 4, 5, 10]);

        Assert.Equal(5, s.Mean, Tolerance);
        Assert.Equal(3.7249919946112926, s.Ci95, Tolerance);
    }

    [Fact]
    public void Summary_OneReplication_HasNoInterval()
    {
        var s = Summarizer.Summary("x", [7.5]);

        Assert.Equal(7.5, s.Mean);
        Assert.Equal(0, s.Ci95);
        Assert.Equal(1, s.Count);
    }

    [Fact]
    public void Summary_IdenticalValues_HaveAZeroWidthInterval()
    {
        var s = Summarizer.Summary("x", [4, 4, 4, 4]);

        Assert.Equal(4, s.Mean);
        Assert.Equal(0, s.Ci95);
    }

    [Fact]
    public void Summary_NaNValues_AreLeftOutAndNotCounted()
    {
        var s = Summarizer.Summary("x", [1, double.NaN, 2, 3, double.NaN]);

        Assert.Equal(2, s.Mean, Tolerance);
        Assert.Equal(2.4841377117503294, s.Ci95, Tolerance);
        Assert.Equal(3, s.Count);
    }

    [Fact]
    public void Summary_OnlyNaNValues_IsNaNWithACountOfZero()
    {
        var s = Summarizer.Summary("x", [double.NaN, double.NaN]);

        Assert.True(double.IsNaN(s.Mean));
        Assert.True(double.IsNaN(s.Ci95));
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void Summarize_RunsInAnyOrder_GivesOneRowPerPointInPointOrder()
    {
        const string metric = "produce_latency_ms_p99";
        var runs = new[]
        {
            RunRecords.With(4, pointId: 1, metric, 10),
            RunRecords.With(0, pointId: 0, metric, 1),
            RunRecords.With(5, pointId: 1, metric, 14),
            RunRecords.With(2, pointId: 0, metric, 3),
            RunRecords.With(1, pointId: 0, metric, 2),
        };

        var rows = Summarizer.Summarize(runs);

        Assert.Equal([0, 1], rows.Select(r => r.PointId));
        Assert.Equal([3, 2], rows.Select(r => r.Replications));
        Assert.Equal(2, rows[0].Metric(metric)!.Mean, Tolerance);
        Assert.Equal(2.4841377117503294, rows[0].Metric(metric)!.Ci95, Tolerance);
        Assert.Equal(12, rows[1].Metric(metric)!.Mean, Tolerance);
        // Every catalogued metric has a summary, in catalogue order, even the ones no run measured.
        Assert.Equal(MetricCatalog.All.Select(m => m.Name), rows[0].Metrics.Select(m => m.Name));
        Assert.True(double.IsNaN(rows[0].Metric("rpo_s")!.Mean));
    }

    [Fact]
    public void Summarize_Row_TakesItsArchitectureAndParametersFromThePointsRuns()
    {
        Parameter[] parameters = [new("network.links.a/b.rtt", "20ms")];
        var runs = new[]
        {
            RunRecords.Of(3, pointId: 1, replication: 1, architecture: "active-active", parameters: parameters),
            RunRecords.Of(2, pointId: 1, replication: 0, architecture: "active-active", parameters: parameters),
        };

        var row = Assert.Single(Summarizer.Summarize(runs));

        Assert.Equal("active-active", row.Architecture);
        Assert.Equal(parameters, row.Parameters);
    }
}
