using Sim.Kafka.Config;
using Sim.Network.Topology;

namespace Sim.Kafka;

/// <summary>
/// What a Kafka cluster is built from: where its brokers and controller voters run (nodes of the
/// network), its topics, and its server settings. A node may appear in both lists
/// (KRaft combined mode).
/// </summary>
public sealed record KafkaClusterOptions(
    string Name,
    IReadOnlyList<(int Id, Node Node)> Brokers,
    IReadOnlyList<(int Id, Node Node)> Controllers,
    IReadOnlyList<TopicConfig> Topics)
{
    /// <summary>The brokers' and controllers' server.properties.</summary>
    public ServerSettings Server { get; init; } = new();
}
