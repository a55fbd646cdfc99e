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
}
