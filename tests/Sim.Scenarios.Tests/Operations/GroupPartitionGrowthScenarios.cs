using Sim.Kafka;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Operations;

/// <summary>
/// A topic grows from 2 to 4 partitions at 10 s while a group of two consumers reads it. Source: ConsumerCoordinator
/// (the leader assigns the partitions its metadata shows and keeps that as assignmentSnapshot; when a metadata
/// refresh shows other partition counts for the subscribed topics, rejoinNeededOrPending requests a rejoin,
/// "cached metadata has changed"), ConsumerConfig <c>metadata.max.age.ms</c> (300000) and <c>auto.offset.reset</c>
/// (latest: a partition with no committed offset starts at its end).
/// </summary>
public class GroupPartitionGrowthScenarios(ITestOutputHelper output)
{
    private static string Growth(string consumerConfig) => $$"""
        name: group-partition-growth
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 40s
        warmup: 0s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 1000/s, keys: 1000, record.size: 1KiB, stop: 35s, config: { acks: all, metadata.max.age.ms: 5s } }
          consumers:
            - { zone: b, count: 2, group: billing, topic: orders, config: { {{consumerConfig}} } }
        faults:
          - { at: 10s, kind: create-partitions, target: "topic:orders", partitions: 4 }
        """;

    private static List<int> Slots(KafkaCluster c) => c.Context.Partitions.Where(p => p.Topic.Name == "orders").Select(p => p.Index).ToList();

    private static string Assignments(KafkaCluster c) =>
        string.Join("; ", c.Consumers.Select(k => $"consumer {k.Id}: [{string.Join(",", k.Assigned)}] at [{string.Join(",", k.Positions)}]"));

    /// <summary>Source: ConsumerCoordinator.rejoinNeededOrPending (assignmentSnapshot vs metadataSnapshot); ConsumerConfig metadata.max.age.ms.</summary>
    [Fact]
    public void AGroupRebalancesOntoAddedPartitionsAfterItsLeadersNextMetadataRefresh()
    {
        var quick = Scenario.Run(Growth("metadata.max.age.ms: 5s"));
        var stale = Scenario.Run(Growth(""));
        var qc = quick.Run.Simulation.Clusters.Values.First();
        var sc = stale.Run.Simulation.Clusters.Values.First();
        var slots = Slots(qc);
        output.WriteLine($"metadata.max.age.ms=5s: {Assignments(qc)}; skipped {quick.Result.RecordsSkipped}");
        output.WriteLine($"default (5 min): {Assignments(sc)}; skipped {stale.Result.RecordsSkipped}");
        // Every one of the four partitions is someone's once the leader's refresh has shown them.
        Assert.Equal(slots, qc.Consumers.SelectMany(k => k.Assigned).Order().ToList());
        Assert.All(qc.Consumers, k => Assert.Equal(2, k.Assigned.Count));
        Assert.All(qc.Consumers, k => Assert.All(k.Positions, p => Assert.True(p > 0, "an assigned partition was not read")));
        // With the default refresh the group never learns of them within the run: the new partitions are nobody's.
        Assert.Equal(slots.Take(2), sc.Consumers.SelectMany(k => k.Assigned).Order());
        Assert.All(slots.Skip(2), i => Assert.True(sc.FinalLog(i)!.LogEndOffset > 0, "the producer wrote nothing to an added partition"));
    }

    /// <summary>
    /// Source: KafkaConsumer auto.offset.reset=latest (a partition with no committed offset starts at its end): the
    /// records written to the added partitions before the group's rebalance are skipped, and the per-partition table
    /// adds up to the run's records_skipped.
    /// </summary>
    [Fact]
    public void TheRecordsWrittenToAddedPartitionsBeforeTheRebalanceShowAsSkippedOnThosePartitions()
    {
        var quick = Scenario.Run(Growth("metadata.max.age.ms: 5s"));
        var rows = quick.Result.PartitionDeliveries;
        foreach (var r in rows) output.WriteLine($"{r.Group} {r.Topic}/{r.Partition}: records {r.Records}, duplicates {r.Duplicates}, skipped {r.Skipped}");
        Assert.Equal(quick.Result.RecordsSkipped, rows.Sum(r => r.Skipped));
        Assert.Equal(quick.Result.Duplicates, rows.Sum(r => r.Duplicates));
        Assert.Equal(new[] { 0, 1, 2, 3 }, rows.Select(r => r.Partition));
        Assert.All(rows.Where(r => r.Partition >= 2), r => Assert.True(r.Skipped > 0 && r.Records > 0, $"partition {r.Partition}"));
    }

    /// <summary>
    /// Source: Metadata.handleMetadataResponse (a subscribed topic answered UNKNOWN_TOPIC_OR_PARTITION requests another
    /// update after the refresh backoff) and ConsumerCoordinator.rejoinNeededOrPending: a group subscribed to a topic
    /// created at 10 s gets its partitions within seconds, not at metadata.max.age.ms (5 minutes).
    /// </summary>
    [Fact]
    public void AGroupSubscribedToATopicCreatedMidRunIsAssignedItsPartitionsWithinSeconds()
    {
        var yaml = Growth("").Replace("min.insync.replicas: 2 }", "min.insync.replicas: 2, created: at-operation }")
            .Replace("{ at: 10s, kind: create-partitions, target: \"topic:orders\", partitions: 4 }", "{ at: 10s, kind: create-topic, target: \"topic:orders\" }");
        var o = Scenario.Run(yaml);
        var c = o.Run.Simulation.Clusters.Values.First();
        output.WriteLine($"{Assignments(c)}; skipped {o.Result.RecordsSkipped}, e2e p99 {o.Result.E2eLatencyP99Ms:0.0} ms");
        Assert.Equal(Slots(c).Take(2), c.Consumers.SelectMany(k => k.Assigned).Order());
        // Produced from 10 s to 35 s at 1000 records/s; the group reads nearly all of it.
        long read = c.Consumers.Sum(k => k.Positions.Sum());
        Assert.InRange(read, 20_000, 25_500);
    }
}
