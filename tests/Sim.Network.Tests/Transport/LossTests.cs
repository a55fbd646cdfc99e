using Sim.Core.Time;
using Sim.Network.Tests.Support;
using Xunit.Abstractions;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// Loss is per transmission; TCP hides it by retransmitting after a timeout that starts at
/// <see cref="Sim.Network.Links.LinkProfile.InitialRto"/> (RTT + 200 ms, Linux's TCP_RTO_MIN) and
/// doubles on each further loss of the same segment (RFC 6298 §5.5). One run of 100,000 messages at 5%
/// loss over 10,000 connections (each reused every 10 s, longer than any retransmission delay here)
/// is shared by the statistical tests.
/// </summary>
public sealed class LossTests(ITestOutputHelper output)
{
    private const double Loss = 0.05;
    private const int Messages = 100_000;
    private const int NodesPerZone = 100;
    private const double Sigmas = 4;
    private static readonly SimDuration Rtt = Ms(10);
    private static readonly SimDuration InitialRto = Rtt + Ms(200);
    private static readonly Lazy<NetworkFixture> LossyRun = new(RunLossyLink);

    private static NetworkFixture RunLossyLink()
    {
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a", racks: 1, nodesPerRack: NodesPerZone)
            .Zone("r", "b", racks: 1, nodesPerRack: NodesPerZone)
            .Link("a/b", Fixed(Rtt, loss: Loss))
            .Build(), seed: 11);
        var a = f.NodesIn("a");
        var b = f.NodesIn("b");
        for (int i = 0; i < Messages; i++)
        {
            f.RunUntil(new SimTime(i * SimDuration.NanosPerMillisecond));
            f.Send(a[i % NodesPerZone], b[i / NodesPerZone % NodesPerZone]);
        }
        f.RunUntilIdle();
        return f;
    }

    [Fact]
    public void Send_FivePercentLoss_DeliversEveryMessage()
    {
        var f = LossyRun.Value;

        Assert.Equal(Messages, f.Received.Count);
        Assert.Equal(0, f.Network.Dropped);
    }

    [Fact]
    public void Send_FivePercentLoss_FractionRetransmittedAtLeastOnceIsTheLossProbability()
    {
        var f = LossyRun.Value;
        long once = f.Received.Count(d => d.Message.Retransmissions >= 1);

        output.WriteLine($">=1 retransmission: {once} of {Messages} = {once / (double)Messages:F5} (p = {Loss}, deviation {Samples.RelativeDeviation(once / (double)Messages, Loss):+0.00%;-0.00%})");
        Assert.True(Samples.WithinBinomial(once, Messages, Loss, Sigmas), $"{once} retransmitted at least once, expected about {Messages * Loss}");
    }

    [Fact]
    public void Send_FivePercentLoss_FractionRetransmittedTwiceIsTheLossProbabilitySquared()
    {
        var f = LossyRun.Value;
        long twice = f.Received.Count(d => d.Message.Retransmissions >= 2);

        output.WriteLine($">=2 retransmissions: {twice} of {Messages} = {twice / (double)Messages:F5} (p^2 = {Loss * Loss}, deviation {Samples.RelativeDeviation(twice / (double)Messages, Loss * Loss):+0.00%;-0.00%})");
        Assert.True(Samples.WithinBinomial(twice, Messages, Loss * Loss, Sigmas), $"{twice} retransmitted at least twice, expected about {Messages * Loss * Loss}");
    }

    [Fact]
    public void Send_MessageLostOnce_ArrivesOneInitialRtoLate()
    {
        var f = LossyRun.Value;
        var lostOnce = f.Received.Where(d => d.Message.Retransmissions == 1).ToList();

        Assert.Equal(InitialRto, f.Links.Between(f.Zone("a"), f.Zone("b")).InitialRto);
        Assert.NotEmpty(lostOnce);
        Assert.All(lostOnce, d => Assert.Equal(Rtt / 2 + InitialRto, d.Delay));
    }

    [Fact]
    public void Send_MessageLostTwice_ArrivesRtoPlusDoubledRtoLate()
    {
        var f = LossyRun.Value;
        var lostTwice = f.Received.Where(d => d.Message.Retransmissions == 2).ToList();

        Assert.NotEmpty(lostTwice);
        Assert.All(lostTwice, d => Assert.Equal(Rtt / 2 + InitialRto + InitialRto * 2, d.Delay));
    }

    [Fact]
    public void Send_FivePercentLoss_EveryDelayIsPropagationPlusTheBackoffSeries()
    {
        var f = LossyRun.Value;

        Assert.All(f.Received, d => Assert.Equal(Rtt / 2 + InitialRto * ((1L << d.Message.Retransmissions) - 1), d.Delay));
        Assert.Equal(f.Received.Sum(d => (long)d.Message.Retransmissions), f.Network.LinkBetween(f.Zone("a"), f.Zone("b")).Retransmissions);
    }

    [Fact]
    public void Send_MessageLost_HoldsBackLaterMessagesOfItsConnection()
    {
        // One connection at 30% loss: a lost message delays those sent after it (head-of-line blocking),
        // so each arrives at its own time or at its predecessor's, whichever is later.
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a").Zone("r", "b")
            .Link("a/b", Fixed(Rtt, loss: 0.3))
            .Build(), seed: 5);
        for (int i = 0; i < 300; i++)
        {
            f.RunUntil(new SimTime(i * SimDuration.NanosPerMillisecond));
            f.Send("a1", "b1");
        }
        f.RunUntilIdle();

        Assert.Equal(300, f.Received.Count);
        var previous = SimTime.Zero;
        int heldBack = 0;
        foreach (var d in f.Received)
        {
            var own = d.Message.SentAt + Rtt / 2 + InitialRto * ((1L << d.Message.Retransmissions) - 1);
            Assert.Equal(SimTime.Max(own, previous), d.At);
            if (own < previous) heldBack++;
            previous = d.At;
        }
        Assert.True(heldBack > 0, "no message was held back behind a retransmitted one");
    }

    [Fact]
    public void Send_SegmentLostSixteenTimes_IsDroppedAndCounted()
    {
        // Linux gives up after tcp_retries2 = 15 retransmissions: at 90% loss a segment is abandoned
        // with probability 0.9^16 (about 18.5%).
        const int sent = 2_000;
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a", racks: 1, nodesPerRack: 40).Zone("r", "b", racks: 1, nodesPerRack: 50)
            .Link("a/b", Fixed(Rtt, loss: 0.9))
            .Build(), seed: 9);
        var a = f.NodesIn("a");
        var b = f.NodesIn("b");
        for (int i = 0; i < sent; i++) f.Send(a[i % 40], b[i / 40]);
        f.RunUntilIdle();

        double pAbandon = Math.Pow(0.9, 16);
        output.WriteLine($"abandoned: {f.Network.Dropped} of {sent} (expected {sent * pAbandon:F1})");
        Assert.Equal(sent, f.Received.Count + f.Network.Dropped);
        Assert.True(Samples.WithinBinomial(f.Network.Dropped, sent, pAbandon, Sigmas), $"{f.Network.Dropped} abandoned, expected about {sent * pAbandon:F0}");
        Assert.All(f.Received, d => Assert.InRange(d.Message.Retransmissions, 0, 15));
    }
}
