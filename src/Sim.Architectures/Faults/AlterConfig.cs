using System.Globalization;
using Sim.Core.Time;
using Sim.Kafka.Config;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>alter-config</c>: a dynamic config change, as <c>kafka-configs --alter --add-config</c> makes it. On a
/// topic (<c>target: topic:NAME</c>) it changes <c>min.insync.replicas</c>,
/// <c>unclean.leader.election.enable</c> or <c>retention.ms</c>: the change is a ConfigRecord the active
/// controller writes to the metadata log, in force once committed (brokers apply it as they fetch the log);
/// unclean election turned on this way acts at the controller's next periodic check
/// (<c>unclean.leader.election.interval.ms</c>). On brokers it sets <c>leader.replication.throttled.rate</c>
/// and <c>follower.replication.throttled.rate</c> (KIP-73). With a <c>duration</c> the previous values
/// come back when it ends.
/// </summary>
public sealed record AlterConfig(SimTime At, SimDuration? Duration, string Cluster, string? Topic, Targets<BrokerRef>? Brokers, ConfigChanges Changes)
    : Fault(At, Duration)
{
    /// <summary>The topic-level keys an alter-config may change.</summary>
    public static readonly IReadOnlyList<string> TopicKeys = ["min.insync.replicas", "unclean.leader.election.enable", "retention.ms"];

    /// <summary>The broker-level keys an alter-config may change.</summary>
    public static readonly IReadOnlyList<string> BrokerKeys = ["leader.replication.throttled.rate", "follower.replication.throttled.rate"];

    public override string Kind => FaultKind.AlterConfig;

    public override string TargetText => Topic is not null ? $"topic:{Topic}" : Brokers!.ToString();

    public override IEnumerable<string> TrailingFields => [$"config: {{ {Changes} }}"];

    public override FaultEffect Apply(FaultRuntime runtime) => Topic is not null ? ApplyToTopic(runtime) : ApplyToBrokers(runtime);

    private FaultEffect ApplyToTopic(FaultRuntime runtime)
    {
        var cluster = runtime.Cluster(Cluster);
        var before = cluster.Context.TopicNow(Topic!)!;
        var after = Changes.On(before);
        if (!cluster.AlterTopicConfig(after, $"kafka-configs --alter topic {Topic}: {Changes}"))
            return FaultEffect.Nothing($"topic {Topic}: not altered, no active controller");
        Action? repair = Duration is null ? null : () => cluster.AlterTopicConfig(before, $"kafka-configs --alter topic {Topic}: back to its previous values");
        return new(FaultHit.Nothing($"topic {Topic}: {Changes}"), repair);
    }

    private FaultEffect ApplyToBrokers(FaultRuntime runtime)
    {
        var hit = new List<(Sim.Kafka.KafkaCluster Cluster, int Id, long Leader, long Follower)>();
        foreach (var b in Brokers!)
        {
            if (b.Resolve(runtime) is not var (cluster, id)) continue;
            var broker = cluster.Broker(id);
            hit.Add((cluster, id, broker.LeaderQuota.Rate, broker.FollowerQuota.Rate));
            cluster.SetReplicationThrottle(id, Changes.LeaderThrottledRate, Changes.FollowerThrottledRate);
        }
        if (hit.Count == 0) return FaultEffect.Nothing("no broker");
        var nodes = hit.Select(h => h.Cluster.Broker(h.Id).Node).ToList();
        Action? repair = Duration is null ? null : () =>
        {
            foreach (var h in hit) h.Cluster.SetReplicationThrottle(h.Id, h.Leader, h.Follower);
        };
        return new(FaultHit.OnNodes(nodes, $"{string.Join(",", nodes.Select(n => n.Name))}: {Changes}"), repair);
    }

    public static Fault? Read(FaultFields f)
    {
        var parts = f.Parts("target");
        var keys = f.Keys("config");
        if (parts is null || f.Cluster is not { } cluster) return null;
        if (keys is null || keys.Count == 0) { f.Error("config", "alter-config needs 'config', a mapping of the keys to change and their new values"); return null; }
        if (parts.Count == 1 && parts[0].StartsWith("topic:", StringComparison.Ordinal))
        {
            string name = parts[0]["topic:".Length..];
            var topic = f.Names.Topic(cluster, name);
            if (topic is null) { f.Error("target", $"cluster '{cluster}' has no topic '{name}' (topics: {string.Join(", ", f.Names.TopicNames(cluster))})"); return null; }
            var changes = ConfigChanges.Read(f, keys, TopicKeys, topic.ReplicationFactor);
            return changes is null ? null : new AlterConfig(f.At, f.Duration, cluster, name, null, changes);
        }
        var brokers = f.Each("target", p => f.Names.Broker(p, f.Cluster));
        var brokerChanges = ConfigChanges.Read(f, keys, BrokerKeys, 0);
        return brokers is null || brokerChanges is null ? null : new AlterConfig(f.At, f.Duration, cluster, null, brokers, brokerChanges);
    }
}
