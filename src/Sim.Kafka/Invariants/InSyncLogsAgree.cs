using Sim.Kafka.Log;

namespace Sim.Kafka.Invariants;

/// <summary>
/// The logs of a leader and of every live follower in its ISR hold the same records below the high
/// watermark (KIP-101: offset and leader epoch identify a record, so two logs agree on a stretch when
/// the epoch of every offset in it is the same). Above the high watermark they may differ: that tail
/// is what truncation repairs.
/// </summary>
public sealed class InSyncLogsAgree(KafkaCluster cluster) : PartitionInvariant(cluster)
{
    public override string Name => "in-sync replicas agree below the high watermark";

    protected override string? CheckPartition(int partition)
    {
        if (LiveLeader(partition, out int leaderId) is not { } leader) return null;
        var log = leader.Log;
        foreach (int f in leader.State.Isr)
        {
            if (f == leaderId || Cluster.Broker(f) is not { Alive: true } fb || fb.Replica(partition) is not { IsLeader: false } follower) continue;
            long limit = Math.Min(log.HighWatermark, Math.Min(follower.Log.LogEndOffset, log.LogEndOffset));
            long start = Math.Max(log.LogStartOffset, follower.Log.LogStartOffset);
            if (FirstDifference(log, follower.Log, start, limit) is { } at)
                return $"{leader.Info.Name}: leader {leaderId} (epoch {leader.LeaderEpoch}, high watermark {log.HighWatermark}) holds epoch {log.EpochAt(at)} at offset {at}, " +
                       $"but in-sync follower {f} holds epoch {follower.Log.EpochAt(at)} there";
        }
        return null;
    }

    /// <summary>The first offset in [start, limit) where the two logs' epochs differ, or null.</summary>
    private static long? FirstDifference(ReplicaLog a, ReplicaLog b, long start, long limit)
    {
        if (limit <= start) return null;
        // Epoch-by-offset is a step function: comparing it at the start and at every step of either log is enough.
        if (a.EpochAt(start) != b.EpochAt(start)) return start;
        long? first = null;
        foreach (var e in a.Epochs) Consider(e.StartOffset);
        foreach (var e in b.Epochs) Consider(e.StartOffset);
        return first;

        void Consider(long o)
        {
            if (o <= start || o >= limit || (first is { } f && o >= f)) return;
            if (a.EpochAt(o) != b.EpochAt(o)) first = o;
        }
    }
}
