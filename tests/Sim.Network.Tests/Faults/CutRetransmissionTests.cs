using Sim.Core.Time;
using Sim.Network.Faults;
using Sim.Network.Links;
using Sim.Network.Tests.Support;
using Sim.Network.Transport;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Faults;

/// <summary>
/// TCP across a cut (Network.Hold.cs): what a cut stops on a connection stays in the sender's send buffer
/// and is retransmitted with exponential backoff, from the connection's RTO (RTT + Linux rto_min 200 ms,
/// RFC 6298 §2), doubling (RFC 6298 §5.5) up to TCP_RTO_MAX = 120 s; the first retransmission after the
/// heal delivers it, in order, with what queued behind it. After tcp_retries2 = 15 lost retransmissions
/// (Linux tcp(7)) TCP gives up and the sender is told. Two zones, one node each, 10 ms RTT: RTO = 210 ms.
/// </summary>
public sealed class CutRetransmissionTests
{
    private static readonly SimDuration Rto = Ms(210);

    private static NetworkFixture TwoZones() => new(new ModelBuilder()
        .Zone("r", "a").Zone("r", "b")
        .Link("a/b", Fixed(Ms(10)))
        .Build());

    private static Cut Cut(NetworkFixture f, bool symmetric = true, string from = "a", string to = "b") =>
        new("cut", NodeSet.Of(f.Topology, f.Zone(from)), NodeSet.Of(f.Topology, f.Zone(to)), symmetric);

    /// <summary>The k-th retransmission instant after a first transmission at zero: RTO·(2^k − 1), each timeout capped at 120 s.</summary>
    private static SimTime Instant(int k)
    {
        long sum = 0;
        for (int i = 0; i < k; i++) sum += Math.Min(Rto.Nanoseconds << i, LinkState.TcpRtoMax.Nanoseconds);
        return new SimTime(sum);
    }

    [Fact]
    public void MessagesStoppedByAThreeSecondCutArriveInOrderAtTheFirstRetransmissionAfterTheHeal()
    {
        var f = TwoZones();
        var cut = Cut(f);
        f.Network.AddCut(cut);
        var sent = new List<TestMessage>();
        for (int i = 0; i < 5; i++)
        {
            f.RunUntil(new SimTime(0) + Ms(500 * i));
            sent.Add(f.Send("a1", "b1"));
        }
        f.RunUntil(new SimTime(0) + SimDuration.FromSeconds(3));
        Assert.Empty(f.Received);
        Assert.Equal(5, f.Network.HeldMessages(f.Node("a1"), f.Node("b1")));

        f.Network.RemoveCut(cut);
        f.RunUntilIdle();

        // Retransmissions at 0.21, 0.63 and 1.47 s are lost; the one at 3.15 s (just after the heal at 3 s)
        // gets through, and everything arrives one propagation delay (5 ms) later, in send order.
        Assert.Equal(new SimTime(0) + Ms(3150), Instant(4));
        Assert.Equal(sent, f.Received.Select(d => d.Message));
        Assert.All(f.Received, d => Assert.Equal(Instant(4) + Ms(5), d.At));
        Assert.Equal(4, f.Network.LinkBetween(f.Zone("a"), f.Zone("b")).Retransmissions);
        Assert.Equal(4, sent[0].Retransmissions);
        Assert.Equal(0, f.Network.Dropped);
        Assert.Empty(f.Closed);
    }

    [Fact]
    public void RetransmissionsFollowTheDoublingRtoAndTcpGivesUpAfterTheFifteenth()
    {
        var f = TwoZones();
        f.Network.AddCut(Cut(f));
        var first = f.Send("a1", "b1");
        var a1 = f.Node("a1");
        var b1 = f.Node("b1");
        var link = f.Network.LinkBetween(f.Zone("a"), f.Zone("b"));

        for (int k = 1; k <= 16; k++)
        {
            Assert.Equal(Instant(k), f.Network.NextRetransmission(a1, b1));
            Assert.Equal(k - 1, link.Retransmissions);
            f.RunUntil(Instant(k));
        }

        // 16 timeouts from 210 ms: 0.21·(2^10 − 1) + 6·120 s = 934.83 s, Linux's 924.6 s from 200 ms plus 10 × 1.023 s.
        Assert.Equal(new SimTime(0) + Ms(934_830), Instant(16));
        Assert.Equal(15, link.Retransmissions);
        // The message never got through, so the link carried its 15 retransmissions and nothing else.
        Assert.Equal(15 * 100, link.Bytes);
        Assert.Null(f.Network.NextRetransmission(a1, b1));
        Assert.Equal([first], f.Closed.Select(d => d.Message));
        Assert.Equal(Instant(16), f.Closed[0].At);
        Assert.Equal(1, f.Network.Dropped);
        Assert.Empty(f.Received);
    }

    [Fact]
    public void AMessageOnTheWireWhenTheCutStartsStaysAheadOfOneSentDuringTheCut()
    {
        var f = TwoZones();
        var cut = Cut(f);
        var onTheWire = f.Send("a1", "b1");
        f.RunFor(Ms(2));
        f.Network.AddCut(cut);
        var duringCut = f.Send("a1", "b1");
        f.RunFor(Ms(100));
        f.Network.RemoveCut(cut);
        f.RunUntilIdle();

        // The first timeout runs from the first transmission (t = 0): retransmitted at 210 ms, arriving at 215 ms.
        Assert.Equal([onTheWire, duringCut], f.Received.Select(d => d.Message));
        Assert.Equal(new SimTime(0) + Ms(215), f.Received[0].At);
    }

    [Fact]
    public void AOneWayCutOfTheReverseDirectionLosesOnlyAcknowledgementsSoTheDataArrives()
    {
        var f = TwoZones();
        f.Network.AddCut(Cut(f, symmetric: false, from: "b", to: "a"));
        var data = f.Send("a1", "b1");
        f.Send("b1", "a1");
        f.RunFor(SimDuration.FromSeconds(1));

        Assert.Equal([data], f.Received.Select(d => d.Message));
        Assert.Equal(new SimTime(0) + Ms(5), f.Received[0].At);
        Assert.Equal(1, f.Network.HeldMessages(f.Node("b1"), f.Node("a1")));
        Assert.Equal(0, f.Network.HeldMessages(f.Node("a1"), f.Node("b1")));
    }

    [Fact]
    public void AClientThatClosesItsConnectionLosesWhatTheCutHeldOfItButOtherClientsOnTheNodeDoNot()
    {
        var f = TwoZones();
        var cut = Cut(f);
        f.Network.AddCut(cut);
        var gaveUp = SendOwned(f, owner: 1);
        var other = SendOwned(f, owner: 2);
        f.RunFor(Ms(100));

        // Kafka's NetworkClient closes the connection of a timed-out request (handleTimedOutRequests).
        f.Network.Disconnect(f.Node("a1"), f.Node("b1"), owner: 1);
        f.Network.RemoveCut(cut);
        f.RunUntilIdle();

        Assert.Equal([other], f.Received.Select(d => d.Message));
        Assert.Equal(1, f.Network.Dropped);
    }

    [Fact]
    public void AnotherClientsHeldDataDoesNotHoldBackAClientOnTheSameNode()
    {
        var f = TwoZones();
        var cut = Cut(f);
        f.Network.AddCut(cut);
        var held = SendOwned(f, owner: 1);
        f.RunFor(Ms(100));
        f.Network.RemoveCut(cut);
        var fresh = SendOwned(f, owner: 2);
        f.RunUntilIdle();

        // Each client has its own TCP connection: client 2's message goes at once (arriving at 105 ms), client
        // 1's at its first retransmission (210 ms).
        Assert.Equal([fresh, held], f.Received.Select(d => d.Message));
        Assert.Equal(new SimTime(0) + Ms(105), f.Received[0].At);
        Assert.Equal(new SimTime(0) + Ms(215), f.Received[1].At);
    }

    private static TestMessage SendOwned(NetworkFixture f, int owner)
    {
        var m = new TestMessage(100, owner) { Owner = owner };
        f.Network.Send(f.Node("a1"), f.Node("b1"), m);
        return m;
    }

    [Fact]
    public void ASenderThatStopsDuringTheCutTakesItsHeldMessagesWithIt()
    {
        var f = TwoZones();
        var cut = Cut(f);
        f.Network.AddCut(cut);
        f.Send("a1", "b1");
        f.RunFor(Ms(100));
        f.Network.SetState(f.Node("a1"), NodeState.Stopped);
        f.Network.SetState(f.Node("a1"), NodeState.Up);
        f.Network.RemoveCut(cut);
        var fresh = f.Send("a1", "b1");
        f.RunUntilIdle();

        Assert.Equal([fresh], f.Received.Select(d => d.Message));
        Assert.Equal(1, f.Network.Dropped);
    }
}
