using Sim.Core.Randomness;

namespace Sim.Core.Tests.Randomness;

public sealed class RngStreamsTests
{
    private static ulong[] Draw(RngStream s, int n) => Enumerable.Range(0, n).Select(_ => s.NextUInt64()).ToArray();

    [Fact]
    public void Get_SameNameAndSeed_GivesSameSequence()
    {
        var x = new RngStreams(7).Get("workload");
        var y = new RngStreams(7).Get("workload");

        Assert.Equal(Draw(x, 100), Draw(y, 100));
    }

    [Fact]
    public void Get_DifferentNames_GiveDifferentSequences()
    {
        var streams = new RngStreams(7);

        Assert.NotEqual(Draw(streams.Get("workload"), 10), Draw(streams.Get("faults"), 10));
    }

    [Fact]
    public void Get_DifferentMasterSeeds_GiveDifferentSequences()
    {
        Assert.NotEqual(Draw(new RngStreams(7).Get("workload"), 10), Draw(new RngStreams(8).Get("workload"), 10));
    }

    [Fact]
    public void Get_SameNameTwice_ReturnsTheSameStreamContinuing()
    {
        var streams = new RngStreams(7);
        var first = streams.Get("workload");

        Assert.Same(first, streams.Get("workload"));
    }

    [Fact]
    public void Get_OtherStreamCreatedFirst_DoesNotChangeDraws()
    {
        var alone = new RngStreams(99);
        var a1 = Draw(alone.Get("a"), 1_000);

        var withB = new RngStreams(99);
        Draw(withB.Get("b"), 500);
        var a2 = Draw(withB.Get("a"), 1_000);

        Assert.Equal(a1, a2);
    }

    [Fact]
    public void Get_OtherStreamDrawnInBetween_DoesNotChangeDraws()
    {
        var alone = new RngStreams(99);
        var a1 = Draw(alone.Get("a"), 1_000);

        var interleaved = new RngStreams(99);
        var a = interleaved.Get("a");
        var a2 = new List<ulong>();
        for (int i = 0; i < 1_000; i++)
        {
            a2.Add(a.NextUInt64());
            // A stream created mid-way, and an existing one drawn from a varying number of times.
            var b = interleaved.Get(i % 2 == 0 ? "b" : "c-" + i);
            for (int k = 0; k < i % 5; k++) b.NextDouble();
        }

        Assert.Equal(a1, a2);
    }

    [Fact]
    public void Get_StreamSeed_IsDerivedFromMasterSeedAndName()
    {
        var s = new RngStreams(5).Get("network/link/a->b");

        Assert.Equal(StableHash.Derive(5, "network/link/a->b"), s.Seed);
        Assert.Equal("network/link/a->b", s.Name);
        Assert.Equal(5UL, new RngStreams(5).MasterSeed);
    }
}
