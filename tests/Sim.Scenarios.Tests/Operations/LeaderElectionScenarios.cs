using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Operations;

/// <summary>
/// orders-0 on two brokers: the follower stops at 10 s and comes back at 25 s (registering some 10 s later,
/// after its log recovery), but the leader died at 20 s, so the partition is offline with an ISR of the dead
/// leader alone; an operator acts at 45 s.
/// </summary>
public class LeaderElectionScenarios(ITestOutputHelper output)
{
    private const string LeaderGone = """
        name: leader-gone
        model: models/three-metro-dcs.yaml
        seed: 4
        duration: 70s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, unclean.leader.election.interval.ms: 20s }
        topics:
          orders: { partitions: 1, replication.factor: 2, min.insync.replicas: 1, replicas: [[1, 2]] }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: stretch-broker-2, mode: process, duration: 15s }
          - { at: 20s, kind: broker-crash, target: stretch-broker-1, mode: process }
          - { at: 45s, kind: elect-leaders, target: orders/0, election: unclean }
        """;

    /// <summary>
    /// Source: kafka-leader-election --election-type UNCLEAN (KIP-460) and Kafka's documentation of
    /// unclean.leader.election.enable: with the ISR gone, the operator's unclean election brings the partition
    /// back on the out-of-sync replica, and what only the dead leader held, acknowledged, is lost.
    /// </summary>
    [Fact]
    public void AnOperatorsUncleanElectionBringsTheOfflinePartitionBackAndLosesTheLeadersTail()
    {
        var o = Scenario.Run(LeaderGone);
        output.WriteLine(o.Narration);
        var cluster = o.Run.Simulation.Clusters.Values.First();
        var state = cluster.PartitionState(cluster.Context.Partitions.First(p => p.Topic.Name == "orders").Index);
        var election = o.Result.Faults.Single(f => f.Kind == "elect-leaders");
        output.WriteLine($"{election.Resolved}; {state}; lost {o.Result.AckedRecordsLost}");
        Assert.Contains("unclean leader 2", election.Resolved, StringComparison.Ordinal);
        Assert.Equal(2, state.Leader);
        Assert.True(o.Result.AckedRecordsLost > 0);
    }

    /// <summary>Without the operator the partition stays offline: unclean election is off and the ISR's only member is dead.</summary>
    [Fact]
    public void WithoutTheOperatorThePartitionStaysOffline()
    {
        var o = Scenario.Run(LeaderGone, 0, "faults.2.at=69s", "faults.2.election=preferred");
        var cluster = o.Run.Simulation.Clusters.Values.First();
        var state = cluster.PartitionState(cluster.Context.Partitions.First(p => p.Topic.Name == "orders").Index);
        output.WriteLine($"{o.Result.Faults[2].Resolved}; {state}");
        Assert.Equal(-1, state.Leader);
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KRaft's handling of unclean.leader.election.enable turned on with kafka-configs (KAFKA-12670,
    /// unclean.leader.election.interval.ms): the change takes effect at the controller's next periodic check,
    /// here on the 20 s grid, so the partition returns at 60 s, not when the config is written at 45 s.
    /// </summary>
    [Fact]
    public void TurningUncleanElectionOnDynamicallyTakesEffectAtTheNextCheck()
    {
        var o = Scenario.Run(LeaderGone, 0, "faults.2.kind=alter-config", "faults.2.target=topic:orders",
            "faults.2.config={unclean.leader.election.enable: true}");
        output.WriteLine(o.Narration);
        var elected = o.Trace.Entries.First(e => e.Text.Contains("at the periodic check", StringComparison.Ordinal));
        output.WriteLine($"{elected.TimeS:0.000} {elected.Text}");
        Assert.InRange(elected.TimeS, 60, 60.2);
        Assert.True(o.Result.AckedRecordsLost > 0);
    }
}
