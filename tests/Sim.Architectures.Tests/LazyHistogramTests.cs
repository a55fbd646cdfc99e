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

    private static void RecordRandom(Random rng, LongHistogram h, int n)
    {
        for (int i = 0; i < n; i++) h.RecordValue((long)Math.Exp(rng.NextDouble() * 21));
    }

    [Fact]
    public void RecordedCounts_AreTheHistogramsRecordedValues_AndAnEmptiedHistogramRefilledCountsAsANewOne()
    {
        var used = LazyHistogram.New();
        RecordRandom(new Random(11), used, 5_000);
        var first = RecordedCounts.Of(used);
        Assert.Equal(used.TotalCount, first.TotalCount);
        Assert.Equal(used.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)), first.Values.Zip(first.Counts));

        used.Reset();
        var fresh = LazyHistogram.New();
        RecordRandom(new Random(12), used, 3_000);
        RecordRandom(new Random(12), fresh, 3_000);

        var refilled = RecordedCounts.Of(used);
        var expected = RecordedCounts.Of(fresh);
        Assert.Equal(expected.TotalCount, refilled.TotalCount);
        Assert.Equal(expected.Values, refilled.Values);
        Assert.Equal(expected.Counts, refilled.Counts);
        Assert.Equal(fresh.GetMaxValue(), used.GetMaxValue());
        Assert.NotEqual(first.Values, refilled.Values);
    }
}
