using Sim.Core.Time;
using Sim.Kafka.Broker;
using Sim.Kafka.Config;
using Sim.Kafka.Metadata;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.Broker;

/// <summary>
/// <c>num.replica.fetchers</c>: a follower spreads the partitions it fetches from one leader over that many fetcher
/// threads (AbstractFetcherManager.getFetcherId), each with its own connection and its own fetch in flight.
/// </summary>
public class ReplicaFetcherThreadsTests
{
    /// <summary>Source: AbstractFetcherManager.getFetcherId, Utils.abs(31 * topic.hashCode + partition) % numFetchers.</summary>
    [Fact]
    public void FetcherId_FollowsKafkasHashOfTopicAndPartition()
    {
        var topic = new TopicConfig("orders", 6, 3);
        // Java: "orders".hashCode() == -1008770331.
        int[] expected = [1, 0, 3, 2, 1, 0];
        for (int p = 0; p < 6; p++) Assert.Equal(expected[p], KafkaBroker.FetcherId(new PartitionInfo(p, topic, p), 4));
        Assert.Equal(0, KafkaBroker.FetcherId(new PartitionInfo(5, topic, 5), 1));
    }

    /// <summary>Source: ReplicaFetcherManager creates numReplicaFetchers threads per source broker; every replica still catches up.</summary>
    [Fact]
    public void WithFourFetchersPerLeader_EveryReplicaReachesTheLeadersLogEnd()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 12, rf: 3, minIsr: 2)
            .WithBroker(b => b with { NumReplicaFetchers = 4 }).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 5000));
        t.RunFor(SimDuration.FromSeconds(5));
        long total = 0;
        for (int p = 0; p < 12; p++)
        {
            var ends = t.Cluster.Brokers.Select(b => b.Replica(p)?.Log.LogEndOffset).OfType<long>().ToList();
            Assert.Equal(3, ends.Count);
            // Followers trail the leader by at most what arrived in the last fetch round, not by a stalled fetcher's backlog.
            Assert.True(ends.Min() >= ends.Max() * 0.95, $"partition {p}: {string.Join(",", ends)}");
            total += ends.Max();
        }
        Assert.True(total > 20_000, $"{total} records appended");
    }
}
