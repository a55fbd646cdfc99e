using Sim.Architectures.Faults;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;

namespace Sim.Experiments.Spec;

/// <summary>
/// Follows each topic through the plan's topic operations (create-topic, create-partitions, delete-topic) in the
/// order of their <c>at</c>, per cluster they name, and refuses what the controller would refuse then, at the
/// operation's key: creating a topic that exists at that time (TOPIC_ALREADY_EXISTS), growing one to a count not
/// above its current one (INVALID_PARTITIONS), deleting or growing one that does not exist (UNKNOWN_TOPIC_OR_PARTITION).
/// It also gives a topic that grows as many catalog slots as it will ever have partitions
/// (<see cref="TopicConfig.InitialPartitions"/> keeps the declared count). A conditional operation (<c>when</c>)
/// is checked at its <c>at</c>, the time it starts watching.
/// </summary>
internal static class TopicTimeline
{
    private static readonly string[] Kinds = [FaultKind.CreateTopic, FaultKind.CreatePartitions, FaultKind.DeleteTopic];

    public static List<TopicConfig> Check(YamlReader r, List<TopicConfig> topics, FaultDeclarations declared)
    {
        var state = new Dictionary<(string Cluster, string Topic), (bool Exists, int Count)>();
        var slots = topics.ToDictionary(t => t.Name, t => t.Partitions, StringComparer.Ordinal);
        foreach (var d in declared.Scheduled.Where(d => Kinds.Contains(d.Kind.Name)).OrderBy(d => d.At))
        {
            if (Target(r, d) is not { } name) continue;
            var topic = topics.FirstOrDefault(t => t.Name == name);
            if (topic is null)
            {
                r.ErrorAt($"{d.Key}.target", $"no topic '{name}' is declared in topics (topics: {string.Join(", ", topics.Select(t => t.Name))})");
                continue;
            }
            string cluster = d.Fields.FirstOrDefault(f => f.Key == "cluster").Value is { } cv ? r.Scalar(cv, $"{d.Key}.cluster") ?? "" : "";
            var key = (cluster, name);
            var (exists, count) = state.TryGetValue(key, out var s) ? s : (!topic.CreatedByOperation, topic.Partitions);
            state[key] = Step(r, d, topic, exists, count, slots);
        }
        return topics.Select(t => slots[t.Name] > t.Partitions ? Grown(r, t, slots[t.Name]) : t).ToList();
    }

    private static (bool, int) Step(YamlReader r, FaultDeclaration d, TopicConfig topic, bool exists, int count, Dictionary<string, int> slots)
    {
        string at = $"at {d.At - Sim.Core.Time.SimTime.Zero}";
        switch (d.Kind.Name)
        {
            case FaultKind.CreateTopic:
                if (exists) r.ErrorAt($"{d.Key}.target", $"topic '{topic.Name}' already exists {at} (TOPIC_ALREADY_EXISTS): declare it with 'created: at-operation', or delete it first");
                return (true, topic.Partitions);
            case FaultKind.DeleteTopic:
                if (!exists) r.ErrorAt($"{d.Key}.target", $"topic '{topic.Name}' does not exist {at} (UNKNOWN_TOPIC_OR_PARTITION)");
                return (false, count);
            default:
                if (!exists) r.ErrorAt($"{d.Key}.target", $"topic '{topic.Name}' does not exist {at} (UNKNOWN_TOPIC_OR_PARTITION)");
                if (d.Fields.FirstOrDefault(f => f.Key == "partitions").Value is not { } v || r.Integer(v, $"{d.Key}.partitions") is not { } n) return (exists, count);
                if (n <= count) r.ErrorAt($"{d.Key}.partitions", $"topic '{topic.Name}' has {count} partition(s) {at}: create-partitions must ask for more (INVALID_PARTITIONS)");
                slots[topic.Name] = Math.Max(slots[topic.Name], n);
                return (exists, Math.Max(count, n));
        }
    }

    /// <summary>A topic given the slots its create-partitions operations fill; an explicit replica assignment cannot grow.</summary>
    private static TopicConfig Grown(YamlReader r, TopicConfig t, int slots)
    {
        if (t.Replicas is not null) r.ErrorAt($"topics.{t.Name}.replicas", $"topic '{t.Name}' has an explicit replica assignment: the model cannot place partitions create-partitions adds to it");
        return t with { Partitions = slots, InitialPartitions = t.Partitions };
    }

    /// <summary>The topic a <c>topic:NAME</c> target names; null for any other target (the operation's own reading reports it).</summary>
    private static string? Target(YamlReader r, FaultDeclaration d)
    {
        var node = d.Fields.First(f => f.Key == "target").Value;
        string? text = node is YamlDotNet.RepresentationModel.YamlScalarNode sc ? sc.Value : null;
        if (text is null) return null;
        return text.StartsWith("topic:", StringComparison.Ordinal) && text.Length > "topic:".Length ? text["topic:".Length..] : null;
    }
}
