using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Faults;

/// <summary>
/// A paused process (SIGSTOP, a long GC pause) keeps its sockets and its state but does nothing, while the
/// rest of the cluster runs on. The leader of orders-0 (broker 1) pauses at 10 s for 20 s, longer than
/// broker.session.timeout.ms (9 s).
/// </summary>
public class ProcessPauseScenarios(ITestOutputHelper output)
{
    private const string PausedLeader = """
        name: paused-leader
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 60s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, broker.session.timeout.ms: 9000, broker.heartbeat.interval.ms: 2000 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: process-pause, target: "leader-of:orders/0", duration: 20s }
        """;

    /// <summary>
    /// Source: kafkatest replication_test and round_trip_fault_test pause a broker with SIGSTOP
    /// (<c>KafkaService.signal_node</c>, Trogdor's ProcessStopFault); KIP-631's broker lease: a broker that
    /// misses heartbeats for broker.session.timeout.ms is fenced and loses its leaderships, and a paused
    /// leader that wakes learns from the metadata log (KRaft's BrokerMetadataPublisher applying the
    /// PartitionChangeRecord) that it is a follower and steps down, truncating to the new leader's log
    /// (KIP-101). No acknowledged record is lost with acks=all.
    /// </summary>
    [Fact]
    public void APausedLeaderIsFencedWhileAsleepAndStepsDownWhenItWakes()
    {
        var o = Scenario.Run(PausedLeader);
        output.WriteLine(o.Narration);
        double fenced = o.FirstTime("fenced", "fences broker 1");
        Assert.Equal(fenced, o.FirstTime("leader", "orders-0: the leader moves from broker 1"));
        // Asleep, it answered nothing: the producer's requests queued on its sockets until it woke.
        Assert.DoesNotContain(o.Entries("retry"), e => e.TimeS < 30);
        double refused = o.FirstTime("retry", "NOT_LEADER_OR_FOLLOWER");
        double truncated = o.FirstTime("truncation", "broker 1 truncates orders-0");
        output.WriteLine($"fenced {F(fenced - 10)} s into the pause; on waking it refuses produces after {F((refused - 30) * 1000)} ms "
            + $"and truncates its stale appends after {F((truncated - 30) * 1000)} ms; RTO {F(o.Result.ProducerRto.Seconds)} s");
        Assert.InRange(fenced - 10, 7, 9.2);
        Assert.InRange(refused - 30, 0, 1);
        Assert.InRange(truncated - 30, 0, 1);
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }
}
