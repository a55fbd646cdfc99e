using System.Globalization;
using Sim.Kafka;

namespace Sim.Architectures.Faults;

/// <summary>
/// Partitions an operation names: one (<c>orders/0</c>) or every partition of a topic
/// (<c>topic:orders</c>), checked against the deployment when the plan is read.
/// </summary>
public sealed record TopicPartitions(string Cluster, string Topic, int? Partition)
{
    /// <summary>The catalog indexes of the partitions in <paramref name="cluster"/>.</summary>
    public IEnumerable<int> Indexes(KafkaCluster cluster) =>
        cluster.Context.Partitions.Where(p => p.Topic.Name == Topic && (Partition is null || p.NumberInTopic == Partition)).Select(p => p.Index);

    public static Parsed<TopicPartitions> Parse(string part, FaultFields f)
    {
        if (f.Cluster is not { } cluster) return Parsed<TopicPartitions>.Fail("the deployment has no cluster");
        if (part.StartsWith("topic:", StringComparison.Ordinal))
        {
            string name = part["topic:".Length..];
            return f.Names.Topic(cluster, name) is null
                ? Parsed<TopicPartitions>.Fail($"cluster '{cluster}' has no topic '{name}' (topics: {string.Join(", ", f.Names.TopicNames(cluster))})")
                : new TopicPartitions(cluster, name, null);
        }
        var p = f.Names.Partition(part, cluster);
        return p.Value is { } pr ? new TopicPartitions(cluster, pr.Topic, pr.Partition) : Parsed<TopicPartitions>.Fail(p.Problem!);
    }

    public override string ToString() => Partition is { } p ? $"{Topic}/{p.ToString(CultureInfo.InvariantCulture)}" : $"topic:{Topic}";
}
