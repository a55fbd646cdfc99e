using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// Both followers of a partition (RF 3, <c>min.insync.replicas=2</c>) crash and stay down, leaving the leader
/// alone in the ISR once the controller has fenced them.
/// </summary>
public class MinInsyncReplicasScenarios(ITestOutputHelper output)
{
    private const string FollowersCrash = """
        name: min-insync-replicas
        model: models/three-metro-dcs.yaml
        seed: 7
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
            - { zone: a, topic: orders, rate: 1000/s, keys: 100, config: { acks: all, delivery.timeout.ms: 20000, request.timeout.ms: 10000 } }
          consumers:
            - { zone: a, group: audit, topic: orders }
        faults:
          - { at: 15s, kind: broker-crash, target: stretch-broker-2, mode: process }
          - { at: 15s, kind: broker-crash, target: stretch-broker-3, mode: process }
        """;

    /// <summary>
    /// Source: TopicConfig <c>min.insync.replicas</c> ("When a producer sets acks to "all" ..., min.insync.replicas
    /// specifies the minimum number of replicas that must acknowledge a write ... If this minimum cannot be met,
    /// then the producer will raise an exception (either NotEnoughReplicas or NotEnoughReplicasAfterAppend)"):
    /// the check applies to <c>acks=all</c> writes only, so <c>acks=1</c> writes go on.
    /// </summary>
    [Fact]
    public void AcksAllIsRefusedWithNotEnoughReplicasBelowMinInsyncReplicasWhileAcksOneKeepsWriting()
    {
        var all = Scenario.Run(FollowersCrash);
        var one = Scenario.Run(FollowersCrash, 0, "workload.producers.0.config.acks=1");
        output.WriteLine(all.Brief());
        double alone = all.FirstTime("isr", "orders-0: the ISR shrinks from {1,3} to {1}");
        long ackedAllAfter = all.Sum(r => r.Acked, alone + 1, 60), ackedOneAfter = one.Sum(r => r.Acked, alone + 1, 60);
        output.WriteLine($"leader alone in the ISR at {F(alone)} s; acks=all: availability {F(all.Result.Availability)}, acked after {ackedAllAfter}, failed {all.Result.RecordsFailed}; " +
                         $"acks=1: availability {F(one.Result.Availability)}, acked after {ackedOneAfter}");
        Assert.NotEmpty(all.Matching("retry", "NOT_ENOUGH_REPLICAS"));
        Assert.Equal(0, ackedAllAfter);
        Assert.True(all.Result.RecordsFailed > 0, "acks=all records never failed");
        Assert.Empty(one.Matching("retry", "NOT_ENOUGH_REPLICAS"));
        Assert.True(ackedOneAfter > 30_000, $"acks=1 acknowledged only {ackedOneAfter} records with the leader alone");
        Assert.Equal(1.0, one.Result.Availability);
        Assert.Equal(0, all.Result.AckedRecordsLost + one.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KAFKA-15583 (Kafka 3.7: the high watermark advances only while the ISR is at least
    /// <c>min.insync.replicas</c>), part of KIP-966; design.html 4.7 (consumers read only committed records, below the high watermark).
    /// With the leader alone and <c>min.insync.replicas=2</c>, acks=1 writes are acknowledged but never
    /// committed, so consumers receive nothing; with <c>min.insync.replicas=1</c> they resume once the ISR shrinks.
    /// </summary>
    [Fact]
    public void BelowMinInsyncReplicasTheHighWatermarkStopsSoConsumersReadNothingAcks1Wrote()
    {
        var two = Scenario.Run(FollowersCrash, 0, "workload.producers.0.config.acks=1");
        var one = Scenario.Run(FollowersCrash, 0, "workload.producers.0.config.acks=1", "topics.orders.min.insync.replicas=1");
        double alone = two.FirstTime("isr", "orders-0: the ISR shrinks from {1,3} to {1}");
        long acked = two.Sum(r => r.Acked, 16, 60), consumedTwo = two.Sum(r => r.Consumed, 16, 60);
        long ackedOne = one.Sum(r => r.Acked, alone + 1, 60), consumedOne = one.Sum(r => r.Consumed, alone + 1, 60);
        output.WriteLine($"min.insync.replicas=2: acked {acked} after 16 s, consumed {consumedTwo}; =1: acked {ackedOne} after {F(alone + 1)} s, consumed {consumedOne}");
        Assert.True(acked > 40_000, $"acked {acked}");
        Assert.Equal(0, consumedTwo);
        Assert.InRange(consumedOne, (long)(0.95 * ackedOne), ackedOne + 2000);
    }
}
