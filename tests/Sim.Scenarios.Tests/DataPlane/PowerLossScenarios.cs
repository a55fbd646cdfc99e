using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// Every replica of a cluster sits in site a, which loses power. Source: Kafka documentation, operations section
/// "Application vs. OS Flush Management" (Kafka does not fsync each write by default and relies on replication
/// for durability; "we recommend using the default flush settings which disable application fsync entirely")
/// and broker config <c>log.flush.interval.messages</c> (1 makes every append flushed); design section 4.7
/// ("Kafka guarantees that a committed message will not be lost as long as there is at least one in sync
/// replica alive"). When no replica survives, what was only in the page cache is gone. The cluster is the
/// primary of an active-passive pair, so the records survive in the standby; only the primary's logs are judged.
/// </summary>
public class PowerLossScenarios(ITestOutputHelper output)
{
    private const string AllReplicasInOneSite = """
        name: power-loss
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 50s
        warmup: 10s
        architectures:
          active-passive:
            primary: a
            standby: b
            primary_cluster: { brokers: 3, controllers: 1 }
            standby_cluster: { brokers: 3, controllers: 1 }
            broker: { offsets.topic.num.partitions: 1 }
            failover: { detection: operator, operator.delay: 1m }
        topics:
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 300/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 40s, kind: site-outage, target: a }
        """;

    private static long LostOnA(Outcome o) =>
        o.Entries("lost").Where(e => e.Cluster == "a").Sum(e => e.LastOffset!.Value - e.FirstOffset!.Value + 1);

    /// <summary>Source: Kafka documentation, operations "Application vs. OS Flush Management"; broker config <c>log.flush.interval.messages</c>; design.html 4.7 (the guarantee needs one in-sync replica alive).</summary>
    [Fact]
    public void APowerCutOfEveryReplicaLosesTheUnflushedTailUnlessEveryAppendIsFlushed()
    {
        var cached = Scenario.Run(AllReplicasInOneSite);
        var flushed = Scenario.Run(AllReplicasInOneSite, 0, "architectures.active-passive.broker.log.flush.interval.messages=1");
        output.WriteLine($"page cache only: {LostOnA(cached)} acknowledged records gone from a's logs ({cached.Result.AckedRecordsLostPermanent} lost everywhere); " +
                         $"flushed: {LostOnA(flushed)} gone from a ({flushed.Result.AckedRecordsLostPermanent} everywhere)");
        Assert.Equal(3 * 2, cached.Matching("truncation", "power loss", "orders-").Count());
        // Everything acknowledged in the last 30 s (vm.dirty_expire_centisecs) before the cut: about 9000 records.
        Assert.InRange(LostOnA(cached), 300 * 30 * 0.8, 300 * 30 * 1.1);
        Assert.Equal(0, LostOnA(flushed));
        Assert.Empty(flushed.Matching("truncation", "power loss"));
    }
}
