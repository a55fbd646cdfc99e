using HdrHistogram;
using Sim.Architectures.Metrics;

namespace Sim.Architectures.Tests;

/// <summary>A latency histogram created at its first value reads as an empty one until then, and as one created up front after.</summary>
public class LazyHistogramTests
{
    [Fact]
    public void NotCreated_ReadsAsEmpty()
    {
        LongHistogram? h = null;

        Assert.Equal(0, LazyHistogram.Count(h));
        Assert.True(double.IsNaN(LazyHistogram.Ms(h, 99)));
    }

    [Fact]
    public void CreatedAtTheFirstValue_ReadsAsAHistogramCreatedUpFront()
    {
        var rng = new Random(3);
        var eager = new LongHistogram(LatencyProbe.HighestMicros, 3);
        LongHistogram? lazy = null;
        for (int i = 0; i < 10_000; i++)
        {
            long us = (long)Math.Exp(rng.NextDouble() * 20);
            long count = rng.Next(1, 4);
            if (i % 2 == 0)
            {
                eager.RecordValue(us);
                LazyHistogram.Record(ref lazy, us);
            }
            else
            {
                eager.RecordValueWithCount(us, count);
                LazyHistogram.Record(ref lazy, us, count);
            }
        }

        Assert.NotNull(lazy);
        Assert.Equal(eager.TotalCount, LazyHistogram.Count(lazy));
        Assert.Equal(eager.HighestTrackableValue, lazy!.HighestTrackableValue);
        Assert.Equal(eager.GetMaxValue(), lazy.GetMaxValue());
        foreach (var p in LatencyProbe.CdfPercentiles) Assert.Equal(eager.GetValueAtPercentile(p) / 1000.0, LazyHistogram.Ms(lazy, p));
    }

    [Fact]
    public void ACountOfZero_CreatesItButLeavesItEmpty()
    {
        LongHistogram? h = null;

        LazyHistogram.Record(ref h, 500, 0);

        Assert.Equal(0, LazyHistogram.Count(h));
        Assert.True(double.IsNaN(LazyHistogram.Ms(h, 50)));
    }
}
