using Sim.Core.Time;
using Sim.Network.Faults;
using Sim.Network.Tests.Support;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Faults;

/// <summary>
/// Cuts (<see cref="Cut"/>) stop exactly the traffic that crosses them, in the directions they block,
/// including messages already on the wire when the cut starts. TCP holds what they stop and retransmits
/// it (CutRetransmissionTests): a cut that never heals ends in TCP giving up after tcp_retries2, when
/// the sender is told; one that heals delivers the held messages at the next retransmission. Three zones
/// of two racks each (a1, a2, b1, b2, c1, c2) with a fixed 10 ms RTT everywhere.
/// </summary>
public sealed class CutTests
{
    private static NetworkFixture ThreeZones() => new(new ModelBuilder()
        .Zone("r", "a", racks: 2).Zone("r", "b", racks: 2).Zone("r", "c", racks: 2)
        .LinkEverywhere(Fixed(Ms(10)))
        .Build());

    private static Cut Between(NetworkFixture f, string from, string to, bool symmetric) =>
        new($"{from}|{to}", NodeSet.Of(f.Topology, f.Zone(from)), NodeSet.Of(f.Topology, f.Zone(to)), symmetric);

    private static HashSet<(string From, string To)> Delivered(NetworkFixture f) =>
        f.Received.Select(d => (f.Topology.Nodes[d.Message.Source].Name, f.Topology.Nodes[d.Message.Destination].Name)).ToHashSet();

    [Fact]
    public void AddCut_Symmetric_StopsTrafficBothWaysAndOnlyAcrossTheCut()
    {
        var f = ThreeZones();
        f.Network.AddCut(Between(f, "a", "b", symmetric: true));

        (string, string)[] pairs = [("a1", "b1"), ("b2", "a2"), ("a1", "a2"), ("b1", "b2"), ("a1", "c1"), ("c1", "a1"), ("b1", "c2"), ("c2", "b2")];
        foreach (var (from, to) in pairs) f.Send(from, to);
        f.RunUntilIdle();

        Assert.Equal(pairs.Skip(2).ToHashSet(), Delivered(f));
        Assert.Equal(2, f.Network.Dropped);
        // The cut never heals, so both senders' TCP gives up in the end and tells them (ETIMEDOUT).
        Assert.Equal(["a1", "b2"], f.Closed.Select(d => f.Topology.Nodes[d.Message.Source].Name));
    }

    [Fact]
    public void AddCut_BetweenZoneSets_SeparatesTheSetsButNotTheirMembers()
    {
        var f = ThreeZones();
        f.Network.AddCut(new Cut("a+c|b", NodeSet.Of(f.Topology, f.Zone("a"), f.Zone("c")), NodeSet.Of(f.Topology, f.Zone("b")), Symmetric: true));

        (string, string)[] pairs = [("a1", "b1"), ("b1", "c1"), ("c2", "b2"), ("b1", "a2"), ("a1", "c1"), ("c2", "a2"), ("b1", "b2")];
        foreach (var (from, to) in pairs) f.Send(from, to);
        f.RunUntilIdle();

        Assert.Equal(pairs.Skip(4).ToHashSet(), Delivered(f));
        Assert.Equal(4, f.Network.Dropped);
    }

    [Fact]
    public void AddCut_OneWayFromAToB_DropsAToBButDeliversBToA()
    {
        var f = ThreeZones();
        f.Network.AddCut(Between(f, "a", "b", symmetric: false));

        f.Send("a1", "b1");
        f.Send("a2", "b2");
        f.Send("b1", "a1");
        f.Send("b2", "a2");
        f.RunUntilIdle();

        Assert.Equal(new HashSet<(string, string)> { ("b1", "a1"), ("b2", "a2") }, Delivered(f));
        Assert.Equal(2, f.Network.Dropped);
        Assert.True(f.Network.IsBlocked(f.Node("a1").Index, f.Node("b1").Index));
        Assert.False(f.Network.IsBlocked(f.Node("b1").Index, f.Node("a1").Index));
    }

    [Fact]
    public void AddCut_WhileMessagesAreInFlight_TheyAreNotDelivered()
    {
        var f = ThreeZones();
        f.Send("a1", "b1");
        f.Send("b1", "a1");
        f.Send("a1", "c1");
        f.RunFor(Ms(2)); // all three are on the wire: the one-way delay is 5 ms

        f.Network.AddCut(Between(f, "a", "b", symmetric: true));
        f.RunUntilIdle();

        Assert.Equal(new HashSet<(string, string)> { ("a1", "c1") }, Delivered(f));
        Assert.Equal(2, f.Network.Dropped);
    }

    [Fact]
    public void RemoveCut_AfterACut_TrafficFlowsAgainBehindTheHeldMessage()
    {
        var f = ThreeZones();
        var cut = Between(f, "a", "b", symmetric: true);
        f.Network.AddCut(cut);
        var held = f.Send("a1", "b1");
        f.RunFor(Ms(20));

        Assert.True(f.Network.RemoveCut(cut));
        var after = f.Send("a1", "b1");
        var back = f.Send("b1", "a1");
        f.RunUntilIdle();

        Assert.Empty(f.Network.Cuts);
        // The held message goes out at its first retransmission (RTO = 10 ms + 200 ms), and the one sent
        // after the heal on the same connection waits behind it; the other direction is not held back.
        Assert.Equal([back, held, after], f.Received.Select(d => d.Message));
        Assert.Equal(new SimTime(0) + Ms(215), f.Received[1].At);
        Assert.Equal(0, f.Network.Dropped);
    }

    [Fact]
    public void RemoveCut_OneOfTwoCuts_TheOtherStillHolds()
    {
        var f = ThreeZones();
        var ab = Between(f, "a", "b", symmetric: true);
        var ac = Between(f, "a", "c", symmetric: true);
        f.Network.AddCut(ab);
        f.Network.AddCut(ac);

        f.Network.RemoveCut(ab);
        f.Send("a1", "b1");
        f.Send("a1", "c1");
        f.RunUntilIdle();

        Assert.Equal(new HashSet<(string, string)> { ("a1", "b1") }, Delivered(f));
        Assert.Equal(1, f.Network.Dropped);
    }
}
