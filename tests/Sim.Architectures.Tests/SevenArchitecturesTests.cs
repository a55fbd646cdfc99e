using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Architectures.Tiering;
using Xunit.Abstractions;

namespace Sim.Architectures.Tests;

/// <summary>
/// The seven designs of the multi-site guide, each built by its template over sites a-d and put through the
/// same outage of site a; each checked against the guide's description: clusters, flows, placement.
/// </summary>
public class SevenArchitecturesTests(ITestOutputHelper output)
{
    private const double RunS = 90;

    public static TheoryData<string> Names => new() { "stretch", "active-active", "active-passive", "aggregate", "hub-and-spoke", "observer", "tiered-dr" };

    private static DeploymentPlan Plan(string name)
    {
        var t = Arch.FourSites();
        return name switch
        {
            "stretch" => StretchCluster.Build(t, new StretchOptions(["a", "b", "c"]) { BrokersPerSite = 2 }, Arch.Workload(["a", "b"], ["b"])),
            "active-active" => ActiveActive.Build(t, new ActiveActiveOptions(["a", "b"]), Arch.Workload(["a", "b"], ["a", "b"])),
            "active-passive" => ActivePassive.Build(t, new ActivePassiveOptions("a", "b"), Arch.Workload(["b"], ["b"])),
            "aggregate" => AggregateCluster.Build(t, new AggregateOptions(["a", "b"], "c"), Arch.Workload(["a", "b"], ["c"])),
            "hub-and-spoke" => HubAndSpoke.Build(t, new HubAndSpokeOptions(["a", "b", "c"], "d") { FanOut = true }, Arch.Workload(["a", "b", "c"], ["d", "b"])),
            "observer" => ObserverCluster.Build(t, new ObserverOptions(["a", "b"], "c"), Arch.Workload(["a", "b"], ["c"])),
            _ => TieredStorageDr.Build(t, new TieredStorageOptions("a", "b")
                {
                    Tier = new RemoteTierConfig { TaskInterval = Sim.Core.Time.SimDuration.FromSeconds(5) },
                    // Segments roll every 10 s (log.roll.ms) as well as at 1 MiB, so closed segments exist to upload before
                    // the outage at 30 s: the producers move to b then, and a's active segments take no more writes.
                    Server = new() { Broker = new() { Log = new() { SegmentBytes = 1 << 20, SegmentMs = Sim.Core.Time.SimDuration.FromSeconds(10) } } },
                },
                Arch.Workload(["b"], ["b"])),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EachTemplate_MatchesItsDescription_AndRunsTheSiteOutage(string name)
    {
        var plan = Plan(name);
        var clusters = plan.Model.Clusters.Select(c => c.Name).Order().ToList();
        var flows = plan.Model.MirrorMaker.SelectMany(c => c.Flows).Select(f => $"{f.Source}->{f.Target}").Order().ToList();
        string ZoneOf(string rack) => rack[..1];
        var brokerSites = plan.Model.Clusters.ToDictionary(c => c.Name, c => c.Brokers.Select(b => ZoneOf(b.Rack)).Distinct().Order().ToList());
        switch (name)
        {
            case "stretch":   // one cluster, replicas across sites by rack, quorum across sites, no mirroring
                Assert.Equal(["stretch"], clusters);
                Assert.Empty(flows);
                Assert.Equal(["a", "b", "c"], brokerSites["stretch"]);
                Assert.Equal(3, plan.Model.Clusters[0].Controllers.Select(c => ZoneOf(c.Rack)).Distinct().Count());
                break;
            case "active-active":   // two independent clusters, MirrorMaker 2 both ways, local writes
                Assert.Equal(["a", "b"], clusters);
                Assert.Equal(["a->b", "b->a"], flows);
                Assert.All(plan.Apps.Where(a => a.Role == AppRole.Producer), a => Assert.Equal(a.Zone, a.Cluster));
                Assert.Contains(plan.Apps, a => a.Role == AppRole.Consumer && a.Topics.Contains("b.orders") && a.Cluster == "a");
                break;
            case "active-passive":   // one-way to a standby; applications fail over
                Assert.Equal(["a", "b"], clusters);
                Assert.Equal(["a->b"], flows);
                Assert.All(plan.Apps, a => Assert.Equal(("a", "failover-a"), (a.Cluster, a.Failover)));
                Assert.Single(plan.Failovers);
                break;
            case "aggregate":   // regional clusters into a central aggregate where analytics read everything
                Assert.Equal(["a", "aggregate", "b"], clusters);
                Assert.Equal(["a->aggregate", "b->aggregate"], flows);
                Assert.Equal(["a.orders", "b.orders"], plan.Apps.Single(a => a.Role == AppRole.Consumer).Topics);
                break;
            case "hub-and-spoke":   // N spokes into the hub, fanned back out
                Assert.Equal(["a", "b", "c", "hub"], clusters);
                Assert.Equal(["a->hub", "b->hub", "c->hub", "hub->a", "hub->b", "hub->c"], flows);
                Assert.Equal(["orders", "hub.a.orders", "hub.c.orders"], plan.Apps.Single(a => a.Role == AppRole.Consumer && a.Zone == "b").Topics);
                break;
            case "observer":   // production clusters one way into a read-only observer
                Assert.Equal(["a", "b", "observer"], clusters);
                Assert.Equal(["a->observer", "b->observer"], flows);
                Assert.DoesNotContain(plan.Apps, a => a.Role == AppRole.Producer && a.Cluster == "observer");
                break;
            default:   // hot data by MirrorMaker 2, cold tier by the object store's own replication
                Assert.Equal(["a", "b"], clusters);
                Assert.Equal(["a->b"], flows);
                Assert.Equal(("a", "a", "b"), (plan.RemoteTiers.Single().Cluster, plan.RemoteTiers.Single().StoreZone, plan.RemoteTiers.Single().ReplicaStoreZone));
                break;
        }
        // Connect workers run next to their target ("remote consume, local produce").
        foreach (var connect in plan.Model.MirrorMaker)
        {
            var target = connect.Flows[0].Target;
            var targetZones = plan.Model.Clusters.Single(c => c.Name == target).Brokers.Select(b => ZoneOf(b.Rack)).ToHashSet();
            Assert.All(connect.Workers, w => Assert.Contains(ZoneOf(plan.Model.Network.Nodes.Single(n => n.Name == w).Rack), targetZones));
        }

        // 90 s, not 75: the site is dark from 30 s to 60 s and its brokers, crashed with it, recover their logs for
        // sim.broker.startup.unclean (10 s) before they take requests again, so the remote tier's first segments
        // (closed at 27-30 s, just before the outage) are uploaded only at 70 s, and the object store copies them
        // after its replication lag (median 15 s): 75 s ended the run before any copy reached the DR region.
        var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a", atS: 30, forS: 30), Arch.Options(RunS));
        output.WriteLine(Describe.Of(r));
        Assert.Equal("site-outage", Assert.Single(r.Faults).Kind);
        Assert.Equal(Sim.Core.Time.SimTime.FromSeconds(60), r.Faults[0].End);
        Assert.True(r.RecordsAcked > 5_000, $"acked {r.RecordsAcked}");
        Assert.True(r.Timeseries.Count >= RunS - 1);
        Assert.Contains(r.Timeseries, row => row.ActiveFaults == 1);
        if (name == "tiered-dr") Assert.True(r.RemoteTierBytesUploaded > 0 && r.RemoteTierBytesReplicated > 0, $"uploaded {r.RemoteTierBytesUploaded}, replicated {r.RemoteTierBytesReplicated}");
        if (flows.Count > 0) Assert.True(r.MirrorLagMsP99 > 0);
    }
}
