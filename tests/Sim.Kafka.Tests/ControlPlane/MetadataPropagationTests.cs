using Sim.Core.Time;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// Brokers learn metadata by fetching the metadata log from the active controller as observers
/// (KIP-500, KIP-595; kafka-facts, Controller): a committed leader change reaches every live broker's
/// metadata image within a fetch round trip, not a polling interval.
/// </summary>
public class MetadataPropagationTests(ITestOutputHelper output)
{
    private static readonly SimDuration Bound = SimDuration.FromSeconds(1);

    /// <summary>kafka-facts (Controller): metadata reaches brokers by their fetching the metadata log; with 2 ms between zones every live broker shows a committed leader change within 1 s.</summary>
    [Fact]
    public void EveryLiveBrokerSeesANewLeaderWithinASecondOfItsCommit()
    {
        var t = KafkaScenario.Create().WithBrokersPerZone(2).WithTopic("orders", partitions: 12, rf: 3, minIsr: 2)
            .WithRtt(SimDuration.FromMilliseconds(2)).WithSeed(61).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(10));
        int victim = t.Cluster.PartitionState(0).Leader;
        t.Cluster.CrashBroker(victim, powerLoss: false);

        var committedAt = t.RunUntil(() => t.Trace.PartitionChanges.Any(c => c.Before?.Leader == victim), SimDuration.FromSeconds(15));
        Assert.NotNull(committedAt);
        var changes = t.Trace.PartitionChanges.Where(c => c.Before?.Leader == victim).ToList();
        var commit = changes.Min(c => c.At);
        var live = t.Cluster.Brokers.Where(b => b.Alive).ToList();
        bool AllSeeIt() => changes.All(c => live.All(b =>
            b.Metadata.Partition(c.After.Partition).Leader == c.After.Leader &&
            b.Metadata.Partition(c.After.Partition).LeaderEpoch == c.After.LeaderEpoch));
        var seenAt = t.RunUntil(AllSeeIt, Bound + SimDuration.FromSeconds(1), SimDuration.FromMilliseconds(1));

        output.WriteLine($"{changes.Count} leader changes committed at {commit}; every live broker had them at {seenAt} ({(seenAt - commit)?.ToString() ?? "never"} later)");
        Assert.NotNull(seenAt);
        Assert.True(seenAt.Value - commit <= Bound, $"took {seenAt.Value - commit}");
        foreach (var b in live)
        {
            Assert.False(b.Metadata.IsFenced(b.Id));
            Assert.True(b.Metadata.IsFenced(victim), $"broker {b.Id} does not know broker {victim} is fenced");
        }
    }

    /// <summary>kafka-facts (Controller): after the active controller is replaced, brokers find the new one and fetch from it, so a later leader change still reaches every live broker within 1 s.</summary>
    [Fact]
    public void AfterAControllerFailoverEveryLiveBrokerStillSeesANewLeaderWithinASecond()
    {
        var t = KafkaScenario.Create().WithBrokersPerZone(2).WithTopic("orders", partitions: 12, rf: 3, minIsr: 2)
            .WithRtt(SimDuration.FromMilliseconds(2)).WithSeed(62).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(10));
        t.Cluster.CrashController(Assert.Single(t.ActiveControllers()));
        Assert.NotNull(t.RunUntil(() => t.ActiveControllers().Length == 1, SimDuration.FromSeconds(10)));
        t.RunFor(SimDuration.FromSeconds(5));

        int victim = t.Cluster.PartitionState(0).Leader;
        t.Cluster.CrashBroker(victim, powerLoss: false);
        Assert.NotNull(t.RunUntil(() => t.Trace.PartitionChanges.Any(c => c.Before?.Leader == victim), SimDuration.FromSeconds(15)));
        var changes = t.Trace.PartitionChanges.Where(c => c.Before?.Leader == victim).ToList();
        var commit = changes.Min(c => c.At);
        var live = t.Cluster.Brokers.Where(b => b.Alive).ToList();
        var seenAt = t.RunUntil(() => changes.All(c => live.All(b => b.Metadata.Partition(c.After.Partition).LeaderEpoch >= c.After.LeaderEpoch)),
            Bound + SimDuration.FromSeconds(1), SimDuration.FromMilliseconds(1));

        output.WriteLine($"{changes.Count} leader changes committed at {commit}; every live broker had them at {seenAt} ({(seenAt - commit)?.ToString() ?? "never"} later)");
        Assert.NotNull(seenAt);
        Assert.True(seenAt.Value - commit <= Bound, $"took {seenAt.Value - commit}");
    }
}
