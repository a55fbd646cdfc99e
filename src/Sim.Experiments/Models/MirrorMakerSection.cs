using System.Globalization;
using Sim.Core.Time;
using Sim.Experiments.Yaml;
using Sim.MirrorMaker.Config;
using Sim.Network.Topology;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Models;

/// <summary>
/// The <c>mirrormaker</c> section of a model: Connect clusters, each with its workers (counts per zone,
/// named <c>CONNECT-worker-N</c>), its worker settings and its flows, each flow keyed <c>source-&gt;target</c>
/// with MirrorMaker 2's own key names. Keys ending in <c>.seconds</c> or <c>.ms</c> take a number in that
/// unit or a duration with its unit (<c>60</c> and <c>60s</c> are the same checkpoint interval).
/// </summary>
internal static class MirrorMakerSection
{
    internal static readonly string[] ConnectKeys = ["workers", "flows", "offset.flush.interval.ms", "scheduled.rebalance.max.delay.ms"];

    internal static readonly string[] FlowKeys =
    [
        "topics", "topics.exclude", "groups", "groups.exclude", "replication.policy.class", "replication.policy.separator", "tasks.max",
        "replication.factor", "offset.lag.max", "refresh.topics.interval.seconds", "refresh.groups.interval.seconds", "emit.checkpoints.enabled",
        "emit.checkpoints.interval.seconds", "sync.group.offsets.enabled", "sync.group.offsets.interval.seconds", "emit.heartbeats.enabled",
        "emit.heartbeats.interval.seconds", "consumer.auto.offset.reset", "consumer.metadata.recovery.strategy", "producer.metadata.recovery.strategy",
    ];

    public static (List<ConnectClusterConfig>, List<NodeOptions>) Read(YamlReader r, YamlNode node, TopologyOptions topology, IReadOnlyList<string> clusters)
    {
        var connects = new List<ConnectClusterConfig>();
        var nodes = new List<NodeOptions>();
        var zones = topology.Regions.SelectMany(x => x.Zones).ToList();
        foreach (var (name, connectNode) in r.Mapping(node, "mirrormaker") ?? [])
        {
            string ck = $"mirrormaker.{name}";
            var entries = r.Mapping(connectNode, ck, ConnectKeys) ?? [];
            var workersNode = entries.FirstOrDefault(e => e.Key == "workers").Value;
            if (workersNode is null)
            {
                r.Error($"{ck}.workers", r.Locate(ck), $"Connect cluster '{name}' needs 'workers' (counts per zone)");
                continue;
            }
            var workers = ModelLoader.ReadPlacements(r, workersNode, $"{ck}.workers", zones, name, NodeRole.ConnectWorker, firstId: 1);
            if (workers.Count == 0) r.Error($"{ck}.workers", workersNode, $"Connect cluster '{name}' needs at least one worker");
            nodes.AddRange(workers);
            var flows = new List<MirrorFlowConfig>();
            var config = new ConnectClusterConfig(name, workers.Select(w => w.Name).ToList(), flows);
            foreach (var (k, v) in entries)
            {
                string key = $"{ck}.{k}";
                switch (k)
                {
                    case "offset.flush.interval.ms": config = config with { OffsetFlushInterval = Duration(r, v, key, 1e-3) ?? config.OffsetFlushInterval }; break;
                    case "scheduled.rebalance.max.delay.ms": config = config with { ScheduledRebalanceMaxDelay = Duration(r, v, key, 1e-3, allowZero: true) ?? config.ScheduledRebalanceMaxDelay }; break;
                    case "flows": flows.AddRange(ReadFlows(r, v, key, clusters)); break;
                }
            }
            connects.Add(config);
        }
        return (connects, nodes);
    }

    private static IEnumerable<MirrorFlowConfig> ReadFlows(YamlReader r, YamlNode node, string key, IReadOnlyList<string> clusters)
    {
        foreach (var (name, flowNode) in r.Mapping(node, key) ?? [])
        {
            string fk = $"{key}.{name}";
            var parts = name.Split("->");
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                r.Error(fk, r.Locate(fk), $"a flow is named 'source->target', not '{name}'");
                continue;
            }
            bool known = true;
            foreach (var c in parts)
            {
                if (clusters.Contains(c)) continue;
                r.Error(fk, r.Locate(fk), $"flow '{name}' names no cluster '{c}'", Sim.Experiments.Text.NameSuggester.Hint(c, clusters));
                known = false;
            }
            if (parts[0] == parts[1]) { r.Error(fk, r.Locate(fk), "a flow needs two different clusters"); continue; }
            if (!known) continue;
            var f = new MirrorFlowConfig(parts[0], parts[1]);
            if (flowNode is YamlScalarNode { Value: null or "" or "~" }) { yield return f; continue; }
            foreach (var (k, v) in r.Mapping(flowNode, fk, FlowKeys) ?? [])
                f = Apply(r, f, k, v, $"{fk}.{k}");
            yield return f;
        }
    }

    internal static MirrorFlowConfig Apply(YamlReader r, MirrorFlowConfig f, string k, YamlNode v, string key)
    {
        switch (k)
        {
            case "topics": return f with { Topics = List(r, v, key) };
            case "topics.exclude": return f with { TopicsExclude = List(r, v, key) };
            case "groups": return f with { Groups = List(r, v, key) };
            case "groups.exclude": return f with { GroupsExclude = List(r, v, key) };
            case "replication.policy.separator": return f with { Separator = r.Scalar(v, key) ?? f.Separator };
            case "replication.policy.class":
                var text = r.Scalar(v, key);
                var simple = text?[(text.LastIndexOf('.') + 1)..];
                if (simple == "DefaultReplicationPolicy") return f with { ReplicationPolicy = ReplicationPolicyKind.Default };
                if (simple == "IdentityReplicationPolicy") return f with { ReplicationPolicy = ReplicationPolicyKind.Identity };
                if (text is not null) r.Error(key, v, $"unknown replication policy '{text}'", "expected DefaultReplicationPolicy or IdentityReplicationPolicy");
                return f;
            case "tasks.max": return Positive(r, v, key) is { } t ? f with { TasksMax = t } : f;
            case "replication.factor": return Positive(r, v, key) is { } rf ? f with { ReplicationFactor = rf } : f;
            case "offset.lag.max": return r.Integer(v, key) is { } lag and >= 0 ? f with { OffsetLagMax = lag } : Invalid(r, v, key, f);
            case "refresh.topics.interval.seconds": return f with { RefreshTopicsInterval = Duration(r, v, key, 1) ?? f.RefreshTopicsInterval };
            case "refresh.groups.interval.seconds": return f with { RefreshGroupsInterval = Duration(r, v, key, 1) ?? f.RefreshGroupsInterval };
            case "emit.checkpoints.enabled": return Bool(r, v, key) is { } ce ? f with { EmitCheckpointsEnabled = ce } : f;
            case "emit.checkpoints.interval.seconds": return f with { EmitCheckpointsInterval = Duration(r, v, key, 1) ?? f.EmitCheckpointsInterval };
            case "sync.group.offsets.enabled": return Bool(r, v, key) is { } se ? f with { SyncGroupOffsetsEnabled = se } : f;
            case "sync.group.offsets.interval.seconds": return f with { SyncGroupOffsetsInterval = Duration(r, v, key, 1) ?? f.SyncGroupOffsetsInterval };
            case "emit.heartbeats.enabled": return Bool(r, v, key) is { } he ? f with { EmitHeartbeatsEnabled = he } : f;
            case "emit.heartbeats.interval.seconds": return f with { EmitHeartbeatsInterval = Duration(r, v, key, 1) ?? f.EmitHeartbeatsInterval };
            // The source connector's consumer (MirrorSourceConfig's consumer.* prefix): MirrorMaker 2 sets
            // auto.offset.reset=earliest (MirrorConnectorConfig.sourceConsumerConfig: putIfAbsent(auto.offset.reset, earliest)); latest copies only what is
            // produced after a partition's first fetch.
            case "consumer.auto.offset.reset":
                return Sim.Experiments.Spec.Values.Choice(r, v, key, "earliest", "latest") is { } reset
                    ? f with { Consumer = f.Consumer with { AutoOffsetResetEarliest = reset == "earliest" } } : f;
            // KIP-899 for MirrorMaker 2's clients: its source consumers (consumer.*) and its producers (producer.*).
            case "consumer.metadata.recovery.strategy":
                return Sim.Experiments.Spec.ConfigKeys.RecoveryStrategy(r, v, key) is { } cm ? f with { Consumer = f.Consumer with { MetadataRecoveryStrategy = cm } } : f;
            case "producer.metadata.recovery.strategy":
                return Sim.Experiments.Spec.ConfigKeys.RecoveryStrategy(r, v, key) is { } pm ? f with { Producer = f.Producer with { MetadataRecoveryStrategy = pm } } : f;
            default: return f;
        }
    }

    private static MirrorFlowConfig Invalid(YamlReader r, YamlNode v, string key, MirrorFlowConfig f)
    {
        r.Error(key, v, "must be a whole number, 0 or more");
        return f;
    }

    private static int? Positive(YamlReader r, YamlNode v, string key)
    {
        var n = r.Integer(v, key);
        if (n is < 1) { r.Error(key, v, "must be 1 or more"); return null; }
        return n;
    }

    internal static bool? Bool(YamlReader r, YamlNode v, string key)
    {
        var text = r.Scalar(v, key);
        if (text is "true") return true;
        if (text is "false") return false;
        if (text is not null) r.Error(key, v, $"expected true or false, not '{text}'");
        return null;
    }

    private static List<string> List(YamlReader r, YamlNode v, string key)
    {
        if (v is YamlSequenceNode) return (r.Sequence(v, key) ?? []).Select((x, i) => r.Scalar(x, $"{key}.{i}")).OfType<string>().ToList();
        // Kafka writes lists as comma-separated strings.
        return (r.Scalar(v, key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>A duration: a bare number counts in the key's own unit (<paramref name="unitSeconds"/>), a string with a unit as written.</summary>
    /// <param name="allowZero">Only for delays; an interval something repeats at must be positive.</param>
    internal static SimDuration? Duration(YamlReader r, YamlNode v, string key, double unitSeconds, bool allowZero = false)
    {
        var text = r.Scalar(v, key);
        if (text is null) return null;
        SimDuration? d = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? (n < 0 ? SimDuration.FromSeconds(-1) : SimDuration.FromSeconds(n * unitSeconds))
            : r.Duration(v, key);
        if (d is not { } x) return null;
        if (x < SimDuration.Zero) { r.Error(key, v, "cannot be negative"); return null; }
        if (x == SimDuration.Zero && !allowZero) { r.Error(key, v, "must be more than zero: it is the interval something repeats at"); return null; }
        return x;
    }
}
