using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// Source: KIP-966 ("Eligible Leader Replicas"): a replica removed from the ISR while the ISR is below
/// <c>min.insync.replicas</c> has every committed record (the high watermark cannot advance then), so it stays
/// eligible to lead; an unclean shutdown removes that eligibility. Off by default in Kafka 4.0
/// (<c>eligible.leader.replicas.enable</c>). RF 3, min ISR 2: broker 3 crashes for good at 5 s, broker 2 shuts
/// down at 20 s (the ISR falls to {1}), broker 1 crashes at 35 s (no leader), broker 2 returns at 50 s.
/// </summary>
public class EligibleLeaderReplicasScenarios(ITestOutputHelper output)
{
    private const string IsrDrainsThenLeaderDies = """
        name: eligible-leader-replicas
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 65s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, eligible.leader.replicas.enable: true }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 5s, kind: broker-crash, target: stretch-broker-3, mode: process }
          - { at: 20s, kind: broker-crash, target: stretch-broker-2, mode: clean, duration: 30s }
          - { at: 35s, kind: broker-crash, target: stretch-broker-1, mode: process }
        """;

    /// <summary>Source: KIP-966, "Eligible Leader Replicas" (members removed from an ISR below min ISR stay eligible; <c>eligible.leader.replicas.enable</c>).</summary>
    [Fact]
    public void AReplicaThatLeftTheIsrBelowMinInsyncReplicasLeadsAgainWhenItReturnsOnlyWithEligibleLeaderReplicas()
    {
        var elr = Scenario.Run(IsrDrainsThenLeaderDies);
        var off = Scenario.Run(IsrDrainsThenLeaderDies, 0, "architectures.stretch.broker.eligible.leader.replicas.enable=false");
        output.WriteLine(elr.Brief());
        double offline = elr.FirstTime("leader", "orders-0 has no leader");
        double back = elr.FirstTime("leader", "orders-0 gets a leader again: broker 2", "eligible leader replicas (KIP-966)");
        output.WriteLine($"ELR on: offline at {F(offline)} s, broker 2 leads at {F(back)} s, lost {elr.Result.AckedRecordsLost}; " +
                         $"ELR off: leader at the end {off.Run.Cluster("stretch").PartitionState(off.Run.Cluster("stretch").Partition("orders-0").Index).Leader}");
        Assert.InRange(back, 50, 55);
        Assert.Equal(0, elr.Result.AckedRecordsLost);
        Assert.Empty(elr.Matching("leader", "unclean"));
        Assert.NotNull(off.Find("orders-0 has no leader"));
        Assert.Null(off.Find("orders-0 gets a leader again"));
        Assert.Equal(-1, off.Run.Cluster("stretch").PartitionState(off.Run.Cluster("stretch").Partition("orders-0").Index).Leader);
    }

    /// <summary>Source: KIP-966, "Broker unclean shutdown": a replica that restarts after an unclean shutdown may have lost its tail and is removed from the ELR.</summary>
    [Fact]
    public void AReplicaThatCrashedInsteadOfShuttingDownCleanlyIsNoLongerEligible()
    {
        var o = Scenario.Run(IsrDrainsThenLeaderDies, 0, "faults.1.mode=process");
        output.WriteLine(o.Brief());
        Assert.NotNull(o.Find("orders-0 has no leader"));
        Assert.Null(o.Find("orders-0 gets a leader again"));
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }
    /// <summary>
    /// Source: KIP-966 ("Broker unclean shutdown") and ReplicationControlManager.handleBrokerUncleanShutdown
    /// (KAFKA-15586): broker 1, the last ISR member, loses power at 35 s with the last 30 s of its log still in the
    /// page cache and is restarted at 40 s (registering after 10 s of log recovery). Registering after an unclean
    /// shutdown takes it out of the ISR and the ELR, so the partition waits for broker 2 (a clean eligible
    /// replica, restarted at 55 s) instead of electing the
    /// broker that lost acknowledged records.
    /// </summary>
    [Fact]
    public void TheLastInSyncReplicaBackFromAPowerLossIsNotElectedAndNoAcknowledgedRecordIsLost()
    {
        var o = Scenario.Run(IsrDrainsThenLeaderDies, 0, "faults.1.duration=35s", "faults.2.mode=hard", "faults.2.duration=5s");
        output.WriteLine(o.Brief());
        double left = o.FirstTime("isr", "orders-0", "broker 1 restarted after an unclean shutdown");
        double back = o.FirstTime("leader", "orders-0 gets a leader again: broker 2", "eligible leader replicas (KIP-966)");
        output.WriteLine($"broker 1 left the ISR at {F(left)} s, broker 2 leads at {F(back)} s, lost {o.Result.AckedRecordsLost}");
        Assert.InRange(left, 50, 52);
        Assert.InRange(back, 55, 62);
        Assert.Null(o.Find("orders-0 gets a leader again: broker 1"));
        Assert.Empty(o.Matching("leader", "unclean election"));
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }
}
