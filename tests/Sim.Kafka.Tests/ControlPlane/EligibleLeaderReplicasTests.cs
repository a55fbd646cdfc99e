using Sim.Core.Time;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>KIP-966: replicas that left an ISR below min.insync.replicas stay eligible to lead; an unclean shutdown removes that.</summary>
public class EligibleLeaderReplicasTests
{
    private static KafkaScenario Build(bool elr) => KafkaScenario.Create()
        .WithTopic("orders", partitions: 1, rf: 3, minIsr: 2)
        .WithBroker(b => b with { EligibleLeaderReplicasEnable = elr }).Build();

    /// <summary>Runs: broker 3 crashes, broker 2 shuts down (cleanly or not), the leader crashes, broker 2 returns.</summary>
    private static KafkaScenario Run(bool elr, bool cleanShutdownOf2)
    {
        var t = Build(elr);
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(5));
        Assert.Equal(1, t.Cluster.PartitionState(0).Leader);
        t.Cluster.CrashBroker(3, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(15));
        if (cleanShutdownOf2) t.Cluster.Broker(2).BeginControlledShutdown();
        else t.Cluster.CrashBroker(2, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(15));
        t.Cluster.CrashBroker(1, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(15));
        Assert.Equal(-1, t.Cluster.PartitionState(0).Leader);
        t.Cluster.RestartBroker(2);
        t.RunFor(SimDuration.FromSeconds(15));
        return t;
    }

    [Fact]
    public void AReplicaThatLeftTheIsrBelowMinInsyncReplicasLeadsAgainWhenItReturnsWithoutLosingData()
    {
        var t = Run(elr: true, cleanShutdownOf2: true);
        var ps = t.Cluster.PartitionState(0);
        Assert.Equal(2, ps.Leader);
        Assert.Contains(t.Trace.PartitionChanges, c => c.Cause.Contains("eligible leader replicas"));
        Assert.Equal(0, t.Audit().LostRecords);
    }

    [Fact]
    public void WithoutEligibleLeaderReplicasThePartitionWaitsForItsLastInSyncReplica()
    {
        var t = Run(elr: false, cleanShutdownOf2: true);
        Assert.Equal(-1, t.Cluster.PartitionState(0).Leader);
    }

    [Fact]
    public void AnUncleanShutdownRemovesEligibility()
    {
        var t = Run(elr: true, cleanShutdownOf2: false);
        Assert.Equal(-1, t.Cluster.PartitionState(0).Leader);
        Assert.Contains(t.Trace.PartitionChanges, c => c.Cause.Contains("left the ISR and the eligible leader replicas"));
    }
}
