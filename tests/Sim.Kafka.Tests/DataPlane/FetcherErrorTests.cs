using Sim.Core.Time;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class FetcherErrorTests(ITestOutputHelper output)
{
    /// <summary>
    /// Source: AbstractFetcherThread.processFetchRequest: NOT_LEADER_OR_FOLLOWER and UNKNOWN_LEADER_EPOCH put
    /// the partition among the partitions with errors, which are delayed by <c>replica.fetch.backoff.ms</c> and
    /// fetched again; only FENCED_LEADER_EPOCH at the fetcher's own epoch drops it to await new metadata.
    /// </summary>
    [Fact]
    public void AFollowerThatLearnsOfANewLeaderBeforeTheLeaderDoesKeepsFetchingAndStaysInTheIsr()
    {
        var t = KafkaScenario.Create().WithSeed(7).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        var acks = t.TrackAcks();
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunUntil(SimTime.FromSeconds(10));
        var ps = t.Cluster.PartitionState(0);
        // A controlled shutdown of the leader hands the partition to the next in-sync replica in replica order.
        int oldLeader = ps.Leader;
        int next = ps.Replicas.First(r => r != oldLeader);
        int follower = ps.Replicas.Single(r => r != oldLeader && r != next);
        // The new leader hears nothing from the controllers for a second, so the other follower learns of
        // the new epoch first and its first fetches find a broker that does not lead yet.
        var deaf = t.CutBetween(t.Cluster.Controllers.Select(c => c.Node).ToArray(), [t.BrokerNode(next)], oneWay: true);
        t.Cluster.Broker(oldLeader).BeginControlledShutdown();
        Assert.NotNull(t.RunUntil(() => t.Cluster.PartitionState(0).Leader == next, max: SimDuration.FromSeconds(5)));
        t.RunFor(SimDuration.FromSeconds(1));
        Assert.False(t.Cluster.Broker(next).Replica(0)!.IsLeader);
        Assert.Equal(t.Cluster.PartitionState(0).LeaderEpoch, t.Cluster.Broker(follower).Replica(0)!.LeaderEpoch);
        t.Network.RemoveCut(deaf);
        var healAt = t.Now;
        // Past 1.5x replica.lag.time.max.ms: a follower that stopped fetching would have left the ISR by now.
        t.RunFor(SimDuration.FromSeconds(60));

        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        var leader = t.Cluster.Broker(next).Replica(0)!;
        Assert.True(leader.IsLeader);
        Assert.DoesNotContain(t.Trace.PartitionChanges, c => c.Before is { } b && b.InIsr(follower) && !c.After.InIsr(follower));
        Assert.True(t.Cluster.PartitionState(0).InIsr(follower), $"final state {t.Cluster.PartitionState(0)}");
        var f = leader.Follower(follower)!;
        Assert.True(t.Now - f.LastFetch < SimDuration.FromSeconds(1), $"follower {follower} last fetched at {f.LastFetch}");
        // With the follower fetching, acks=all writes go on after the leader change.
        Assert.True(acks.Acks.Any(a => a.At > healAt + SimDuration.FromSeconds(50)), "no acknowledgement in the last 10 s");
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
