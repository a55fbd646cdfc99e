using Sim.Results;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Observation;

/// <summary>
/// The seed's monitoring dashboard (seed 003, Monitoring Strategy) read as Kafka's JMX metrics would read it:
/// UnderReplicatedPartitions and IsrShrinksPerSec/IsrExpandsPerSec (ReplicaManager), ActiveControllerCount, the
/// follower's MaxLag and the consumer's records-lag. A follower's broker crashes at 20 s for 20 s: the controller
/// fences it after <c>broker.session.timeout.ms</c> (9 s) and shrinks every ISR; when it returns and catches up, the
/// ISRs expand again (KRaft ISR handling, ReplicaManager.maybeShrinkIsr / Partition.maybeExpandIsr).
/// </summary>
public class MonitoringScenarios(ITestOutputHelper output)
{
    private const string FollowerCrash = """
        name: monitoring
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 70s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
          consumers:
            - { zone: b, group: billing, topic: orders }
        faults:
          - { at: 20s, kind: broker-crash, target: stretch-broker-3, mode: process, duration: 20s }
        """;

    /// <summary>Source: seed 003 Monitoring Strategy; ReplicaManager UnderReplicatedPartitions, IsrShrinksPerSec, IsrExpandsPerSec; QuorumController ActiveControllerCount.</summary>
    [Fact]
    public void AFollowersCrashShowsAsUnderReplicatedPartitionsAndIsrShrinksThenExpandsWhenItCatchesUp()
    {
        var o = Scenario.Run(FollowerCrash);
        var m = o.Result.Monitoring;
        foreach (var s in m.Where(s => s.TimeS % 5 == 0)) output.WriteLine(string.Join(",", s.Values()));
        var before = m.Where(s => s.TimeS is > 6 and <= 20).ToList();
        var down = m.Where(s => s.TimeS is > 32 and <= 40).ToList();
        var after = m.Where(s => s.TimeS > 60).ToList();

        Assert.All(before, s => Assert.Equal(0, s.UnderReplicated));
        Assert.All(before, s => Assert.Equal((1, 1), (s.ActiveControllersMin, s.ActiveControllersMax)));
        // Fenced after the session timeout: every partition has lost one ISR member, and the shrinks were counted:
        // the three of orders and the one of __consumer_offsets, which the billing group commits to.
        Assert.All(down, s => Assert.Equal(4, s.UnderReplicated));
        Assert.Equal(0, m.Where(s => s.TimeS <= 20).Sum(s => s.IsrShrinksPerS));
        Assert.Equal(4, m.Where(s => s.TimeS is > 20 and <= 40).Sum(s => s.IsrShrinksPerS), 6);
        Assert.Equal(4, m.Where(s => s.TimeS > 40).Sum(s => s.IsrExpandsPerS), 6);
        Assert.All(after, s => Assert.Equal(0, s.UnderReplicated));
        // The crashed follower is not live, so it is not counted in MaxLag; the live followers keep up.
        Assert.All(down, s => Assert.InRange(s.ReplicaLagMax, 0, 50));
        Assert.All(m.Where(s => s.TimeS > 10), s => Assert.True(double.IsFinite(s.ConsumerLagMax)));
        // No MirrorMaker 2 in a stretch cluster: its columns read as not measured.
        Assert.All(m, s => Assert.True(double.IsNaN(s.MirrorLagS) && double.IsNaN(s.CheckpointAgeS)));
        Assert.All(before, s => Assert.InRange(s.BytesInMBpsMax, 0.1, 10));
        // End-to-end p99.9 beside p99 (runs.csv): the stall's records make the tail, so it is measured and not below p99.
        double p99 = o.Result.E2eLatencyP99Ms, p999 = o.Result.Metric(MetricCatalog.E2eLatencyP999);
        output.WriteLine($"end-to-end p99 {p99} ms, p99.9 {p999} ms");
        Assert.True(double.IsFinite(p999) && p999 >= p99 && p999 > 1000, $"p99 {p99}, p99.9 {p999}");
        // Until the controller fences the crashed follower, it is still in every ISR and acks=all writes wait: an
        // interval with nothing acknowledged and almost nothing coming in.
        Assert.Contains(m, s => s.TimeS is > 20 and <= 30 && double.IsNaN(s.ProduceP99Ms) && s.BytesInMBpsMax < 0.01);
        // The returning follower starts far behind the leader's log end and catches up.
        Assert.Contains(m, s => s.TimeS is > 40 and <= 55 && s.ReplicaLagMax > 1000);
    }
}
