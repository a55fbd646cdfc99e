namespace Sim.Architectures.Faults;

/// <summary>What the topic operations (create-topic, create-partitions, delete-topic) read alike: a <c>topic:NAME</c> target and no duration.</summary>
internal static class TopicOperation
{
    /// <summary>The cluster and topic a <c>topic:NAME</c> target names; null after reporting a problem.</summary>
    public static (string Cluster, string Topic)? Topic(FaultFields f, string noDuration)
    {
        if (f.Duration is not null) f.Error("duration", noDuration);
        var target = f.One("target", p => TopicPartitions.Parse(p, f));
        if (target is { Partition: not null }) f.Error("target", $"a topic operation names a whole topic (topic:{target.Topic}), not a partition");
        if (target is null || target.Partition is not null || f.Duration is not null) return null;
        return (target.Cluster, target.Topic);
    }
}
