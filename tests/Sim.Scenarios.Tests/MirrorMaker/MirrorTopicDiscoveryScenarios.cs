using Sim.MirrorMaker.Audit;
using Sim.MirrorMaker.Connect;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.MirrorMaker;

/// <summary>
/// MirrorMaker 2 and topics that appear or grow while it runs: the source connector lists the source's topics
/// every <c>refresh.topics.interval.seconds</c> (10 s here), creates what the target lacks, and its tasks read
/// new partitions from <c>consumer.auto.offset.reset</c> (earliest by MirrorMaker 2's default). Primary a,
/// standby b; the application topic is created on a at 15 s, or grown there from 2 to 4 partitions at 15 s.
/// </summary>
public class MirrorTopicDiscoveryScenarios(ITestOutputHelper output)
{
    private static string Mirror(string topicKeys, string fault) => $$"""
        name: mirror-topic-discovery
        model: models/three-metro-dcs.yaml
        seed: 4
        duration: 50s
        warmup: 0s
        architectures:
          active-passive:
            primary: a
            standby: b
            primary_cluster: { brokers: 3, controllers: 1 }
            standby_cluster: { brokers: 3, controllers: 1 }
            broker: { offsets.topic.num.partitions: 1 }
            mirror: { refresh.topics.interval.seconds: 10 }
        topics:
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2{{topicKeys}} }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 200/s, keys: 100, stop: 35s, config: { acks: all, metadata.max.age.ms: 2s } }
        faults:
          - {{fault}}
        """;

    private const string CreateAt15 = "{ at: 15s, kind: create-topic, target: \"topic:orders\", cluster: a }";
    private const string GrowAt15 = "{ at: 15s, kind: create-partitions, target: \"topic:orders\", partitions: 4, cluster: a }";

    private static (long Records, int Partitions, MirrorFlow Flow) Remote(Outcome o)
    {
        var mm = o.Run.Simulation.MirrorMaker!;
        var flow = mm.Flow("a", "b");
        string remote = flow.RemoteTopic("orders");
        var b = o.Run.Cluster("b");
        var (records, _) = RecordIdentity.InTopic(b, mm.ClusterId("a"), remote);
        int partitions = b.Context.Partitions.Count(p => p.Topic.Name == remote && b.PartitionState(p.Index).Exists);
        return (records.Values.Sum(s => s.Count), partitions, flow);
    }

    /// <summary>
    /// Source: MirrorConnectorsIntegrationBaseTest.testReplication (a topic created on the source after the connectors
    /// start is found and mirrored: "new topic" detection within refresh.topics.interval.seconds) and
    /// MirrorSourceConnector.computeAndCreateTopicPartitions (the remote topic is created with the source's partition
    /// count). With auto.offset.reset=earliest the records written before the refresh are copied too.
    /// </summary>
    [Fact]
    public void ATopicCreatedMidRunIsFoundAtTheNextRefreshAndMirroredFromItsStart()
    {
        var o = Scenario.Run(Mirror(", created: at-operation", CreateAt15));
        var (records, partitions, flow) = Remote(o);
        output.WriteLine($"produced {o.Result.RecordsProduced}, remote holds {records} in {partitions} partition(s); {string.Join("; ", flow.Metrics.TopicOperations)}");
        Assert.Equal(2, partitions);
        Assert.Single(flow.Metrics.TopicOperations);
        Assert.InRange(o.Result.RecordsProduced, 3_800, 4_100);
        Assert.Equal(o.Result.RecordsProduced, records);
    }

    /// <summary>
    /// Source: MirrorConnectorConfig (MirrorMaker 2 sets its source consumer's auto.offset.reset to earliest unless
    /// consumer.auto.offset.reset says otherwise) and KafkaConsumer's auto.offset.reset=latest (a partition without a
    /// committed position starts at its end): with latest, the records written between the topic's creation at 15 s
    /// and the connector's refresh at 20 s are never mirrored.
    /// </summary>
    [Fact]
    public void WithLatestTheRecordsWrittenBeforeTheRefreshAreNotMirrored()
    {
        var o = Scenario.Run(Mirror(", created: at-operation", CreateAt15), 0, "architectures.active-passive.mirror.consumer.auto.offset.reset=latest");
        var (records, _, _) = Remote(o);
        long missing = o.Result.RecordsProduced - records;
        output.WriteLine($"produced {o.Result.RecordsProduced}, remote holds {records}: {missing} never mirrored");
        // About 5 s at 200 records/s: from the topic's creation to the first fetch after the refresh at 20 s.
        Assert.InRange(missing, 700, 1_300);
    }

    /// <summary>
    /// Source: MirrorConnectorsIntegrationBaseTest.testReplicationWithEmptyPartition and
    /// MirrorSourceConnector.createNewPartitions (partitions added on the source are created on the target and
    /// mirrored after the next topic refresh); TopicCommandIntegrationTest.testAlterPartitionCount for the source side.
    /// </summary>
    [Fact]
    public void PartitionsAddedOnTheSourceAreCreatedOnTheTargetAndMirrored()
    {
        var o = Scenario.Run(Mirror("", GrowAt15));
        var (records, partitions, flow) = Remote(o);
        output.WriteLine($"produced {o.Result.RecordsProduced}, remote holds {records} in {partitions} partition(s); {string.Join("; ", flow.Metrics.TopicOperations)}");
        Assert.Equal(4, partitions);
        Assert.Equal(4, flow.SourcePartitions.Count(p => flow.SourcePartition(p).Topic.Name == "orders"));
        Assert.Equal(o.Result.RecordsProduced, records);
    }

    /// <summary>
    /// Source: KIP-899 applies to every client, MirrorMaker 2's too (its source consumers take <c>consumer.*</c>, its
    /// producers <c>producer.*</c>): rebootstrap by default, none when the flow says so.
    /// </summary>
    [Fact]
    public void MirrorMakersClients_RebootstrapByDefault_AndTakeTheFlowsMetadataRecoveryStrategy()
    {
        static Sim.MirrorMaker.Config.MirrorFlowConfig Flow(params string[] sets) =>
            Scenario.Load(Mirror(", created: at-operation", CreateAt15), sets).Points[0].Plan.Model.MirrorMaker.SelectMany(c => c.Flows).Single(f => f.Source == "a");
        var byDefault = Flow();
        var none = Flow("architectures.active-passive.mirror.consumer.metadata.recovery.strategy=none",
            "architectures.active-passive.mirror.producer.metadata.recovery.strategy=none");
        Assert.Equal(Sim.Kafka.Config.MetadataRecoveryStrategy.Rebootstrap, byDefault.Consumer.MetadataRecoveryStrategy);
        Assert.Equal(Sim.Kafka.Config.MetadataRecoveryStrategy.Rebootstrap, byDefault.Producer.MetadataRecoveryStrategy);
        Assert.Equal(Sim.Kafka.Config.MetadataRecoveryStrategy.None, none.Consumer.MetadataRecoveryStrategy);
        Assert.Equal(Sim.Kafka.Config.MetadataRecoveryStrategy.None, none.Producer.MetadataRecoveryStrategy);
    }
}
