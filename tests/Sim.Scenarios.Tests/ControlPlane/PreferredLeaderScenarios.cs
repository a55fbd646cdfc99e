using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// Source: Kafka documentation, operations section "Balancing leadership" and broker configs
/// <c>auto.leader.rebalance.enable</c> (default true) and <c>leader.imbalance.check.interval.seconds</c> (300):
/// after a broker comes back, leadership returns to the preferred (first) replica once it is in sync again,
/// at the next check; with the setting off it stays where failover put it. Broker 2, preferred leader of
/// orders-1, crashes at 10 s and returns at 20 s; the check runs every 10 s here.
/// </summary>
public class PreferredLeaderScenarios(ITestOutputHelper output)
{
    private const string LeaderReturns = """
        name: preferred-leader
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 45s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, auto.leader.rebalance.enable: true, leader.imbalance.check.interval.seconds: 10 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: stretch-broker-2, mode: process, duration: 10s }
        """;

    /// <summary>Source: Kafka documentation, operations "Balancing leadership"; broker configs <c>auto.leader.rebalance.enable</c> and <c>leader.imbalance.check.interval.seconds</c>.</summary>
    [Fact]
    public void LeadershipReturnsToThePreferredReplicaOnlyWhenAutoLeaderRebalanceIsEnabled()
    {
        var on = Scenario.Run(LeaderReturns);
        var off = Scenario.Run(LeaderReturns, 0, "architectures.stretch.broker.auto.leader.rebalance.enable=false");
        output.WriteLine(on.Brief());
        double rejoined = on.FirstTime("isr", "orders-1: the ISR expands", "broker 2 caught up");
        double back = on.FirstTime("leader", "orders-1: the leader moves from broker 3 to broker 2", "preferred leader election");
        output.WriteLine($"broker 2 back in the ISR at {F(rejoined)} s, leader again at {F(back)} s; with rebalancing off orders-1 ends on broker " +
                         off.Run.Cluster("stretch").PartitionState(off.Run.Cluster("stretch").Partition("orders-1").Index).Leader);
        Assert.InRange(back - rejoined, 0, 10.1);
        Assert.Equal(2, on.Run.Cluster("stretch").PartitionState(on.Run.Cluster("stretch").Partition("orders-1").Index).Leader);
        Assert.Null(off.Find("preferred leader election"));
        Assert.Equal(3, off.Run.Cluster("stretch").PartitionState(off.Run.Cluster("stretch").Partition("orders-1").Index).Leader);
        Assert.Equal(0, on.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: ReplicaManager.applyLocalFollowersDelta -> completeDelayedOperationsWhenNotPartitionLeader (DelayedFetch
    /// case A): the old leader answers a follower's fetch parked for the partition at once with NOT_LEADER_OR_FOLLOWER,
    /// so the new leader's followers fetch from it, and its high watermark moves, without waiting out
    /// <c>replica.fetch.wait.max.ms</c> (500 ms).
    /// </summary>
    [Fact]
    public void AfterAPreferredLeaderElectionAcksAllWritesResumeWithoutWaitingOutTheFollowersParkedFetch()
    {
        // A follower may learn of the move before broker 2 does; broker 2 then refuses its fetch (UNKNOWN_LEADER_EPOCH)
        // and the follower backs off replica.fetch.backoff.ms (1 s) as AbstractFetcherThread does, a race of metadata
        // propagation rather than the parked fetch this test is about: a short backoff keeps the two apart in both runs.
        const string shortBackoff = "architectures.stretch.broker.replica.fetch.backoff.ms=10ms";
        var fast = Scenario.Run(LeaderReturns, 0, shortBackoff);
        var slow = Scenario.Run(LeaderReturns, 0, "architectures.stretch.broker.replica.fetch.wait.max.ms=5s", shortBackoff);
        double Resume(Outcome o)
        {
            double moved = o.FirstTime("leader", "orders-1: the leader moves from broker 3 to broker 2", "preferred leader election");
            var acked = o.Matching("recovered", "writes to orders-1 are acknowledged again").Where(e => e.TimeS >= moved).Select(e => e.TimeS);
            return (acked.DefaultIfEmpty(double.NaN).First()) - moved;
        }
        output.WriteLine($"acks=all writes to orders-1 acknowledged again {Resume(fast) * 1000:0.0} ms after the move; with replica.fetch.wait.max.ms 5 s {Resume(slow) * 1000:0.0} ms");
        Assert.InRange(Resume(fast), 0.0, 0.1);
        Assert.InRange(Resume(slow), 0.0, 0.1);
    }

    /// <summary>
    /// Source: QuorumController.maybeScheduleNextBalancePartitionLeaders and ReplicationControlManager
    /// .arePartitionLeadersImbalanced: the KRaft controller schedules the balance task only once a leader is not its
    /// preferred replica, <c>leader.imbalance.check.interval.seconds</c> after the write that made it so, and again
    /// an interval after each run while the imbalance lasts; not on a fixed grid from its activation.
    /// </summary>
    [Fact]
    public void TheKRaftControllerChecksTheBalanceAWholeIntervalAfterTheImbalanceAppeared()
    {
        var o = Scenario.Run(LeaderReturns);
        double away = o.FirstTime("leader", "orders-1: the leader moves from broker 2");
        double back = o.FirstTime("leader", "orders-1: the leader moves from broker 3 to broker 2", "preferred leader election");
        double rejoined = o.FirstTime("isr", "orders-1: the ISR expands", "broker 2 caught up");
        output.WriteLine($"leader away from broker 2 at {F(away)} s, broker 2 back in the ISR at {F(rejoined)} s, leader back at {F(back)} s");
        // The first check found broker 2 out of the ISR or it was the one after: either way a whole number of intervals.
        double intervals = (back - away) / 10;
        Assert.InRange(Math.Abs(intervals - Math.Round(intervals)), 0, 0.01);
        Assert.True(intervals >= 1, $"checked {F(back - away)} s after the imbalance appeared");
        Assert.InRange(back - rejoined, 0, 10.1);
    }
}
