using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// Where the controller voters sit decides which site failures a stretch cluster survives (KIP-595:
/// a majority of voters is needed for any metadata change; kafka-facts, Controller). With two sites
/// the site holding the majority of voters is the one that must survive; a third site makes either loss
/// survivable. Keeping the quorum means an active controller after the outage and new leaders for the
/// partitions whose leaders were in the lost site; losing it means no active controller and no committed change.
/// </summary>
public class StretchClusterQuorumTests(ITestOutputHelper output)
{
    private const int Partitions = 8;
    private static readonly SimDuration AfterOutage = SimDuration.FromSeconds(30);

    /// <summary>KIP-595 and kafka-facts (Controller): two voters of three in site a, so losing site b leaves a majority and the controller moves leaders off b's fenced brokers.</summary>
    [Fact]
    public void ATwoSiteClusterKeepsItsQuorumWhenTheSiteWithTheMinorityOfVotersFails()
    {
        var t = TwoSites(seed: 51);
        var (outageAt, orphaned) = Fail(t, "b");
        AssertQuorumKept(t, "b", outageAt, orphaned);
    }

    /// <summary>KIP-595 and kafka-facts (Controller): two voters of three in site a, so losing site a leaves one voter, which cannot become active or commit any change.</summary>
    [Fact]
    public void ATwoSiteClusterLosesItsQuorumWhenTheSiteWithTheMajorityOfVotersFails()
    {
        var t = TwoSites(seed: 52);
        var (outageAt, orphaned) = Fail(t, "a");

        output.WriteLine($"site a failed at {outageAt}; partitions left without a live leader: {string.Join(", ", orphaned.Select(p => p.Partition))}");
        foreach (var c in t.Cluster.Controllers) output.WriteLine($"controller {c.Id}: alive {c.Alive}, {c.Role} at epoch {c.Epoch}, committed {c.HighWatermark}");
        Assert.NotEmpty(orphaned);
        Assert.Empty(t.ActiveControllers());
        Assert.DoesNotContain(t.Trace.Elected, e => e.At >= outageAt);
        Assert.DoesNotContain(t.Trace.PartitionChanges, c => c.At >= outageAt);
        Assert.DoesNotContain(t.Trace.Fenced, f => f.At >= outageAt);
    }

    /// <summary>KIP-595 and kafka-facts (Controller): one voter in each of three sites, so any one site can fail and the other two keep a majority, elect a controller if needed and move leaders off the lost site.</summary>
    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    public void AClusterWithVotersInThreeSitesKeepsItsQuorumWhenAnyOneSiteFails(string site)
    {
        var t = KafkaScenario.Create().WithZones("a", "b", "c").WithBrokersPerZone(2).WithControllers(("a", 1), ("b", 1), ("c", 1))
            .WithTopic("orders", partitions: Partitions, rf: 3, minIsr: 2).WithSeed(53).Build();
        t.Producer(site == "a" ? "b" : "a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(10));
        var (outageAt, orphaned) = Fail(t, site);
        AssertQuorumKept(t, site, outageAt, orphaned);
    }

    private static KafkaScenario TwoSites(ulong seed)
    {
        var t = KafkaScenario.Create().WithZones("a", "b").WithBrokersPerZone(2).WithControllers(("a", 2), ("b", 1))
            .WithTopic("orders", partitions: Partitions, rf: 3, minIsr: 2).WithSeed(seed).Build();
        t.RunFor(SimDuration.FromSeconds(10));
        return t;
    }

    /// <summary>Fails <paramref name="site"/>, runs on, and returns when it failed and the partitions whose leader was there.</summary>
    private static (SimTime At, PartitionState[] Orphaned) Fail(KafkaScenario t, string site)
    {
        var lost = t.Cluster.Brokers.Where(b => b.Node.Zone.Name == site).Select(b => b.Id).ToHashSet();
        var orphaned = Enumerable.Range(0, Partitions).Select(t.Cluster.PartitionState).Where(ps => lost.Contains(ps.Leader)).ToArray();
        t.FailZone(site);
        var at = t.Now;
        t.RunFor(AfterOutage);
        return (at, orphaned);
    }

    private void AssertQuorumKept(KafkaScenario t, string site, SimTime outageAt, PartitionState[] orphaned)
    {
        output.WriteLine($"site {site} failed at {outageAt}");
        foreach (var e in t.Trace.Elected.Where(e => e.At >= outageAt)) output.WriteLine($"{e.At} controller {e.Controller} elected at epoch {e.Epoch}");
        foreach (var f in t.Trace.Fenced) output.WriteLine($"{f.At} broker {f.Broker} fenced: {f.Cause}");
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After}: {c.Cause}");
        Assert.NotEmpty(orphaned);
        var active = t.Cluster.Controller(Assert.Single(t.ActiveControllers()));
        Assert.NotEqual(site, active.Node.Zone.Name);
        foreach (var ps in orphaned)
        {
            var now = t.Cluster.PartitionState(ps.Partition);
            Assert.True(now.Leader >= 0, $"{now} has no leader {AfterOutage} after site {site} failed");
            Assert.NotEqual(site, t.Cluster.Broker(now.Leader).Node.Zone.Name);
            Assert.Contains(now.Leader, ps.Isr);
            Assert.Contains(t.Trace.PartitionChanges, c => c.At >= outageAt && c.After.Partition == ps.Partition && c.After.Leader == now.Leader);
        }
    }
}
