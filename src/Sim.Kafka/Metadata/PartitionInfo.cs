using Sim.Kafka.Config;

namespace Sim.Kafka.Metadata;

/// <summary>A partition's static identity: its cluster-wide index, its topic and its number within the topic.</summary>
public sealed record PartitionInfo(int Index, TopicConfig Topic, int NumberInTopic)
{
    public string Name => $"{Topic.Name}-{NumberInTopic}";
    public override string ToString() => Name;
}
