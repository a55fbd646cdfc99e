using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// The count of partitions led off their preferred replica that every metadata image keeps (ReplicationControlManager's
/// <c>imbalancedPartitions</c>, read by arePartitionLeadersImbalanced) stays equal to a full scan of the image through
/// broker crashes, restarts and a controller failover, in the controllers' images (which apply uncommitted records and
/// rebuild on truncation) and in the brokers'.
/// </summary>
public class ImbalancedCountScenarioTests
{
    [Fact]
    public void ImbalancedCount_ThroughCrashesRestartsAndAControllerFailover_EqualsAFullScanInEveryImage()
    {
        var t = KafkaScenario.Create().WithBrokersPerZone(2).WithTopic("orders", partitions: 24, rf: 3, minIsr: 2).WithSeed(7).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(10));
        int most = 0;
        void Check()
        {
            var images = t.Cluster.Controllers.Select(c => c.Image).Concat(t.Cluster.Brokers.Where(b => b.Alive).Select(b => b.Metadata));
            foreach (var image in images)
            {
                Assert.Equal(MetadataImage.CountImbalanced(image.Partitions), image.ImbalancedPartitions);
                most = Math.Max(most, image.ImbalancedPartitions);
            }
        }
        void Step(int seconds)
        {
            for (int i = 0; i < seconds * 4; i++)
            {
                t.RunFor(SimDuration.FromMilliseconds(250));
                Check();
            }
        }
        Check();
        int victim = t.Cluster.PartitionState(0).Leader;
        t.Cluster.CrashBroker(victim, powerLoss: false);
        Step(15);
        t.Cluster.RestartBroker(victim);
        Step(10);
        int active = Assert.Single(t.ActiveControllers());
        t.Cluster.CrashController(active);
        int second = t.Cluster.PartitionState(5).Leader;
        t.Cluster.CrashBroker(second, powerLoss: true);
        Step(15);
        t.Cluster.RestartController(active);
        t.Cluster.RestartBroker(second);
        Step(15);
        // The crashes moved leaders off their preferred replicas, so the count was exercised, not only zero.
        Assert.True(most > 0, "no image ever counted a partition off its preferred leader");
    }
}
