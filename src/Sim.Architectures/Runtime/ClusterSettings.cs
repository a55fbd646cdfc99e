using Sim.Kafka.Config;

namespace Sim.Architectures.Runtime;

/// <summary>What runs on one cluster of a model: its topics and its server settings, passed to the cluster as they are.</summary>
public sealed record ClusterSettings(IReadOnlyList<TopicConfig> Topics)
{
    public ServerSettings Server { get; init; } = new();
}
