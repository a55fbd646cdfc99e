namespace Sim.Kafka.Config;

/// <summary>
/// The server.properties of a cluster's brokers and controllers: broker settings, quorum settings and the
/// <c>__consumer_offsets</c> topic. The experiment loader fills one, templates hand it to every cluster they
/// place, and <see cref="KafkaCluster"/> is built from it unchanged, so each default is written here once.
/// </summary>
public sealed record ServerSettings
{
    public BrokerConfig Broker { get; init; } = new();
    public QuorumConfig Quorum { get; init; } = new();

    /// <summary><c>offsets.topic.num.partitions</c>: partitions of <c>__consumer_offsets</c> (0 leaves it out).</summary>
    public int OffsetsTopicPartitions { get; init; } = 50;

    /// <summary><c>offsets.topic.replication.factor</c> (capped at the number of brokers, as a small test cluster would need).</summary>
    public int OffsetsTopicReplicationFactor { get; init; } = 3;
}
