using Sim.Architectures.Faults;
using Sim.Core.Time;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// A fault's <c>when:</c> condition and <c>timeout:</c>, read against the deployment: each condition names one
/// thing to watch, and one that can never hold (a partition or broker that does not exist, an ISR size the
/// topic cannot have, a mirror lag with no MirrorMaker 2 running) is an error at its key.
/// </summary>
internal static class ConditionSection
{
    public static readonly string[] Conditions = ["isr-size", "leader", "mirror-lag"];

    /// <summary>The trigger a declaration writes (null: none, or errors, reported to <paramref name="r"/>).</summary>
    public static FaultTrigger? Read(YamlReader r, FaultDeclaration d, FaultNames names, string? cluster)
    {
        var when = d.Fields.FirstOrDefault(f => f.Key == "when").Value;
        var timeoutNode = d.Fields.FirstOrDefault(f => f.Key == "timeout").Value;
        SimDuration? timeout = null;
        if (timeoutNode is not null)
        {
            string tk = $"{d.Key}.timeout";
            if (when is null) r.ErrorAt(tk, "'timeout' bounds the wait for a 'when' condition; this fault has none");
            timeout = r.Duration(timeoutNode, tk);
            if (timeout is { } t && t.Nanoseconds <= 0) r.ErrorAt(tk, "a timeout must be positive");
        }
        if (when is null) return null;
        string key = $"{d.Key}.when";
        var fields = r.Mapping(when, key, Conditions);
        if (fields is null) return null;
        if (fields.Count != 1)
        {
            r.ErrorAt(key, $"a condition names exactly one of: {string.Join(", ", Conditions)}");
            return null;
        }
        var (k, v) = fields[0];
        string ck = $"{key}.{k}";
        FaultCondition? c = k switch
        {
            "isr-size" => IsrSize(r, v, ck, names, cluster),
            "leader" => Leader(r, v, ck, names, cluster),
            _ => MirrorLag(r, v, ck, names),
        };
        return c is null ? null : new FaultTrigger(c, timeout);
    }

    internal static readonly string[] IsrComparisons = ["equals", "below", "above"];

    private static FaultCondition? IsrSize(YamlReader r, YamlNode v, string key, FaultNames names, string? cluster)
    {
        var fields = r.Mapping(v, key, ["partition", .. IsrComparisons]) ?? [];
        var partition = PartitionField(r, fields, key, names, cluster);
        var written = fields.Where(f => IsrComparisons.Contains(f.Key)).ToList();
        if (written.Count != 1)
        {
            r.ErrorAt($"{key}.equals", "isr-size needs one of 'equals: N', 'below: N' or 'above: N'");
            return null;
        }
        var (word, node) = written[0];
        string at = $"{key}.{word}";
        int? size = r.Integer(node, at);
        if (partition is null || size is not { } n) return null;
        int rf = names.ReplicationFactor(partition);
        var compare = word switch { "below" => IsrComparison.Below, "above" => IsrComparison.Above, _ => IsrComparison.Equals };
        // The smallest and largest sizes the condition admits; an ISR has 1 to replication.factor members.
        int least = compare == IsrComparison.Above ? n + 1 : compare == IsrComparison.Equals ? n : 1;
        int most = compare == IsrComparison.Below ? n - 1 : compare == IsrComparison.Equals ? n : rf;
        if (most < 1)
            r.ErrorAt(at, "this can never hold: an ISR never shrinks below one member (the last replica stays in it, KRaft's ReplicationControlManager)");
        else if (least > rf)
            r.ErrorAt(at, $"this can never hold: the ISR of {partition} has at most {rf} members (its topic's replication.factor)");
        else return new IsrSizeIs(partition, n, compare);
        return null;
    }

    private static FaultCondition? Leader(YamlReader r, YamlNode v, string key, FaultNames names, string? cluster)
    {
        var fields = r.Mapping(v, key, ["partition", "is"]) ?? [];
        var partition = PartitionField(r, fields, key, names, cluster);
        var isNode = fields.FirstOrDefault(f => f.Key == "is").Value;
        if (isNode is null) r.ErrorAt($"{key}.is", "leader needs 'is: BROKER'");
        var name = isNode is null ? null : r.Scalar(isNode, $"{key}.is");
        if (partition is null || name is null) return null;
        if (FaultNames.RoleOf(name) is not null || names.Broker(name, cluster).Value is not BrokerRef.Named broker)
        {
            r.ErrorAt($"{key}.is", $"no broker named '{name}' (brokers: {string.Join(", ", names.Brokers.Take(8))})");
            return null;
        }
        if (broker.Cluster != partition.Cluster)
        {
            r.ErrorAt($"{key}.is", $"this can never hold: {name} is a broker of '{broker.Cluster}', and {partition} is a partition of '{partition.Cluster}'");
            return null;
        }
        return new LeaderIs(partition, broker);
    }

    private static FaultCondition? MirrorLag(YamlReader r, YamlNode v, string key, FaultNames names)
    {
        var fields = r.Mapping(v, key, ["above", "flow"]) ?? [];
        var aboveNode = fields.FirstOrDefault(f => f.Key == "above").Value;
        if (aboveNode is null) r.ErrorAt($"{key}.above", "mirror-lag needs 'above: DURATION'");
        var above = aboveNode is null ? null : r.Duration(aboveNode, $"{key}.above");
        var flowNode = fields.FirstOrDefault(f => f.Key == "flow").Value;
        var flow = flowNode is null ? null : r.Scalar(flowNode, $"{key}.flow");
        if (names.Flows.Count == 0)
        {
            r.ErrorAt(key, "this can never hold: the deployment runs no MirrorMaker 2 flow");
            return null;
        }
        if (flow is not null && !names.Flows.Contains(flow))
        {
            r.ErrorAt($"{key}.flow", $"no MirrorMaker 2 flow '{flow}' (flows: {string.Join(", ", names.Flows)})");
            return null;
        }
        return above is { } a ? new MirrorLagAbove(flow, a) : null;
    }

    private static PartitionRef? PartitionField(YamlReader r, IReadOnlyList<(string Key, YamlNode Value)> fields, string key, FaultNames names, string? cluster)
    {
        var node = fields.FirstOrDefault(f => f.Key == "partition").Value;
        if (node is null)
        {
            r.ErrorAt($"{key}.partition", "name the partition: 'partition: TOPIC/PARTITION'");
            return null;
        }
        var text = r.Scalar(node, $"{key}.partition");
        if (text is null) return null;
        var p = names.Partition(text, cluster);
        if (p.Value is null) r.ErrorAt($"{key}.partition", p.Problem!);
        return p.Value;
    }
}
