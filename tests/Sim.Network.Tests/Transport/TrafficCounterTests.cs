using Sim.Network.Tests.Support;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// Transfer cost is charged per byte that crosses a zone or region boundary, so the counters must add
/// up exactly the sizes sent, a retransmitted message counting once per transmission. Regions r1
/// (zones a with two racks, and b) and r2 (zone c).
/// </summary>
public sealed class TrafficCounterTests
{
    private static NetworkFixture TwoRegions(double abLoss = 0) => new(new ModelBuilder()
        .Zone("r1", "a", racks: 2).Zone("r1", "b").Zone("r2", "c")
        .LinkEverywhere(Fixed(Ms(10)))
        .Link("a->b", Fixed(Ms(10), loss: abLoss))
        .Build(), seed: 4);

    [Fact]
    public void BytesBetween_MessagesBetweenZones_CountsExactlyTheSizesSentEachWay()
    {
        var f = TwoRegions();
        f.Send("a1", "b1", 100);
        f.Send("a2", "b1", 200);
        f.Send("a1", "c1", 1_000);
        f.Send("c1", "a1", 50);
        f.Send("b1", "c1", 30);
        f.Send("a1", "a2", 7);
        f.RunUntilIdle();

        Assert.Equal(300, f.Network.BytesBetween(f.Zone("a"), f.Zone("b")));
        Assert.Equal(0, f.Network.BytesBetween(f.Zone("b"), f.Zone("a")));
        Assert.Equal(1_000, f.Network.BytesBetween(f.Zone("a"), f.Zone("c")));
        Assert.Equal(50, f.Network.BytesBetween(f.Zone("c"), f.Zone("a")));
        Assert.Equal(30, f.Network.BytesBetween(f.Zone("b"), f.Zone("c")));
        Assert.Equal(7, f.Network.BytesBetween(f.Zone("a"), f.Zone("a")));
    }

    [Fact]
    public void CrossZoneAndCrossRegionBytes_MixedTraffic_CountOnlyWhatCrossesTheirBoundary()
    {
        var f = TwoRegions();
        f.Send("a1", "b1", 100);   // cross-zone, same region
        f.Send("b1", "a2", 200);   // cross-zone, same region
        f.Send("a1", "c1", 1_000); // cross-region
        f.Send("c1", "b1", 50);    // cross-region
        f.Send("a1", "a2", 7);     // inside zone a
        f.RunUntilIdle();

        Assert.Equal(1_350, f.Network.CrossZoneBytes);
        Assert.Equal(1_050, f.Network.CrossRegionBytes);
    }

    [Fact]
    public void BytesBetween_LossyLink_CountsEachRetransmissionAgain()
    {
        var f = TwoRegions(abLoss: 0.3);
        var b = f.NodesIn("b")[0];
        foreach (var a in f.NodesIn("a"))
        {
            for (int i = 0; i < 500; i++) f.Send(a, b, 100 + i);
        }
        f.RunUntilIdle();

        Assert.Equal(1_000, f.Received.Count);
        long transmitted = f.Received.Sum(d => (long)d.Message.Size * (1 + d.Message.Retransmissions));
        Assert.True(f.Received.Any(d => d.Message.Retransmissions > 0), "the lossy link retransmitted nothing");
        Assert.Equal(transmitted, f.Network.BytesBetween(f.Zone("a"), f.Zone("b")));
        Assert.Equal(transmitted, f.Network.CrossZoneBytes);
        Assert.Equal(0, f.Network.CrossRegionBytes);
    }

    [Fact]
    public void BytesBetween_SameZone_IncludesTrafficBetweenNodesOnOneRack()
    {
        // "Bytes sent from zone from to zone to": a message between two nodes of one rack is sent from
        // zone a to zone a just as one between its racks is.
        var f = new NetworkFixture(new ModelBuilder().Zone("r", "a", racks: 2, nodesPerRack: 2).Build());
        f.Send("a1", "a2", 40); // same rack a-r1
        f.Send("a1", "a3", 2);  // rack a-r1 to rack a-r2
        f.RunUntilIdle();

        Assert.Equal(42, f.Network.BytesBetween(f.Zone("a"), f.Zone("a")));
        Assert.Equal(0, f.Network.CrossZoneBytes);
    }
}
