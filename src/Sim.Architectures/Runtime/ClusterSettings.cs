using Sim.Kafka.Config;

namespace Sim.Architectures.Runtime;

/// <summary>What runs on one cluster of a model: its topics and its broker and quorum settings.</summary>
public sealed record ClusterSettings(IReadOnlyList<TopicConfig> Topics)
{
    public BrokerConfig Broker { get; init; } = new();
    public QuorumConfig Quorum { get; init; } = new();
    public int OffsetsTopicPartitions { get; init; } = 50;
}
