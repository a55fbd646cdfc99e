using Sim.Network.Faults;
using Sim.Network.Tests.Support;
using Sim.Network.Transport;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// A node's <see cref="NodeState"/> decides what its peers see: a stopped process behind a live host
/// answers with a reset, which reaches the sender one way back (how a Kafka client notices a dead broker
/// at once); a dark host swallows traffic silently; and a restart ends the old connections, so nothing
/// sent before the node went down is delivered to its new incarnation. Fixed 10 ms RTT, no jitter.
/// </summary>
public sealed class NodeStateTests
{
    private static NetworkFixture TwoZones() => new(new ModelBuilder()
        .Zone("r", "a", racks: 2).Zone("r", "b", racks: 2)
        .LinkEverywhere(Fixed(Ms(10)))
        .Build());

    [Fact]
    public void Send_ToStoppedNode_SenderIsToldConnectionClosedOneRoundTripLater()
    {
        var f = TwoZones();
        f.Network.SetState(f.Node("b1"), NodeState.Stopped);

        var m = f.Send("a1", "b1");
        f.RunUntilIdle();

        Assert.Empty(f.Received);
        var closed = Assert.Single(f.Endpoint("a1").Closed);
        Assert.Same(m, closed.Message);
        Assert.Equal(m.SentAt + Ms(10), closed.At); // 5 ms there, 5 ms for the reset back
        Assert.Equal(0, f.Network.Dropped);
    }

    [Fact]
    public void SetState_StoppedWhileMessageInFlight_SenderIsToldConnectionClosed()
    {
        var f = TwoZones();
        var m = f.Send("a1", "b1");
        f.RunFor(Ms(2));

        f.Network.SetState(f.Node("b1"), NodeState.Stopped);
        f.RunUntilIdle();

        Assert.Empty(f.Received);
        Assert.Equal(m.SentAt + Ms(10), Assert.Single(f.Endpoint("a1").Closed).At);
    }

    [Fact]
    public void Send_ToDarkNode_VanishesWithoutAnyCallback()
    {
        var f = TwoZones();
        f.Network.SetState(f.Node("b1"), NodeState.Dark);

        f.Send("a1", "b1");
        f.RunUntilIdle();

        Assert.Empty(f.Received);
        Assert.Empty(f.Closed);
        Assert.Equal(1, f.Network.Dropped);
    }

    [Fact]
    public void Send_FromNodeThatIsNotUp_SendsNothing()
    {
        var f = TwoZones();
        f.Network.SetState(f.Node("a1"), NodeState.Stopped);
        f.Network.SetState(f.Node("a2"), NodeState.Dark);

        f.Send("a1", "b1");
        f.Send("a2", "b1");
        f.RunUntilIdle();

        Assert.Empty(f.Received);
        Assert.Empty(f.Closed);
        Assert.Equal(2, f.Network.Dropped);
        Assert.Equal(0, f.Network.BytesBetween(f.Zone("a"), f.Zone("b")));
    }

    [Theory]
    [InlineData(NodeState.Stopped)]
    [InlineData(NodeState.Dark)]
    public void SetState_NodeRestartsWhileMessageInFlight_OldMessageIsResetAndNewOnesAreDelivered(NodeState down)
    {
        var f = TwoZones();
        var old = f.Send("a1", "b1");
        f.RunFor(Ms(1));
        f.Network.SetState(f.Node("b1"), down);
        f.RunFor(Ms(1));
        f.Network.SetState(f.Node("b1"), NodeState.Up); // back before the 5 ms delivery

        var fresh = f.Send("a1", "b1");
        f.RunUntilIdle();

        Assert.Same(fresh, Assert.Single(f.Received).Message);
        // The restarted host knows nothing of the old connection and answers it with a reset.
        Assert.Same(old, Assert.Single(f.Closed).Message);
        Assert.Equal(1, f.Network.Dropped);
    }

    [Fact]
    public void SetState_DarkHostComesBack_SendersOfLostMessagesGetAResetAboutARoundTripLater()
    {
        var f = TwoZones();
        f.Network.SetState(f.Node("b1"), NodeState.Dark);
        var lost = f.Send("a1", "b1");
        f.RunFor(Ms(100));
        Assert.Empty(f.Closed);
        var back = f.Scheduler.Now;
        f.Network.SetState(f.Node("b1"), NodeState.Up);
        f.RunUntilIdle();
        var reset = Assert.Single(f.Closed);
        Assert.Same(lost, reset.Message);
        Assert.InRange((reset.At - back).TotalMilliseconds, 8, 12);
    }

    [Fact]
    public void Send_ToStoppedNodeWithTheWayBackCut_SenderHearsNothing()
    {
        var f = TwoZones();
        f.Network.SetState(f.Node("b1"), NodeState.Stopped);
        f.Network.AddCut(new Cut("b->a", NodeSet.Of(f.Topology, f.Zone("b")), NodeSet.Of(f.Topology, f.Zone("a")), Symmetric: false));

        f.Send("a1", "b1");
        f.RunUntilIdle();

        Assert.Empty(f.Received);
        Assert.Empty(f.Closed);
    }

    [Fact]
    public void StateOf_AfterSetState_ReportsTheNewState()
    {
        var f = TwoZones();
        Assert.Equal(NodeState.Up, f.Network.StateOf(f.Node("b1")));

        f.Network.SetState(f.Node("b1"), NodeState.Dark);

        Assert.Equal(NodeState.Dark, f.Network.StateOf(f.Node("b1")));
        Assert.Equal(NodeState.Up, f.Network.StateOf(f.Node("b2")));
    }
}
