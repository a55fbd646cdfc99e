using Sim.Kafka.Config;
using Sim.Network.Topology;

namespace Sim.Kafka;

/// <summary>
/// What a Kafka cluster is built from: where its brokers and controller voters run (nodes of the
/// network), its topics, and its broker and quorum settings. A node may appear in both lists
/// (KRaft combined mode).
/// </summary>
public sealed record KafkaClusterOptions(
    string Name,
    IReadOnlyList<(int Id, Node Node)> Brokers,
    IReadOnlyList<(int Id, Node Node)> Controllers,
    IReadOnlyList<TopicConfig> Topics)
{
    public BrokerConfig Broker { get; init; } = new();
    public QuorumConfig Quorum { get; init; } = new();

    /// <summary><c>offsets.topic.num.partitions</c>: partitions of <c>__consumer_offsets</c> (0 leaves it out).</summary>
    public int OffsetsTopicPartitions { get; init; } = 50;

    /// <summary><c>offsets.topic.replication.factor</c> (capped at the number of brokers, as a small test cluster would need).</summary>
    public int OffsetsTopicReplicationFactor { get; init; } = 3;
}
