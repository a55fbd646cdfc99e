using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>The ZooKeeper variant: liveness is a ZooKeeper session (zookeeper.session.timeout.ms, 18 s) and the controller is a broker.</summary>
public class ZooKeeperModeTests
{
    private static KafkaScenario Build(MetadataMode mode)
    {
        var b = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2);
        b.Quorum = new QuorumConfig { Mode = mode };
        return b.Build();
    }

    /// <summary>Source: ZooKeeper-mode Kafka (pre-4.0): a broker is gone when its ZooKeeper session expires.</summary>
    [Fact]
    public void ACrashedBrokerIsFencedWhenItsZooKeeperSessionExpiresNotAfterTheKRaftSessionTimeout()
    {
        var zk = Build(MetadataMode.ZooKeeper);
        zk.Producer("a", KafkaScenario.Steady("orders", 500));
        zk.RunFor(SimDuration.FromSeconds(10));
        zk.Cluster.CrashBroker(3, powerLoss: false);
        var crashAt = zk.Now;
        zk.RunFor(SimDuration.FromSeconds(40));
        var fence = Assert.Single(zk.Trace.Fenced, f => f.Broker == 3);
        // The last ping came up to a third of the session before the crash, so expiry lands 12-18 s after it.
        Assert.InRange((fence.At - crashAt).TotalSeconds, 12, 18.5);
        Assert.Contains("zookeeper.session.timeout.ms", fence.Cause);
        Assert.Equal(0, zk.Audit().LostRecords);
    }

    /// <summary>Source: ZooKeeper-mode Kafka: a dead controller broker is replaced only when its own session expires.</summary>
    [Fact]
    public void WhenTheControllerBrokerDiesNothingIsElectedUntilItsSessionExpiresAndAnotherBrokerTakesOver()
    {
        var zk = Build(MetadataMode.ZooKeeper);
        zk.Producer("a", KafkaScenario.Steady("orders", 500));
        zk.RunFor(SimDuration.FromSeconds(10));
        int controllerBroker = zk.Cluster.Controllers.Single(c => c.IsActive).Control.ControllerBroker;
        Assert.True(controllerBroker > 0);
        zk.Cluster.CrashBroker(controllerBroker, powerLoss: false);
        var crashAt = zk.Now;
        zk.RunFor(SimDuration.FromSeconds(40));
        var firstChange = zk.Trace.PartitionChanges.First(c => c.At > crashAt);
        Assert.True((firstChange.At - crashAt).TotalSeconds >= 12, $"first election {firstChange.At - crashAt} after the crash");
        var newController = zk.Cluster.Controllers.Single(c => c.IsActive).Control.ControllerBroker;
        Assert.NotEqual(controllerBroker, newController);
        Assert.Contains(zk.Trace.Fenced, f => f.Broker == controllerBroker && f.Cause.Contains("controller broker"));
    }
}
