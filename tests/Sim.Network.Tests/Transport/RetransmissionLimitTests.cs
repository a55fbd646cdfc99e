using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Network.Links;
using Sim.Network.Tests.Support;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// What TCP does when a segment keeps being lost. The model follows Linux (see
/// <see cref="LinkState.RetransmissionDelayNs"/>): the timeout doubles per loss (RFC 6298 §5.5), and
/// after tcp_retries2 = 15 retransmissions the connection is given up. Linux caps the doubling at
/// TCP_RTO_MAX = 120 s (include/net/tcp.h; RFC 6298 §2.5 allows any cap of at least 60 s), which is why
/// Documentation/networking/ip-sysctl.rst says tcp_retries2 = 15 means about 924.6 s.
/// </summary>
public sealed class RetransmissionLimitTests
{
    private static readonly SimDuration TcpRtoMax = SimDuration.FromSeconds(120);

    [Fact]
    public void RetransmissionDelayNs_TwelveLosses_BackoffStopsDoublingAtTcpRtoMax()
    {
        var profile = new LinkProfile("lossy", Ms(10), null, 0.9, null);
        var link = new LinkState("a->b", profile, new RngStream("test/lossy", 1));

        // At 90% loss about 2.8% of segments are lost exactly twelve times; 10,000 tries find one.
        long delayNs = -1;
        for (int i = 0; i < 10_000 && delayNs < 0; i++)
        {
            long d = link.RetransmissionDelayNs(100, maxRetries: 15, out int retransmissions);
            if (retransmissions == 12) delayNs = d;
        }

        // 210 ms doubles to 107.52 s after nine doublings; the next three timeouts are capped at 120 s.
        long expected = Enumerable.Range(0, 12).Sum(k => Math.Min(profile.InitialRto.Nanoseconds << k, TcpRtoMax.Nanoseconds));
        Assert.Equal(SimDuration.FromNanoseconds(expected), SimDuration.FromNanoseconds(delayNs));
    }

    [Fact]
    public void ConnectionThatGivesUpOnASegmentNeverDeliversPastTheGapWithoutTellingTheSender()
    {
        // TCP delivers a byte stream in order and without holes: once a segment is abandoned the
        // connection is over (Linux returns ETIMEDOUT to the application), so a later message of the same
        // connection may only be delivered if the sender was told that the connection closed.
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a").Zone("r", "b")
            .Link("a/b", Fixed(Ms(10), loss: 0.9))
            .Build(), seed: 2);
        var sent = new List<TestMessage>();
        for (int i = 0; i < 100; i++)
        {
            f.RunUntil(new SimTime(i * SimDuration.NanosPerMillisecond));
            sent.Add(f.Send("a1", "b1"));
        }
        f.RunUntilIdle();

        var delivered = f.Received.Select(d => d.Message).ToHashSet();
        int firstAbandoned = sent.FindIndex(m => !delivered.Contains(m));
        Assert.True(firstAbandoned >= 0, "precondition: some segment should have been abandoned at 90% loss");
        var deliveredPastGap = sent.Skip(firstAbandoned + 1).Where(delivered.Contains).ToList();
        Assert.True(deliveredPastGap.Count == 0 || f.Endpoint("a1").Closed.Count > 0,
            $"message #{sent[firstAbandoned].Sequence} was abandoned, yet {deliveredPastGap.Count} later messages of the same connection " +
            "were delivered and the sender was never told the connection closed");
    }
}
