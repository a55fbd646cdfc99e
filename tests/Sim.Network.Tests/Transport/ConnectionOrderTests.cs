using FsCheck.Xunit;
using Sim.Core.Time;
using Sim.Network.Tests.Support;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// TCP delivers one connection's bytes in order, so a message never arrives before the one sent ahead
/// of it on the same (source, destination) pair, however the jitter falls; different connections are
/// independent and may overtake each other. The jitter here (stddev 2 ms) is four times the send
/// interval (0.5 ms), so unordered delivery would reorder almost half of all neighbours.
/// </summary>
public sealed class ConnectionOrderTests
{
    private const int Messages = 200;
    private static readonly SimDuration SendInterval = Ms(0.5);

    private static NetworkFixture HeavyJitterPair(ulong seed) => new(new ModelBuilder()
        .Zone("r", "a", racks: 2)
        .Zone("r", "b", racks: 1)
        .Link("a/b", Jittered(Ms(10), NormalJitter(Ms(2))))
        .Build(), seed);

    [Property(MaxTest = 50)]
    public bool Send_HeavyJitterOnOneConnection_DeliversInSendOrder(ulong seed)
    {
        var f = HeavyJitterPair(seed);
        for (int i = 0; i < Messages; i++)
        {
            f.RunUntil(new SimTime(i * SendInterval.Nanoseconds));
            f.Send("a1", "b1");
        }
        f.RunUntilIdle();

        bool inOrder = f.Received.Select(d => d.Message.Sequence).SequenceEqual(Enumerable.Range(0, Messages).Select(i => (long)i));
        // Continuous jitter gives two messages the same arrival only when one was held back to the other's.
        bool someHeldBack = f.Received.Zip(f.Received.Skip(1)).Any(p => p.First.At == p.Second.At);
        return inOrder && someHeldBack && f.Network.Dropped == 0;
    }

    [Fact]
    public void Send_HeavyJitterOnTwoConnections_LaterMessageOfOtherConnectionOvertakes()
    {
        var f = HeavyJitterPair(seed: 3);
        for (int i = 0; i < Messages; i++)
        {
            f.RunUntil(new SimTime(i * SendInterval.Nanoseconds));
            f.Send(i % 2 == 0 ? "a1" : "a2", "b1");
        }
        f.RunUntilIdle();

        var fromA1 = f.Received.Where(d => d.Message.Source == f.Node("a1").Index).ToList();
        var fromA2 = f.Received.Where(d => d.Message.Source == f.Node("a2").Index).ToList();
        Assert.Equal(Messages, fromA1.Count + fromA2.Count);
        Assert.True(IsSortedBySequence(fromA1) && IsSortedBySequence(fromA2), "each connection must stay in send order");
        // Each connection is in order, so any message delivered before one sent ahead of it overtook the other connection.
        bool overtaken = f.Received.Zip(f.Received.Skip(1)).Any(p => p.Second.Message.Sequence < p.First.Message.Sequence);
        Assert.True(overtaken, "no message of one connection overtook an earlier message of the other");
    }

    private static bool IsSortedBySequence(List<Delivery> ds) =>
        ds.Zip(ds.Skip(1)).All(p => p.First.Message.Sequence < p.Second.Message.Sequence);
}
