using Sim.Kafka;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Operations;

/// <summary>
/// Topics created, grown and deleted while a stretched cluster runs (kafka-topics --create, --alter
/// --partitions, --delete): the controller's records decide when partitions exist, brokers create and drop
/// replicas as they apply them, and producers follow their metadata.
/// </summary>
public class TopicOperationScenarios(ITestOutputHelper output)
{
    private static string Stretch(string topicKeys = "", string fault = "{ at: 10s, kind: create-partitions, target: \"topic:orders\", partitions: 4 }") => $$"""
        name: topic-operations
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
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2{{topicKeys}} }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 1000/s, keys: 1000, record.size: 1KiB, stop: 30s, config: { acks: all, metadata.max.age.ms: 5s } }
        faults:
          - {{fault}}
        """;

    private static IReadOnlyList<int> Slots(KafkaCluster c, string topic) =>
        c.Context.Partitions.Where(p => p.Topic.Name == topic).Select(p => p.Index).ToList();

    private static long EndOffset(KafkaCluster c, int index) =>
        c.PartitionState(index) is { Exists: true, Leader: >= 0 } s ? c.Broker(s.Leader).Replica(index)!.Log.LogEndOffset : -1;

    /// <summary>
    /// Source: TopicCommandIntegrationTest.testCreate (the topic exists with its partition count once the
    /// command returns) and KafkaProducer.waitOnMetadata (send() waits for the topic's metadata, asking again every
    /// retry.backoff.ms; brokers answer UNKNOWN_TOPIC_OR_PARTITION until then): a producer of a topic created at
    /// 10 s writes nothing before and its records from then on are acknowledged.
    /// </summary>
    [Fact]
    public void AProducerOfATopicCreatedMidRunWritesOnceTheTopicExists()
    {
        var o = Scenario.Run(Stretch(", created: at-operation", "{ at: 10s, kind: create-topic, target: \"topic:orders\" }"));
        var cluster = o.Run.Simulation.Clusters.Values.First();
        var states = Slots(cluster, "orders").Select(cluster.PartitionState).ToList();
        output.WriteLine($"{string.Join("; ", states)}; acked {o.Result.RecordsAcked}, failed {o.Result.RecordsFailed}");
        Assert.Equal(2, states.Count);
        Assert.All(states, s => Assert.Equal(3, s.Isr.Length));
        // 20 s of writing at 1000 records/s, not 30 s: nothing is sent before the topic exists.
        Assert.InRange(o.Result.RecordsAcked, 18_000, 20_500);
        Assert.Equal(0, o.Result.RecordsFailed);
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: TopicCommandIntegrationTest.testAlterPartitionCount (the topic has the new count after --alter) and
    /// the producer's partitioners, which spread keys over Cluster.partitionsForTopic: the added partitions take
    /// records only after the producer's metadata refresh (metadata.max.age.ms) shows them.
    /// </summary>
    [Fact]
    public void AddedPartitionsTakeKeyedRecordsAfterTheProducersNextMetadataRefresh()
    {
        var quick = Scenario.Run(Stretch());
        var stale = Scenario.Run(Stretch(), 0, "workload.producers.0.config.metadata.max.age.ms=5m");
        var qc = quick.Run.Simulation.Clusters.Values.First();
        var sc = stale.Run.Simulation.Clusters.Values.First();
        var slots = Slots(qc, "orders");
        var quickEnds = slots.Select(i => EndOffset(qc, i)).ToList();
        var staleEnds = slots.Select(i => EndOffset(sc, i)).ToList();
        output.WriteLine($"metadata.max.age.ms=5s: [{string.Join(", ", quickEnds)}]; 5m: [{string.Join(", ", staleEnds)}]");
        Assert.Equal(4, slots.Count);
        Assert.All(slots, i => Assert.True(sc.PartitionState(i).Exists));
        // With a 5 s refresh the new partitions take about half the keys for about 15 of the 30 s.
        Assert.All(quickEnds.Skip(2), e => Assert.InRange(e, 2_500, 5_000));
        // With a 5-minute refresh the producer never learns of them within the run.
        Assert.All(staleEnds.Skip(2), e => Assert.Equal(0, e));
        Assert.Equal(0, quick.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: DeleteTopicTest / TopicCommandIntegrationTest.testDeleteTopic (every replica's log is removed once the
    /// deletion completes) and ReplicaManager.applyDelta (a broker stops a deleted partition's replicas and deletes
    /// their logs): after the deletion at 15 s no broker holds the topic, and the producer's later records fail.
    /// </summary>
    [Fact]
    public void ADeletedTopicsReplicasAreDroppedAndItsProducerFails()
    {
        var o = Scenario.Run(Stretch(fault: "{ at: 15s, kind: delete-topic, target: \"topic:orders\" }"), 0,
            "workload.producers.0.config.request.timeout.ms=5s", "workload.producers.0.config.delivery.timeout.ms=10s");
        var cluster = o.Run.Simulation.Clusters.Values.First();
        var slots = Slots(cluster, "orders");
        output.WriteLine($"{string.Join("; ", slots.Select(cluster.PartitionState))}; acked {o.Result.RecordsAcked}, failed {o.Result.RecordsFailed}, lost {o.Result.AckedRecordsLost}");
        Assert.All(slots, i => Assert.False(cluster.PartitionState(i).Exists));
        Assert.All(cluster.Brokers, b => Assert.All(slots, i => Assert.Null(b.Replica(i))));
        Assert.InRange(o.Result.RecordsAcked, 13_000, 15_500);
        Assert.True(o.Result.RecordsFailed > 0, "records sent after the deletion fail at delivery.timeout.ms");
        // The deleted records were removed on request: they are not counted lost.
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }
}
