using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Core.Time;
using Sim.Kafka.Config;
using Xunit.Abstractions;

namespace Sim.Architectures.Tests;

/// <summary>The architectures' outcomes under a site outage, and why they come out as they do.</summary>
public class ArchitectureScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void Stretch_OverThreeSites_WithMinIsrTwoAndAcksAll_LosesNothing_AndRecoversInASessionTimeoutPlusAnElection()
    {
        var plan = StretchCluster.Build(Arch.FourSites(), new StretchOptions(["a", "b", "c"]) { BrokersPerSite = 2 }, Arch.Workload(["a", "b", "c"], ["b"], rate: 300));
        var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a"), Arch.Options(120));
        output.WriteLine(Describe.Of(r));
        foreach (var st in run.Probes.Recovery.ProducerStreams) output.WriteLine($"producer stream {st}");
        Assert.Equal(0, r.AckedRecordsLost);
        Assert.True(r.RecordsAcked > 50_000, $"acked {r.RecordsAcked}");
        // Writes to partitions led outside site a but with a replica there wait until the controller fences
        // a's brokers (broker.session.timeout.ms, 9 s, counted from the new controller's election when the
        // active controller was in a) and shrinks the ISR. Writes already in flight to a leader in the dark
        // site get no reset: they wait out the producer's request.timeout.ms (30 s) before retrying.
        var session = plan.Settings[StretchCluster.ClusterName].Server.Broker.BrokerSessionTimeout.TotalSeconds;
        var requestTimeout = new ProducerConfig().RequestTimeout.TotalSeconds;
        Assert.True(r.ProducerRto.Recovered);
        Assert.InRange(r.ProducerRto.DetectionS, session, session + 4);
        var recoveries = run.Probes.Recovery.ProducerStreams.Where(s => s.FirstAfterFault is not null).Select(s => (s.FirstAfterFault!.Value - SimTime.FromSeconds(30)).TotalSeconds).Order().ToList();
        Assert.InRange(recoveries[recoveries.Count / 2], session, session + 4);
        Assert.InRange(r.ProducerRto.Seconds, requestTimeout, 2 * requestTimeout + session);
        Assert.True(r.IsrShrinks > 0 && r.LeaderElections > 0);
    }

    [Fact]
    public void ActivePassive_LosesAboutAReplicationLagOfRecords_AndItsRtoIsDetectionAndRedirection()
    {
        // 30 ms between the sites, producers in b writing to the primary in a (a metro pair), MirrorMaker 2 in b.
        var topology = Arch.FourSites("30ms");
        var options = new ActivePassiveOptions("a", "b");
        var plan = ActivePassive.Build(topology, options, Arch.Workload(["b", "b"], ["b"], rate: 2000));
        var (run, r) = Arch.Run(plan, Arch.SiteOutage(plan, "a", atS: 40, forS: 60), Arch.Options(120));
        output.WriteLine(Describe.Of(r));
        foreach (var st in run.Probes.Recovery.ProducerStreams) output.WriteLine($"producer stream {st}");
        var flow = run.Simulation.MirrorMaker!.Flow("a", "b");
        var lagAtFault = flow.Metrics.Heartbeats.Where(h => h.At < SimTime.FromSeconds(40)).TakeLast(10).Average(h => h.Lag.TotalSeconds);
        double expected = 4000 * lagAtFault;
        output.WriteLine($"lag before the fault {lagAtFault * 1000:F1} ms: expected about {expected:F0} records stranded");
        // The whole primary lost power, so records acknowledged but not yet flushed are gone from all its
        // replicas too; those not yet mirrored are lost for good, the rest only stranded by the failover.
        // How many is a snapshot of where each partition's mirror fetch cycle stood when the power went: from
        // none up to the mirror lag plus a fetch round trip (2 x 30 ms) of records (FailoverTests pins the exact
        // set against commit times); the mean lag before the fault is no lower bound.
        Assert.InRange(r.AckedRecordsLost, 1, 4000 * (lagAtFault + 2 * 0.030));
        Assert.True(r.RpoS > 0 && r.RpoS < 1, $"rpo {r.RpoS}");
        var rto = r.ProducerRto;
        Assert.True(rto.Recovered);
        Assert.True(rto.DetectionS + rto.RedirectionS > 0.9 * rto.Seconds, rto.ToString());
        var fc = run.Failovers.Values.Single();
        Assert.InRange(rto.DetectionS, (fc.Config.ProbeFailures - 1) * fc.Config.ProbeInterval.TotalSeconds, fc.Config.ProbeFailures * fc.Config.ProbeInterval.TotalSeconds + fc.Config.ProbeTimeout.TotalSeconds);
        Assert.InRange(rto.RedirectionS, 0, fc.Config.DnsTtl.TotalSeconds);
    }

    [Fact]
    public void RaisingTheRttFrom2To40Ms_RaisesStretchP99ByAboutTheAddedRtt_ButNotActiveActiveLocalLatency()
    {
        double P99(string architecture, string rtt)
        {
            var topology = Arch.FourSites(rtt);
            var workload = Arch.Workload(["a", "b"], [], rate: 10, topic: Arch.Orders(6, 2, 2));
            var plan = architecture == "stretch"
                ? StretchCluster.Build(topology, new StretchOptions(["a", "b"]) { BrokersPerSite = 2 }, workload)
                : ActiveActive.Build(topology, new ActiveActiveOptions(["a", "b"]) { Cluster = new ClusterShape(2, 3) }, workload);
            var (_, r) = Arch.Run(plan, FaultPlan.None, Arch.Options(40));
            output.WriteLine($"{architecture} at {rtt}: {Describe.Of(r)}");
            return r.ProduceLatency.P99Ms;
        }
        double stretchRise = P99("stretch", "40ms") - P99("stretch", "2ms");
        double aaRise = P99("active-active", "40ms") - P99("active-active", "2ms");
        // acks=all waits for a follower in the other site to fetch and fetch again: one added RTT for a
        // producer next to its leader, two for one across the sites, plus the queueing of one request per
        // connection at a time.
        Assert.InRange(stretchRise, 38, 4 * 38);
        Assert.InRange(aaRise, -3, 3);
    }
}
