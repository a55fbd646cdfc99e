using Sim.Core.Metrics;

namespace Sim.Core.Tests.Metrics;

public sealed class RunningStatisticsTests
{
    [Fact]
    public void Add_KnownValues_GivesCountSumMeanMinMax()
    {
        var s = new RunningStatistics();
        foreach (var x in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 }) s.Add(x);

        Assert.Equal((8L, 40.0, 5.0, 2.0, 9.0), (s.Count, s.Sum, s.Mean, s.Min, s.Max));
    }

    [Fact]
    public void Variance_KnownValues_IsSampleVariance()
    {
        var s = new RunningStatistics();
        foreach (var x in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 }) s.Add(x);

        Assert.Equal(32.0 / 7.0, s.Variance, precision: 12);
        Assert.Equal(Math.Sqrt(32.0 / 7.0), s.StdDev, precision: 12);
    }

    [Fact]
    public void Variance_LargeOffset_StaysAccurate()
    {
        // Welford's update avoids the cancellation a naive sum of squares suffers at a large offset.
        var s = new RunningStatistics();
        foreach (var x in new[] { 4.0, 7, 13, 16 }) s.Add(1e9 + x);

        Assert.Equal(30.0, s.Variance, precision: 6);
    }

    [Fact]
    public void Mean_NoObservations_IsNaN()
    {
        Assert.True(double.IsNaN(new RunningStatistics().Mean));
    }

    [Fact]
    public void Variance_OneObservation_IsNaN()
    {
        var s = new RunningStatistics();
        s.Add(3);

        Assert.True(double.IsNaN(s.Variance));
    }

    [Fact]
    public void MinMax_NegativeFirstValue_Tracked()
    {
        var s = new RunningStatistics();
        s.Add(-5);
        s.Add(-10);
        s.Add(-1);

        Assert.Equal((-10.0, -1.0), (s.Min, s.Max));
    }
}
