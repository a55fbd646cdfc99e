using Sim.Core;
using Sim.Core.Time;
using Sim.Network.Faults;
using Sim.Network.Tests.Support;
using Sim.Network.Topology;
using Xunit.Abstractions;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Faults;

/// <summary>
/// <see cref="Sim.Network.Transport.Network.Degrade"/> worsens the links from one set of zones to
/// another (added delay, jitter, loss, a bandwidth factor) in the directions asked for and no others,
/// and <see cref="Sim.Network.Transport.Network.Restore"/> puts them back. Zones a, b and c of two racks,
/// every link 10 ms RTT without jitter at 100 Mbps: a 12,500-byte message takes 5 ms + 1 ms.
/// </summary>
public sealed class DegradationTests(ITestOutputHelper output)
{
    private const int Size = 12_500;
    private static readonly SimDuration Healthy = Ms(6);

    private static NetworkFixture ThreeZones(double loss = 0) => new(new ModelBuilder()
        .Zone("r", "a", racks: 2).Zone("r", "b", racks: 2).Zone("r", "c", racks: 2)
        .LinkEverywhere(Fixed(Ms(10), loss, new Bandwidth(100e6)))
        .Build(), seed: 8);

    private static Zone[] Zones(NetworkFixture f, params string[] names) => names.Select(f.Zone).ToArray();

    /// <summary>Sends one message on each given pair at the current time and returns each one's delay.</summary>
    private static Dictionary<string, SimDuration> Probe(NetworkFixture f, params string[] pairs)
    {
        var sent = pairs.ToDictionary(p => p, p => f.Send(p.Split("->")[0], p.Split("->")[1], Size));
        f.RunUntilIdle();
        return pairs.ToDictionary(p => p, p => f.Received.Single(d => ReferenceEquals(d.Message, sent[p])).Delay);
    }

    [Fact]
    public void Degrade_OneDirection_AddsDelayOnlyThatWay()
    {
        var f = ThreeZones();

        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: false, new LinkDegradation(Ms(3)));
        var delays = Probe(f, "a1->b1", "b1->a1", "a1->c1", "a1->a2");

        Assert.Equal(Healthy + Ms(3), delays["a1->b1"]);
        Assert.Equal(Healthy, delays["b1->a1"]);
        Assert.Equal(Healthy, delays["a1->c1"]);
        Assert.Equal(Healthy, delays["a1->a2"]);
    }

    [Fact]
    public void Degrade_BothWays_AddsDelayInBothDirections()
    {
        var f = ThreeZones();

        f.Network.Degrade(Zones(f, "a"), Zones(f, "b", "c"), bothWays: true, new LinkDegradation(Ms(3)));
        var delays = Probe(f, "a1->b1", "b1->a1", "c2->a2", "b1->c1");

        Assert.Equal(Healthy + Ms(3), delays["a1->b1"]);
        Assert.Equal(Healthy + Ms(3), delays["b1->a1"]);
        Assert.Equal(Healthy + Ms(3), delays["c2->a2"]);
        Assert.Equal(Healthy, delays["b1->c1"]);
    }

    [Fact]
    public void Degrade_BandwidthFactor_SlowsSerialisationOnlyThatWay()
    {
        var f = ThreeZones();

        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: false, new LinkDegradation(SimDuration.Zero, BandwidthFactor: 0.1));
        var delays = Probe(f, "a1->b1", "b1->a1");

        Assert.Equal(Ms(5 + 10), delays["a1->b1"]); // a tenth of 100 Mbps: 10 ms to serialise
        Assert.Equal(Healthy, delays["b1->a1"]);
        Assert.Equal(new Bandwidth(10e6), f.Network.LinkBetween(f.Zone("a"), f.Zone("b")).Bandwidth);
    }

    [Fact]
    public void Degrade_ExtraLoss_CombinesWithTheLinkLossAsIndependentLosses()
    {
        const int messages = 20_000;
        var f = ThreeZones(loss: 0.1);
        var ab = f.Network.LinkBetween(f.Zone("a"), f.Zone("b"));
        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: false, new LinkDegradation(SimDuration.Zero, ExtraLoss: 0.2));

        for (int i = 0; i < messages; i++) f.Send(i % 2 == 0 ? "a1" : "a2", i % 3 == 0 ? "b1" : "b2", 10);
        f.RunUntilIdle();

        double expected = 1 - 0.9 * 0.8;
        long lost = f.Received.Count(d => d.Message.Retransmissions > 0);
        output.WriteLine($"degraded loss: {lost} of {messages} retransmitted = {lost / (double)messages:F4}, expected {expected}");
        Assert.Equal(expected, ab.Loss, 12);
        Assert.Equal(0.1, f.Network.LinkBetween(f.Zone("b"), f.Zone("a")).Loss, 12);
        Assert.True(Samples.WithinBinomial(lost, messages, expected, 4), $"{lost} of {messages} retransmitted, expected about {messages * expected:F0}");
    }

    [Fact]
    public void Degrade_ExtraJitter_SpreadsDelaysOnlyThatWay()
    {
        var f = ThreeZones();
        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: false,
            new LinkDegradation(SimDuration.Zero, ExtraJitter: NormalJitter(Ms(1))));

        // 100 ms apart on one connection: far more than the jitter, so no message is held back.
        for (int i = 0; i < 5_000; i++)
        {
            f.RunUntil(new SimTime(i * Ms(100).Nanoseconds));
            f.Send("a1", "b1", Size);
            f.Send("b1", "a1", Size);
        }
        f.RunUntilIdle();

        var ab = f.Received.Where(d => d.Message.Source == f.Node("a1").Index).Select(d => d.Delay.TotalMilliseconds).ToList();
        var ba = f.Received.Where(d => d.Message.Source == f.Node("b1").Index).Select(d => d.Delay).ToList();
        output.WriteLine($"degraded jitter: stddev {Samples.StdDev(ab):F4} ms, mean {Samples.Mean(ab):F4} ms");
        Assert.InRange(Samples.StdDev(ab), 0.95, 1.05);
        Assert.InRange(Samples.Mean(ab), 5.95, 6.05);
        Assert.All(ba, d => Assert.Equal(Healthy, d));
    }

    [Fact]
    public void Restore_AfterDegrade_PutsTheLinkBackAsItWas()
    {
        var f = ThreeZones(loss: 0.1);
        var d = new LinkDegradation(Ms(3), NormalJitter(Ms(1)), ExtraLoss: 0.5, BandwidthFactor: 0.1);
        var ab = f.Network.LinkBetween(f.Zone("a"), f.Zone("b"));
        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: true, d);

        f.Network.Restore(Zones(f, "a"), Zones(f, "b"), bothWays: true, d);

        foreach (var link in new[] { ab, f.Network.LinkBetween(f.Zone("b"), f.Zone("a")) })
        {
            Assert.Equal(SimDuration.Zero, link.ExtraDelay);
            Assert.Equal(0.1, link.Loss, 12);
            Assert.Equal(new Bandwidth(100e6), link.Bandwidth);
        }
        var lossless = ThreeZones();
        var slow = new LinkDegradation(Ms(3), NormalJitter(Ms(1)), BandwidthFactor: 0.1);
        lossless.Network.Degrade(Zones(lossless, "a"), Zones(lossless, "b"), bothWays: true, slow);
        lossless.Network.Restore(Zones(lossless, "a"), Zones(lossless, "b"), bothWays: true, slow);
        Assert.All(Probe(lossless, "a1->b1", "b2->a2").Values, delay => Assert.Equal(Healthy, delay));
    }

    [Fact]
    public void Restore_OneOfTwoDegradations_LeavesTheOtherInForce()
    {
        var f = ThreeZones();
        var slow = new LinkDegradation(Ms(3));
        var slower = new LinkDegradation(Ms(7));
        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: false, slow);
        f.Network.Degrade(Zones(f, "a"), Zones(f, "b"), bothWays: false, slower);

        Assert.Equal(Healthy + Ms(10), Probe(f, "a1->b1")["a1->b1"]);
        f.Network.Restore(Zones(f, "a"), Zones(f, "b"), bothWays: false, slow);

        Assert.Equal(Healthy + Ms(7), Probe(f, "a1->b1")["a1->b1"]);
    }

    [Fact]
    public void Degrade_OverlappingZoneSetsBothWays_DegradesEachDirectionOnce()
    {
        // "Every direction from a zone in from to one in to (and back)": degrading the mesh among a and b
        // both ways must slow a->b by the degradation, not by twice it.
        var f = ThreeZones();

        f.Network.Degrade(Zones(f, "a", "b"), Zones(f, "a", "b"), bothWays: true, new LinkDegradation(Ms(3)));

        Assert.Equal(Ms(3), f.Network.LinkBetween(f.Zone("a"), f.Zone("b")).ExtraDelay);
        Assert.Equal(Ms(3), f.Network.LinkBetween(f.Zone("b"), f.Zone("a")).ExtraDelay);
        Assert.Equal(Ms(3), f.Network.LinkBetween(f.Zone("a"), f.Zone("a")).ExtraDelay);
    }
}
