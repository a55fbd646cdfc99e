using System.Globalization;
using Sim.Architectures.Templates;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// A topic's <c>replicas</c> key: an explicit replica assignment, one list of broker ids per partition with
/// the preferred leader first, as <c>kafka-topics --create --replica-assignment 1:4:7,4:7:1</c> gives it
/// (validated as <c>AdminUtils</c>/<c>ReplicationControlManager</c> validate a manual assignment: every list
/// of one length, no broker twice in a list, a list per partition, only registered brokers).
/// </summary>
internal static class ReplicaAssignment
{
    /// <summary>The lists as written, each list's own problems reported at its line.</summary>
    public static IReadOnlyList<IReadOnlyList<int>>? Read(YamlReader r, YamlNode node, string key)
    {
        if (r.Sequence(node, key) is not { } lists) return null;
        var result = new List<IReadOnlyList<int>>();
        for (int p = 0; p < lists.Count; p++)
        {
            string at = $"{key}.{p.ToString(CultureInfo.InvariantCulture)}";
            if (r.Sequence(lists[p], at) is not { } ids) return null;
            var list = new List<int>();
            foreach (var id in ids)
            {
                if (r.Integer(id, at) is not { } b) return null;
                if (list.Contains(b)) { r.Error(at, lists[p], $"broker {b} appears twice in partition {p}'s replica list"); return null; }
                list.Add(b);
            }
            if (list.Count == 0) { r.Error(at, lists[p], $"partition {p}'s replica list is empty"); return null; }
            if (result.Count > 0 && list.Count != result[0].Count)
            {
                r.Error(at, lists[p], $"partition {p} has {list.Count} replicas but partition 0 has {result[0].Count}: every list must be as long as the replication factor");
                return null;
            }
            result.Add(list);
        }
        return result;
    }

    /// <summary>
    /// The topic with its replication factor taken from the lists when <c>replication.factor</c> is left out,
    /// after checking the lists against <c>partitions</c> and a <c>replication.factor</c> that was written.
    /// </summary>
    public static TopicConfig Reconcile(YamlReader r, YamlNode node, string path, TopicConfig topic)
    {
        if (topic.Replicas is not { Count: > 0 } lists) return topic;
        bool rfWritten = node is YamlMappingNode m && m.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "replication.factor");
        if (lists.Count != topic.Partitions)
            r.ErrorAt($"{path}.replicas", $"{lists.Count} replica lists for the {topic.Partitions} partitions of topic '{topic.Name}': give one list per partition");
        if (rfWritten && lists[0].Count != topic.ReplicationFactor)
            r.ErrorAt($"{path}.replicas", $"replica lists of {lists[0].Count} brokers conflict with replication.factor {topic.ReplicationFactor}", "leave replication.factor out: the lists set it");
        return topic with { ReplicationFactor = lists[0].Count };
    }

    /// <summary>Every broker id named must be a broker of each cluster that creates the topic.</summary>
    public static void CheckBrokers(YamlReader r, DeploymentPlan plan)
    {
        foreach (var layout in plan.Model.Clusters)
        {
            if (!plan.Settings.TryGetValue(layout.Name, out var settings)) continue;
            var ids = layout.Brokers.Where(b => b.KafkaId is not null).Select(b => b.KafkaId!.Value).ToHashSet();
            foreach (var topic in settings.Topics)
            {
                foreach (var id in (topic.Replicas ?? []).SelectMany(l => l).Distinct().Where(id => !ids.Contains(id)).Order())
                    r.ErrorAt($"topics.{topic.Name}.replicas", $"broker {id} is not a broker of cluster '{layout.Name}' (its brokers: {string.Join(", ", ids.Order())})");
            }
        }
    }
}
