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

/// <summary>
/// A topic's <c>confluent.placement.constraints</c> (Confluent Multi-Region Clusters, "Replica placement"),
/// written as Confluent's JSON is (a YAML flow mapping reads the same):
/// <c>{version: 2, replicas: [{count: 2, constraints: {rack: east}}], observers: [{count: 1, constraints: {rack: west}}], observerPromotionPolicy: under-min-isr}</c>.
/// A rack is a zone name (the model's <c>broker.rack</c>). The replication factor is the sum of the counts.
/// </summary>
internal static class PlacementConstraintsReader
{
    public static PlacementConstraints? Read(YamlReader r, YamlNode node, string key)
    {
        if (r.Mapping(node, key, ["version", "replicas", "observers", "observerPromotionPolicy"]) is not { } fields) return null;
        IReadOnlyList<RackCount> replicas = [], observers = [];
        var policy = ObserverPromotionPolicy.None;
        foreach (var (k, v) in fields)
        {
            string at = YamlReader.Join(key, k);
            switch (k)
            {
                case "version":
                    if (r.Integer(v, at) is not { } ver) return null;
                    if (ver is not (1 or 2)) { r.Error(at, v, $"placement constraints version {ver}: Confluent Server reads versions 1 and 2"); return null; }
                    break;
                case "replicas": if (Entries(r, v, at) is not { } rs) return null; replicas = rs; break;
                case "observers": if (Entries(r, v, at) is not { } os) return null; observers = os; break;
                case "observerPromotionPolicy":
                    if (r.Scalar(v, at) is not { } s) return null;
                    try { policy = PlacementConstraints.ParsePolicy(s); }
                    catch (ArgumentException e) { r.Error(at, v, e.Message); return null; }
                    break;
            }
        }
        if (replicas.Sum(e => e.Count) == 0) { r.Error(key, node, "placement constraints without a synchronous replica: give 'replicas' a count of at least 1"); return null; }
        return new PlacementConstraints(replicas, observers) { Promotion = policy };
    }

    private static List<RackCount>? Entries(YamlReader r, YamlNode node, string key)
    {
        if (r.Sequence(node, key) is not { } items) return null;
        var result = new List<RackCount>();
        for (int i = 0; i < items.Count; i++)
        {
            string at = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
            if (r.Mapping(items[i], at, ["count", "constraints"]) is not { } f) return null;
            int? count = null; string? rack = null;
            foreach (var (k, v) in f)
            {
                if (k == "count") { count = r.Integer(v, YamlReader.Join(at, k)); if (count is null) return null; }
                else if (r.Mapping(v, YamlReader.Join(at, k), ["rack"]) is { } c)
                {
                    foreach (var (ck, cv) in c) rack = r.Scalar(cv, YamlReader.Join(YamlReader.Join(at, k), ck));
                }
                else return null;
            }
            if (count is not { } n || n < 0) { r.Error(at, items[i], "each placement entry needs a 'count' of 0 or more"); return null; }
            if (rack is null) { r.Error(at, items[i], "each placement entry needs 'constraints: {rack: ZONE}'"); return null; }
            result.Add(new RackCount(n, rack));
        }
        return result;
    }

    /// <summary>The replication factor is the replicas plus the observers; a written one that differs is an error.</summary>
    public static TopicConfig Reconcile(YamlReader r, YamlNode node, string path, TopicConfig topic)
    {
        if (topic.Placement is not { } p) return topic;
        int rf = p.SyncCount + p.ObserverCount;
        bool rfWritten = node is YamlMappingNode m && m.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "replication.factor");
        if (rfWritten && rf != topic.ReplicationFactor)
            r.ErrorAt($"{path}.confluent.placement.constraints", $"placement constraints name {rf} replicas and observers but replication.factor is {topic.ReplicationFactor}", "leave replication.factor out: the constraints set it");
        if (topic.Replicas is not null)
            r.ErrorAt($"{path}.confluent.placement.constraints", "a topic takes either 'replicas' or 'confluent.placement.constraints', not both");
        return topic with { ReplicationFactor = rf };
    }

    /// <summary>Every count must fit its rack: the cluster must have that many brokers in the zone, beside those other entries took.</summary>
    public static void CheckRacks(YamlReader r, DeploymentPlan plan)
    {
        var zoneOfRack = plan.Model.Network.Topology.Regions.SelectMany(g => g.Zones).SelectMany(z => z.Racks.Select(k => (k, z.Name))).ToDictionary(x => x.k, x => x.Name);
        foreach (var layout in plan.Model.Clusters)
        {
            if (!plan.Settings.TryGetValue(layout.Name, out var settings)) continue;
            var perZone = layout.Brokers.GroupBy(b => zoneOfRack.GetValueOrDefault(b.Rack, b.Rack)).ToDictionary(g => g.Key, g => g.Count());
            foreach (var topic in settings.Topics)
            {
                if (topic.Placement is not { } p) continue;
                string key = $"topics.{topic.Name}.confluent.placement.constraints";
                foreach (var (zone, need) in p.Replicas.Concat(p.Observers).GroupBy(e => e.Rack).Select(g => (g.Key, g.Sum(e => e.Count))))
                {
                    int have = perZone.GetValueOrDefault(zone);
                    if (need <= have) continue;
                    string what = p.Observers.Any(o => o.Rack == zone && o.Count > 0) ? "replicas and observers" : "replicas";
                    r.ErrorAt(key, $"{need} {what} in rack '{zone}' but cluster '{layout.Name}' has {have} broker(s) there (racks: {string.Join(", ", perZone.OrderBy(z => z.Key, StringComparer.Ordinal).Select(z => $"{z.Key} {z.Value}"))})");
                }
            }
        }
    }
}
