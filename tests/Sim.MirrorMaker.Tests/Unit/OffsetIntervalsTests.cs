using FsCheck.Xunit;
using Sim.MirrorMaker.Audit;

namespace Sim.MirrorMaker.Tests.Unit;

/// <summary>Offset sets kept as sorted, disjoint, half-open intervals: adding reports overlap, neighbours merge.</summary>
public sealed class OffsetIntervalsTests
{
    [Fact]
    public void Add_IntoEmptySet_ReturnsZeroAndHoldsTheRange()
    {
        var set = new OffsetIntervals();

        Assert.Equal(0, set.Add(5, 10));

        Assert.Equal([(5L, 10L)], set.Intervals);
        Assert.Equal(5, set.Count);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(7, 3)]
    public void Add_EmptyOrInvertedRange_ChangesNothing(long start, long end)
    {
        var set = new OffsetIntervals();
        set.Add(0, 2);

        Assert.Equal(0, set.Add(start, end));

        Assert.Equal([(0L, 2L)], set.Intervals);
    }

    [Fact]
    public void Add_SameRangeTwice_ReturnsTheWholeRangeAsOverlap()
    {
        var set = new OffsetIntervals();
        set.Add(10, 20);

        Assert.Equal(10, set.Add(10, 20));

        Assert.Equal([(10L, 20L)], set.Intervals);
    }

    [Fact]
    public void Add_PartlyOverlapping_ReturnsOverlapAndMerges()
    {
        var set = new OffsetIntervals();
        set.Add(10, 20);

        Assert.Equal(5, set.Add(15, 30));

        Assert.Equal([(10L, 30L)], set.Intervals);
        Assert.Equal(20, set.Count);
    }

    [Fact]
    public void Add_AdjacentOnEitherSide_MergesIntoOneInterval()
    {
        var set = new OffsetIntervals();
        set.Add(10, 20);

        Assert.Equal(0, set.Add(20, 25));
        Assert.Equal(0, set.Add(5, 10));

        Assert.Equal([(5L, 25L)], set.Intervals);
    }

    [Fact]
    public void Add_BridgingSeveralIntervals_CountsEachOverlapAndMergesAll()
    {
        var set = new OffsetIntervals();
        set.Add(0, 5);
        set.Add(10, 15);
        set.Add(20, 25);
        set.Add(40, 45);

        // [3, 22) overlaps 2 of the first, all 5 of the second and 2 of the third.
        Assert.Equal(9, set.Add(3, 22));

        Assert.Equal([(0L, 25L), (40L, 45L)], set.Intervals);
    }

    [Fact]
    public void Add_DisjointOutOfOrder_KeepsIntervalsSorted()
    {
        var set = new OffsetIntervals();
        set.Add(50, 60);
        set.Add(0, 5);
        set.Add(20, 30);

        Assert.Equal([(0L, 5L), (20L, 30L), (50L, 60L)], set.Intervals);
        Assert.Equal(25, set.Count);
    }

    [Fact]
    public void Add_InsideAnExistingInterval_ReturnsItsLengthAndChangesNothing()
    {
        var set = new OffsetIntervals();
        set.Add(0, 100);

        Assert.Equal(10, set.Add(40, 50));

        Assert.Equal([(0L, 100L)], set.Intervals);
    }

    [Fact]
    public void CountIn_RangeAcrossGaps_CountsOnlyHeldOffsets()
    {
        var set = new OffsetIntervals();
        set.Add(0, 5);
        set.Add(10, 15);

        Assert.Equal(4, set.CountIn(3, 12));
        Assert.Equal(0, set.CountIn(5, 10));
        Assert.Equal(10, set.CountIn(-100, 100));
        Assert.Equal(0, set.CountIn(15, 20));
    }

    [Fact]
    public void Contains_BoundariesOfHalfOpenInterval_StartInEndOut()
    {
        var set = new OffsetIntervals();
        set.Add(10, 20);

        Assert.True(set.Contains(10));
        Assert.True(set.Contains(19));
        Assert.False(set.Contains(20));
        Assert.False(set.Contains(9));
    }

    [Fact]
    public void MinAndEnd_EmptySet_AreMinusOne()
    {
        var set = new OffsetIntervals();

        Assert.Equal(-1, set.Min);
        Assert.Equal(-1, set.End);
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void MinAndEnd_SeveralIntervals_AreLowestAndOnePastHighest()
    {
        var set = new OffsetIntervals();
        set.Add(30, 40);
        set.Add(7, 9);

        Assert.Equal(7, set.Min);
        Assert.Equal(40, set.End);
    }

    [Property(MaxTest = 500)]
    public void Add_AnySequence_BehavesLikeASetOfOffsets(int[] ops, int[] queries)
    {
        var set = new OffsetIntervals();
        var model = new HashSet<long>();
        foreach (var op in ops)
        {
            // Each int encodes a small range so ranges collide often: start 0..63, length 0..15.
            long start = op & 0x3F, end = start + ((op >> 6) & 0xF);
            long present = 0;
            for (long o = start; o < end; o++)
                if (!model.Add(o)) present++;

            Assert.Equal(present, set.Add(start, end));
        }

        Assert.Equal(model.Count, set.Count);
        Assert.Equal(model.Count == 0 ? -1 : model.Min(), set.Min);
        Assert.Equal(model.Count == 0 ? -1 : model.Max() + 1, set.End);
        // Sorted, disjoint and never adjacent: adjacent intervals would have been merged.
        for (int i = 0; i < set.Intervals.Count; i++)
        {
            Assert.True(set.Intervals[i].Start < set.Intervals[i].End);
            if (i > 0) Assert.True(set.Intervals[i - 1].End < set.Intervals[i].Start, $"intervals {i - 1} and {i} touch or overlap");
        }
        for (long o = -1; o <= 80; o++) Assert.Equal(model.Contains(o), set.Contains(o));
        foreach (var q in queries)
        {
            long start = (q & 0x7F) - 8, end = start + ((q >> 7) & 0x1F);
            Assert.Equal(model.Count(o => o >= start && o < end), set.CountIn(start, end));
        }
    }
}
