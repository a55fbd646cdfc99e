using System.Globalization;
using Sim.Core.Time;
using Sim.Kafka.Config;

namespace Sim.Architectures.Faults;

/// <summary>The values an <see cref="AlterConfig"/> sets (null: left as it is).</summary>
public sealed record ConfigChanges(int? MinInSyncReplicas, bool? UncleanLeaderElectionEnable, SimDuration? Retention, long? LeaderThrottledRate, long? FollowerThrottledRate)
{
    /// <summary>A topic's configuration with these changes.</summary>
    public TopicConfig On(TopicConfig t) => t with
    {
        MinInSyncReplicas = MinInSyncReplicas ?? t.MinInSyncReplicas,
        UncleanLeaderElectionEnable = UncleanLeaderElectionEnable ?? t.UncleanLeaderElectionEnable,
        Retention = Retention ?? t.Retention,
    };

    /// <summary>Reads the keys under <c>config</c>; a key of the other entity type, or unknown, is an error at it.</summary>
    public static ConfigChanges? Read(FaultFields f, IReadOnlyList<string> keys, IReadOnlyList<string> allowed, int replicationFactor)
    {
        int? minIsr = null;
        bool? unclean = null;
        SimDuration? retention = null;
        long? leader = null, follower = null;
        bool ok = true;
        foreach (var key in keys)
        {
            string field = $"config/{key}";
            if (!allowed.Contains(key))
            {
                string other = allowed == AlterConfig.TopicKeys ? "a broker" : "a topic";
                string where = AlterConfig.TopicKeys.Contains(key) || AlterConfig.BrokerKeys.Contains(key) ? $"'{key}' is a config of {other}; " : $"unknown config '{key}'; ";
                f.Error(field, $"{where}this target takes {string.Join(", ", allowed)}");
                ok = false;
                continue;
            }
            switch (key)
            {
                case "min.insync.replicas":
                    minIsr = f.Integer(field, 1, int.MaxValue);
                    if (minIsr > replicationFactor)
                    {
                        f.Error(field, $"min.insync.replicas {minIsr.Value.ToString(CultureInfo.InvariantCulture)} is above the topic's replication factor ({replicationFactor.ToString(CultureInfo.InvariantCulture)}): no acks=all write could succeed");
                        minIsr = null;
                    }
                    ok &= minIsr is not null;
                    break;
                case "unclean.leader.election.enable": unclean = f.Flag(field); ok &= unclean is not null; break;
                case "retention.ms": retention = f.Span(field); ok &= retention is not null; break;
                case "leader.replication.throttled.rate": leader = f.Bytes(field); ok &= leader is not null; break;
                default: follower = f.Bytes(field); ok &= follower is not null; break;
            }
        }
        return ok ? new ConfigChanges(minIsr, unclean, retention, leader, follower) : null;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (MinInSyncReplicas is { } m) parts.Add($"min.insync.replicas: {m.ToString(CultureInfo.InvariantCulture)}");
        if (UncleanLeaderElectionEnable is { } u) parts.Add($"unclean.leader.election.enable: {(u ? "true" : "false")}");
        if (Retention is { } r) parts.Add($"retention.ms: {r}");
        if (LeaderThrottledRate is { } l) parts.Add($"leader.replication.throttled.rate: {l.ToString(CultureInfo.InvariantCulture)}");
        if (FollowerThrottledRate is { } fr) parts.Add($"follower.replication.throttled.rate: {fr.ToString(CultureInfo.InvariantCulture)}");
        return string.Join(", ", parts);
    }
}
