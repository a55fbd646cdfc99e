using Sim.Core.Time;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>KIP-631: a broker registering with a new incarnation has its old registration fenced.</summary>
public class QuickRestartTests
{
    [Fact]
    public void ABrokerThatRestartsBeforeItsSessionExpiresHandsItsPartitionsToOtherInSyncReplicas()
    {
        // A broker with little to recover: 1 s of log recovery (sim.broker.startup.unclean), so that restarted 1 s
        // after its crash it registers again at 12 s, well inside its 9 s session.
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2)
            .WithBroker(b => b with { StartupTimeUnclean = SimDuration.FromSeconds(1) }).Build();
        var acks = t.TrackAcks();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        Assert.Equal(1, t.Cluster.PartitionState(0).Leader);
        t.Cluster.CrashBroker(1, powerLoss: true);
        t.RunFor(SimDuration.FromSeconds(1));
        t.Cluster.RestartBroker(1);
        t.RunFor(SimDuration.FromSeconds(20));
        var fence = Assert.Single(t.Trace.Fenced, f => f.Broker == 1);
        Assert.Contains("new incarnation", fence.Cause);
        Assert.True(fence.At < SimTime.FromSeconds(13), $"fenced at {fence.At}, before its 9 s session could expire");
        Assert.NotEqual(1, t.Cluster.PartitionState(0).Leader);
        Assert.True(acks.RecordsAcked(0, SimTime.FromSeconds(20), SimTime.FromSeconds(32)) > 0);
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
