using Sim.Architectures.Metrics;

namespace Sim.Architectures.Tests;

/// <summary>The per-(producer, partition) table probes use on every acknowledgement: each pair its own slot, kept through growth.</summary>
public class ProducerPartitionTableTests
{
    [Fact]
    public void Slot_StartsEmpty_AndKeepsWhatWasSet()
    {
        var table = new ProducerPartitionTable<string>();

        Assert.Null(table.Slot(400_000, 3));
        table.Slot(400_000, 3) = "a";

        Assert.Equal("a", table.Slot(400_000, 3));
        Assert.Null(table.Slot(400_000, 4));
    }

    [Fact]
    public void Slot_OfAnotherProducer_IsItsOwn_EvenWhenProducersAlternate()
    {
        var table = new ProducerPartitionTable<string>();
        table.Slot(1, 0) = "one";
        table.Slot(2, 0) = "two";
        table.Slot(1, 1) = "one-1";

        Assert.Equal("one", table.Slot(1, 0));
        Assert.Equal("two", table.Slot(2, 0));
        Assert.Null(table.Slot(2, 1));
        Assert.Equal("one-1", table.Slot(1, 1));
    }

    [Fact]
    public void Slot_PastTheRow_GrowsIt_KeepingEarlierSlots()
    {
        var table = new ProducerPartitionTable<string>();
        for (int p = 0; p < 10; p++) table.Slot(7, p) = "p" + p;
        table.Slot(8, 0) = "other";

        table.Slot(7, 5_000) = "far";
        table.Slot(8, 40) = "other-40";

        for (int p = 0; p < 10; p++) Assert.Equal("p" + p, table.Slot(7, p));
        Assert.Equal("far", table.Slot(7, 5_000));
        Assert.Null(table.Slot(7, 4_999));
        Assert.Equal("other", table.Slot(8, 0));
        Assert.Equal("other-40", table.Slot(8, 40));
    }

    [Fact]
    public void Slot_WrittenThroughTheReference_IsSeenByTheNextLookup()
    {
        var table = new ProducerPartitionTable<string>();
        ref var slot = ref table.Slot(5, 2);
        slot = "set by ref";

        Assert.Equal("set by ref", table.Slot(5, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Slot(5, -1));
    }
}
