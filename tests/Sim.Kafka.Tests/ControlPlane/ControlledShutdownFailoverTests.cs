using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// KIP-841: a broker's controlled shutdown is part of its registration in the metadata log
/// (BrokerRegistrationChangeRecord.InControlledShutdown), and ClusterControlManager.isActive and usableBrokers read it
/// from there. A controller that takes over in the middle of the shutdown therefore leaves the broker out of new
/// replica sets and elections from its first decision, not only once the broker's next heartbeat reaches it.
/// </summary>
public class ControlledShutdownFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public void ANewControllerKnowsABrokerInAControlledShutdownBeforeItsNextHeartbeat()
    {
        var b = KafkaScenario.Create().WithSeed(31).WithTopic("orders", partitions: 6, rf: 3, minIsr: 2);
        b.Topics.Add(new TopicConfig("late", 1, 3) { CreatedByOperation = true });
        var t = b.Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        const int victim = 2;
        t.Cluster.Broker(victim).BeginControlledShutdown();

        // The moves are written and replicated to every controller; the broker has not been fenced yet.
        var old = Assert.Single(t.ActiveControllers());
        bool Replicated()
        {
            var leader = t.Cluster.Controllers.Single(c => c.Id == old);
            return leader.HighWatermark == leader.LogEndOffset && t.Cluster.Controllers.All(c =>
                c.Image.IsInControlledShutdown(victim) && Enumerable.Range(0, 6).All(p => !c.Image.Partition(p).InIsr(victim)));
        }
        Assert.NotNull(t.RunUntil(Replicated, SimDuration.FromSeconds(2)));
        Assert.DoesNotContain(t.Trace.Fenced, f => f.Broker == victim);
        var crash = t.Now;
        t.Cluster.CrashController(old);

        var active = t.RunUntil(() => t.ActiveControllers().Length == 1, SimDuration.FromSeconds(10));
        Assert.NotNull(active);
        Assert.DoesNotContain(t.Trace.Fenced, f => f.Broker == victim);
        string? refused = t.Cluster.CreateTopic("late");
        output.WriteLine($"controller {old} crashed at {crash}; controller {t.ActiveControllers()[0]} active at {active}; create-topic: {refused ?? "created"}");
        // Two usable brokers for a replication factor of three: Kafka's ReplicaPlacer refuses.
        Assert.NotNull(refused);
        Assert.StartsWith("INVALID_REPLICATION_FACTOR", refused);

        // The shutdown still completes under the new controller: its shutdown state was in the old controller's memory,
        // and the broker leads nothing any more, so its next heartbeat is answered SHUTDOWN_NOW and it is fenced once.
        t.RunFor(SimDuration.FromSeconds(10));
        var fence = Assert.Single(t.Trace.Fenced, f => f.Broker == victim);
        output.WriteLine($"broker {victim} fenced at {fence.At}: {fence.Cause}");
        Assert.Contains("leads no partition", fence.Cause);
        Assert.False(t.Cluster.Broker(victim).Alive);
        Assert.All(Enumerable.Range(0, 6), p => Assert.NotEqual(victim, t.Cluster.PartitionState(p).Leader));
    }
}
