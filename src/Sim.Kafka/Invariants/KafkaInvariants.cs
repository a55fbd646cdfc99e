using Sim.Core.Scheduling;
using Sim.Kafka.Controller;

namespace Sim.Kafka.Invariants;

/// <summary>
/// Safety conditions of a Kafka cluster, checked after every event when invariant checking is on.
/// Kept apart from the model: they only read its state. Each returns a sentence naming what broke.
/// </summary>
public static class KafkaInvariants
{
    /// <summary>Adds every invariant of <paramref name="cluster"/> to <paramref name="monitor"/>.</summary>
    public static void Register(InvariantMonitor monitor, KafkaCluster cluster)
    {
        monitor.Add(new HighWatermarkMonotonic(cluster));
        monitor.Add(new IsrWithinReplicas(cluster));
        monitor.Add(new OneLeaderPerEpoch(cluster));
        monitor.Add(new OneQuorumLeaderPerEpoch(cluster));
        monitor.Add(new CommittedMetadataNeverRolledBack(cluster));
        monitor.Add(new InSyncLogsAgree(cluster));
        monitor.Add(new AcknowledgedWritesSurvive(cluster));
    }
}

/// <summary>A leader's high watermark never decreases within its leader epoch.</summary>
public sealed class HighWatermarkMonotonic(KafkaCluster cluster) : PartitionInvariant(cluster)
{
    private readonly Dictionary<(int Broker, int Partition), (int Epoch, long Hw)> _last = [];

    public override string Name => "high watermark monotonic per leader epoch";

    protected override string? CheckPartition(int partition)
    {
        foreach (var b in Cluster.Brokers)
        {
            if (!b.Alive || b.Replica(partition) is not { IsLeader: true } p) continue;
            var key = (b.Id, partition);
            long hw = p.Log.HighWatermark;
            if (_last.TryGetValue(key, out var last) && last.Epoch == p.LeaderEpoch && hw < last.Hw)
                return $"{p.Info.Name}: leader {b.Id} at epoch {p.LeaderEpoch} moved its high watermark back from {last.Hw} to {hw}";
            _last[key] = (p.LeaderEpoch, hw);
        }
        return null;
    }
}

/// <summary>
/// Every committed ISR is a subset of the replicas, and a leader is in its ISR. The ISR is non-empty,
/// except for a leaderless partition whose last member restarted after an unclean shutdown with
/// eligible leader replicas on (KIP-966, ReplicationControlManager.handleBrokerUncleanShutdown).
/// </summary>
public sealed class IsrWithinReplicas(KafkaCluster cluster) : IInvariant
{
    private readonly Dictionary<int, long> _checkedAt = [];

    public string Name => "ISR within replicas";

    public string? Check(Scheduler scheduler)
    {
        foreach (var c in cluster.Controllers)
        {
            // An image only changes when a record is applied; re-check only then.
            if (_checkedAt.TryGetValue(c.Id, out var at) && at == c.Image.Version) continue;
            _checkedAt[c.Id] = c.Image.Version;
            foreach (var ps in c.Image.Partitions)
            {
                // A slot with no partition (not created yet, or deleted) has neither replicas nor ISR.
                if (!ps.Exists)
                {
                    if (ps.Isr.Length > 0 || ps.Leader >= 0) return $"p{ps.Partition}: a partition that does not exist has an ISR or a leader ({ps})";
                    continue;
                }
                if (ps.Isr.Length == 0 && (ps.Leader >= 0 || !cluster.Context.Broker.EligibleLeaderReplicasEnable)) return $"p{ps.Partition}: empty ISR on controller {c.Id}";
                foreach (var r in ps.Isr)
                {
                    if (!ps.IsReplica(r)) return $"p{ps.Partition}: ISR member {r} is not a replica ({ps})";
                }
                if (ps.Leader >= 0 && !ps.InIsr(ps.Leader)) return $"p{ps.Partition}: leader {ps.Leader} outside its ISR ({ps})";
            }
        }
        return null;
    }
}

/// <summary>At most one broker acts as a partition's leader in any leader epoch.</summary>
public sealed class OneLeaderPerEpoch(KafkaCluster cluster) : PartitionInvariant(cluster)
{
    private readonly Dictionary<(int Partition, int Epoch), int> _leaders = [];

    public override string Name => "one leader per partition per epoch";

    protected override string? CheckPartition(int partition)
    {
        foreach (var b in Cluster.Brokers)
        {
            if (!b.Alive || b.Replica(partition) is not { IsLeader: true } p) continue;
            var key = (partition, p.LeaderEpoch);
            if (_leaders.TryGetValue(key, out var other) && other != b.Id)
                return $"{p.Info.Name}: brokers {other} and {b.Id} both led epoch {p.LeaderEpoch}";
            _leaders[key] = b.Id;
        }
        return null;
    }
}

/// <summary>At most one controller leads the quorum in any epoch, and a voter's epoch never decreases.</summary>
public sealed class OneQuorumLeaderPerEpoch(KafkaCluster cluster) : IInvariant
{
    private readonly Dictionary<int, int> _leaderOfEpoch = [];
    private readonly Dictionary<int, int> _epochOf = [];

    public string Name => "at most one active controller per epoch";

    public string? Check(Scheduler scheduler)
    {
        foreach (var c in cluster.Controllers)
        {
            if (_epochOf.TryGetValue(c.Id, out var e) && c.Epoch < e) return $"controller {c.Id} went back from epoch {e} to {c.Epoch}";
            _epochOf[c.Id] = c.Epoch;
            if (c.Role != RaftRole.Leader || !c.Alive) continue;
            if (_leaderOfEpoch.TryGetValue(c.Epoch, out var other) && other != c.Id)
                return $"controllers {other} and {c.Id} both led epoch {c.Epoch}";
            _leaderOfEpoch[c.Epoch] = c.Id;
        }
        return null;
    }
}

/// <summary>A metadata record, once committed, is the same record on every controller that holds that offset.</summary>
public sealed class CommittedMetadataNeverRolledBack(KafkaCluster cluster) : IInvariant
{
    private readonly List<Metadata.MetadataEntry> _committed = [];

    public string Name => "committed metadata never rolled back";

    public string? Check(Scheduler scheduler)
    {
        foreach (var c in cluster.Controllers)
        {
            long hw = Math.Min(c.HighWatermark, c.LogEndOffset);
            for (long o = _committed.Count; o < hw; o++) _committed.Add(c.Log[(int)o]);
        }
        foreach (var c in cluster.Controllers)
        {
            // Only what this controller knows to be committed must match: an isolated or deposed leader may
            // hold an uncommitted tail that Raft later replaces (KIP-595).
            long n = Math.Min(Math.Min(c.HighWatermark, c.LogEndOffset), _committed.Count);
            // Checking the newest committed entries held is enough: every later change passes through them.
            for (long o = Math.Max(0, n - 4); o < n; o++)
            {
                if (!ReferenceEquals(c.Log[(int)o], _committed[(int)o]) && c.Log[(int)o] != _committed[(int)o])
                    return $"controller {c.Id} holds a different record at committed offset {o} (epoch {c.Log[(int)o].Epoch}, committed in epoch {_committed[(int)o].Epoch})";
            }
        }
        return null;
    }
}
