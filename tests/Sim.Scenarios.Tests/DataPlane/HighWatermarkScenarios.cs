using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// Consumers see only committed records. Source: Kafka documentation, design section 4.7 ("Only committed
/// messages are ever given out to the consumer"; a message is committed when all in-sync replicas have
/// it), and the high watermark as the smallest log end offset of the ISR (Partition.maybeIncrementLeaderHW).
/// An acks=1 producer keeps being acknowledged while an in-sync follower is cut off from the leader, but the
/// high watermark cannot pass that follower until the leader drops it from the ISR (replica.lag.time.max.ms).
/// </summary>
public class HighWatermarkScenarios(ITestOutputHelper output)
{
    private const string FollowerCutOff = """
        name: high-watermark
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 60s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, replica.lag.time.max.ms: 20000 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 1000/s, keys: 100, config: { acks: 1 } }
          consumers:
            # earliest: the group's first join waits group.initial.rebalance.delay.ms (3 s), and with latest the
            # records of those seconds would be passed over, which is not what this scenario is about.
            - { zone: b, group: audit, topic: orders, config: { auto.offset.reset: earliest } }
        faults:
          - { at: 10s, kind: network-partition, target: stretch-broker-1, to: stretch-broker-3, duration: 40s }
        """;

    /// <summary>Source: design.html 4.7 ("Only committed messages are ever given out to the consumer"); the high watermark is the smallest log end offset of the ISR.</summary>
    [Fact]
    public void ConsumersReadNothingAcks1WroteWhileAnInSyncFollowerCannotFetch()
    {
        var o = Scenario.Run(FollowerCutOff);
        output.WriteLine(o.Brief());
        double shrink = o.FirstTime("isr", "orders-0: the ISR shrinks from {1,2,3} to {1,2}");
        long ackedDuring = o.Sum(r => r.Acked, 11, shrink - 1), consumedDuring = o.Sum(r => r.Consumed, 11, shrink - 1);
        long consumedAll = o.Sum(r => r.Consumed, 0, 60), ackedAll = o.Sum(r => r.Acked, 0, 60);
        output.WriteLine($"ISR shrinks at {F(shrink)} s; from 11 s to {F(shrink - 1)} s acked {ackedDuring}, consumed {consumedDuring}; in the whole run acked {ackedAll}, consumed {consumedAll}");
        Assert.True(ackedDuring > 15_000, $"acked {ackedDuring}");
        Assert.Equal(0, consumedDuring);
        // Once the follower is out of the ISR the high watermark jumps to the leader's end and the backlog is delivered.
        Assert.InRange(consumedAll, ackedAll - 2000, ackedAll);
        Assert.InRange(o.Result.E2eLatencyP99Ms, 10_000, 40_000);
    }
}
