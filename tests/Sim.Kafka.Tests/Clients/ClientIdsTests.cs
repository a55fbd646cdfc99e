using Sim.Kafka.Clients;

namespace Sim.Kafka.Tests.Clients;

/// <summary>The simulation's client-id allocator: blocks at their fixed first ids, and a name recorded for every id.</summary>
public class ClientIdsTests
{
    [Fact]
    public void BlocksStartAtTheirFirstIdsAndCountUpInTheOrderAsked()
    {
        var ids = new ClientIds();
        var apps = ids.Applications();
        var second = ids.Failover(1);
        Assert.Equal(400_000, apps.Next("orders-writer (producer #1, on cluster east)"));
        Assert.Equal(310_000, second.Next("billing (consumer #1, on cluster east)"));
        Assert.Equal(400_001, apps.Next("orders-writer (producer #2, on cluster west)"));
        Assert.Equal(200_000, ids.MirrorMaker().Next("MirrorMaker 2 task east->west/source-0 consumer"));
    }

    [Fact]
    public void EveryIdIsNamedAndIdsNoBlockHandedOutFallBackToTheirNumber()
    {
        var ids = new ClientIds();
        int id = ids.Applications().Next("orders-writer (producer #1, on cluster east)");
        Assert.Equal("orders-writer (producer #1, on cluster east)", ids.NameOf(id));
        Assert.Equal("client 7", ids.NameOf(7));
        Assert.Equal([id], ids.Names.Keys);
    }

    [Fact]
    public void AnIdHandedOutTwiceIsRefused()
    {
        var ids = new ClientIds();
        ids.Block(5).Next("first");
        Assert.Throws<InvalidOperationException>(() => ids.Block(5).Next("second"));
    }
}
