using Sim.Core.Time;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// KIP-841 (Partition.canAddReplicaToIsr, isReplicaIsrEligible): a leader adds a caught-up follower to the ISR only
/// when its metadata shows the follower unfenced. A restarted broker fetches, and may catch up, before the controller
/// unfences it; its leaders wait for the unfencing record instead of asking the controller, which would refuse.
/// </summary>
public class IsrEligibilityTests(ITestOutputHelper output)
{
    [Fact]
    public void ARestartedBrokerIsProposedForTheIsrOnlyOnceUnfencedAndThenRejoinsEveryIsrIncludingIdlePartitions()
    {
        var t = KafkaScenario.Create().WithSeed(23).WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithConsumerOffsets(3).Build();
        var alters = ControllerTap.AlterPartitions(t);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunUntil(SimTime.FromSeconds(10.05));
        const int victim = 2;
        t.Cluster.CrashBroker(victim, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(20));
        var restartAt = t.Now;
        t.Cluster.RestartBroker(victim);
        t.RunFor(SimDuration.FromSeconds(40));

        var unfenced = Assert.Single(t.Trace.Unfenced, u => u.Broker == victim && u.At > restartAt);
        var adding = alters.Where(a => a.At > restartAt && a.Request.NewIsr.Contains(victim)).ToList();
        foreach (var (at, r) in adding) output.WriteLine($"{at}: leader {r.BrokerId} asks for partition {r.Partition} ISR {{{string.Join(",", r.NewIsr)}}}");
        output.WriteLine($"restart {restartAt}, unfenced {unfenced.At}");
        Assert.NotEmpty(adding);
        Assert.All(adding, a => Assert.True(a.At >= unfenced.At, $"partition {a.Request.Partition}: asked at {a.At}, before the unfencing at {unfenced.At}"));
        // One request per partition: nothing refused, nothing retried.
        Assert.All(adding.GroupBy(a => a.Request.Partition), g => Assert.Single(g));
        // Every partition takes the broker back, the idle __consumer_offsets partitions (no fetch news) too.
        for (int p = 0; p < 9; p++) Assert.True(t.Cluster.PartitionState(p).InIsr(victim), $"{t.Cluster.PartitionState(p)} left out broker {victim}");
    }

    /// <summary>
    /// KIP-841: the controller writes the broker's registration change (InControlledShutdown) before the records that take
    /// it out of the ISRs (ReplicationControlManager.handleBrokerInControlledShutdown), so its leaders do not ask to add
    /// the caught-up broker back while it shuts down; it is fenced once the moves are committed.
    /// </summary>
    [Fact]
    public void ABrokerInAControlledShutdownIsNotProposedForTheIsrsItLeft()
    {
        var t = KafkaScenario.Create().WithSeed(29).WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithConsumerOffsets(3).Build();
        var alters = ControllerTap.AlterPartitions(t);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        var begin = t.Now;
        t.Cluster.Broker(2).BeginControlledShutdown();
        t.RunFor(SimDuration.FromSeconds(5));

        var left = t.Trace.PartitionChanges.Where(c => c.At >= begin && c.Before is { } b && b.InIsr(2) && !c.After.InIsr(2)).ToList();
        var fence = Assert.Single(t.Trace.Fenced, f => f.Broker == 2);
        output.WriteLine($"shutdown begun at {begin}; broker 2 left {left.Count} ISRs by {left.Max(c => c.At)}; fenced at {fence.At}: {fence.Cause}");
        Assert.Equal(9, left.Count);
        Assert.False(t.Cluster.Broker(2).Alive);
        var asked = alters.Where(a => a.At >= begin && a.Request.NewIsr.Contains(2)).ToList();
        Assert.True(asked.Count == 0, $"{asked.Count} AlterPartition requests asked to add broker 2 back, the first at {asked.FirstOrDefault().At}");
    }
}
