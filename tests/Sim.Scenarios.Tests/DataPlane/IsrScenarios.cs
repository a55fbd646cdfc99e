using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// How a follower leaves and rejoins the ISR. Source: broker config <c>replica.lag.time.max.ms</c> ("If a
/// follower hasn't sent any fetch requests or hasn't consumed up to the leader's log end offset for at least
/// this time, the leader will remove the follower from isr", default 30000); Partition.scala (the leader
/// checks every half of that time, so removal lands between 1 and 1.5 times it; a follower rejoins when it
/// has caught up to the high watermark); design.html 4.7 ("slow" replicas are dropped from the ISR).
/// </summary>
public class IsrScenarios(ITestOutputHelper output)
{
    // The leader of orders-0 (broker 1) loses its link to follower 3 for 50 s; the controllers still hear
    // every broker, so nobody is fenced: only the lag rule can take broker 3 out of the ISR.
    private const string FollowerCutOff = """
        name: isr-lag
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 90s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: network-partition, target: stretch-broker-1, to: stretch-broker-3, duration: 50s }
        """;

    // acks=1 at 2000 records/s, so the leader's log end runs ahead of a follower that cannot keep up.
    private const string SlowFollower = """
        name: isr-slow-follower
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 60s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 2000/s, keys: 100, config: { acks: 1 } }
        faults:
          - { at: 10s, kind: slow-disk, target: stretch-broker-3, latency: 2s, duration: 40s }
        """;

    /// <summary>Source: broker config <c>replica.lag.time.max.ms</c> ("hasn't sent any fetch requests ... for at least this time"); Partition.scala (checked every half of it; a follower rejoins once caught up to the high watermark).</summary>
    [Fact]
    public void AFollowerCutOffFromItsLeaderLeavesTheIsrAfterReplicaLagTimeMaxMsAndRejoinsOnceCaughtUp()
    {
        foreach (int lagS in new[] { 30, 10 })
        {
            var o = Scenario.Run(FollowerCutOff, 0, $"architectures.stretch.broker.replica.lag.time.max.ms={lagS * 1000}");
            output.WriteLine(o.Brief());
            double shrink = o.FirstTime("isr", "orders-0: the ISR shrinks from {1,2,3} to {1,2}", "replica.lag.time.max.ms");
            double rejoin = o.FirstTime("isr", "orders-0: the ISR expands from {1,2} to {1,2,3}");
            output.WriteLine($"replica.lag.time.max.ms {lagS} s: shrink {F(shrink - 10)} s after the cut, rejoin at {F(rejoin)} s; " +
                             $"acks=all writes stalled {F(o.Result.ProducerRto.Seconds)} s");
            Assert.InRange(shrink - 10, lagS, 1.5 * lagS + 0.5);
            Assert.Empty(o.Entries("fenced"));
            // acks=all waits for every ISR member, so writes stall until the lagging follower is removed.
            Assert.InRange(o.Result.ProducerRto.Seconds, shrink - 10 - 1, shrink - 10 + 1);
            Assert.True(rejoin > 60, $"rejoined at {rejoin} s, before the link came back at 60 s");
            Assert.Equal(0, o.Result.AckedRecordsLost);
        }
    }

    /// <summary>Source: <c>replica.lag.time.max.ms</c> ("hasn't consumed up to the leader's log end offset"): a follower that fetches but cannot keep up is dropped too.</summary>
    [Fact]
    public void AFollowerSlowedByItsDiskLeavesTheIsrWhileAMildlySlowerOneStays()
    {
        var slow = Scenario.Run(SlowFollower);
        var mild = Scenario.Run(SlowFollower, 0, "faults.0.latency=20ms");
        output.WriteLine(slow.Brief());
        double shrink = slow.FirstTime("isr", "orders-0: the ISR shrinks from {1,2,3} to {1,2}", "broker 3 fell behind");
        double rejoin = slow.FirstTime("isr", "orders-0: the ISR expands from {1,2} to {1,2,3}");
        output.WriteLine($"2 s per write: shrink at {F(shrink)} s, rejoin at {F(rejoin)} s (disk back at 50 s); 20 ms per write: {mild.Result.IsrShrinks} shrinks");
        Assert.InRange(shrink - 10, 30, 45.5);
        Assert.InRange(rejoin, 50, 55);
        Assert.Equal(0, mild.Result.IsrShrinks);
    }

    /// <summary>Source: <c>replica.lag.time.max.ms</c>, as for a slow disk: a link too thin for the produce rate keeps the follower behind the leader's log end.</summary>
    [Fact]
    public void AFollowerBehindALinkTooThinForTheProduceRateLeavesTheIsr()
    {
        string Link(string factor) => $"faults.0={{at: 10s, kind: link-degradation, target: a, to: c, bandwidth_factor: {factor}, duration: 40s}}";
        var thin = Scenario.Run(SlowFollower, 0, Link("0.0005"));
        var wide = Scenario.Run(SlowFollower, 0, Link("0.01"));
        output.WriteLine(thin.Brief());
        double shrink = thin.FirstTime("isr", "orders-0: the ISR shrinks from {1,2,3} to {1,2}", "broker 3 fell behind");
        output.WriteLine($"5 Mbps to c (the producer writes ~17 Mbps): shrink at {F(shrink)} s; 100 Mbps: {wide.Result.IsrShrinks} shrinks");
        Assert.InRange(shrink - 10, 30, 45.5);
        Assert.NotNull(thin.Find("orders-0: the ISR expands from {1,2} to {1,2,3}"));
        Assert.Equal(0, wide.Result.IsrShrinks);
    }
}
