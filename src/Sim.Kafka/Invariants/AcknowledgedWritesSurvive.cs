using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Invariants;

/// <summary>
/// No record acknowledged with <c>acks=all</c> while its leader's ISR held at least the configured
/// <c>min.insync.replicas</c> is missing from the log of any later leader (Kafka's documented guarantee:
/// such a record survives as long as one in-sync replica does). Checked each time a broker takes over a
/// partition's leadership. Two events end the promise for what they touch, as Kafka's documentation says:
/// an unclean leader election (every record of the partition acknowledged before it), and a power loss
/// that took a replica's unflushed tail (the offsets it removed; Kafka relies on replication, not fsync).
/// The minimum is read from the topic configuration here, not from the broker, so a broker that ignored
/// it would acknowledge records this checker does not protect, and the scenario tests catch that instead.
/// </summary>
public sealed class AcknowledgedWritesSurvive : PartitionInvariant
{
    // Per partition, per leader epoch: the acknowledged offset intervals, merged.
    private readonly Dictionary<int, SortedDictionary<int, List<(long From, long To)>>> _acked = [];
    private readonly Dictionary<int, (int Leader, int Epoch)> _verified = [];

    public AcknowledgedWritesSurvive(KafkaCluster cluster) : base(cluster) { }

    public override string Name => "no acknowledged record lost while acks=all and the ISR held min.insync.replicas";

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
    {
        if (acks != -1 || batch.BaseOffset < 0) return;
        var info = Cluster.Context.Partitions[partition];
        int minIsr = Cluster.Context.MinInSyncReplicas(info);
        int isr = -1;
        foreach (var b in Cluster.Brokers)
        {
            if (b.Alive && b.Replica(partition) is { IsLeader: true } r && r.LeaderEpoch == batch.LeaderEpoch) isr = r.State.Isr.Length;
        }
        if (isr < minIsr) return;
        if (!_acked.TryGetValue(partition, out var byEpoch)) _acked[partition] = byEpoch = [];
        if (!byEpoch.TryGetValue(batch.LeaderEpoch, out var list)) byEpoch[batch.LeaderEpoch] = list = [];
        Add(list, batch.BaseOffset, batch.NextOffset);
    }

    public override void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause)
    {
        base.PartitionChanged(at, before, after, cause);
        // A deleted topic's records are gone at the operator's request (DeleteTopics), not lost.
        if (cause.Contains("unclean election", StringComparison.Ordinal) || !after.Exists) _acked.Remove(after.Partition);
    }

    public override void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause)
    {
        base.Truncated(at, brokerId, partition, toOffset, removedRecords, cause);
        if (!cause.StartsWith("power loss", StringComparison.Ordinal) || !_acked.TryGetValue(partition, out var byEpoch)) return;
        foreach (var list in byEpoch.Values) Remove(list, toOffset, toOffset + removedRecords);
    }

    protected override string? CheckPartition(int partition)
    {
        if (!_acked.TryGetValue(partition, out var byEpoch) || LiveLeader(partition, out int leaderId) is not { } leader) return null;
        var key = (leaderId, leader.LeaderEpoch);
        if (_verified.TryGetValue(partition, out var v) && v == key) return null;
        _verified[partition] = key;
        var log = leader.Log;
        foreach (var (epoch, list) in byEpoch)
        {
            if (epoch >= leader.LeaderEpoch) continue;
            foreach (var (from, to) in list)
            {
                long lo = Math.Max(from, log.LogStartOffset);
                if (lo >= to) continue;
                var (have, haveTo) = AckLedger.PresentInterval(log, lo, to, epoch);
                if (have == lo && haveTo == to) continue;
                long missing = have == haveTo ? lo : have > lo ? lo : haveTo;
                return $"{Cluster.Context.Partitions[partition].Name}: broker {leaderId} leads epoch {leader.LeaderEpoch} without offset {missing} " +
                       $"(epoch {epoch}), acknowledged with acks=all while the ISR held min.insync.replicas";
            }
        }
        return null;
    }

    private static void Add(List<(long From, long To)> list, long from, long to)
    {
        // Acknowledgements mostly arrive in offset order: extend the last interval when they touch it.
        if (list.Count > 0 && list[^1].To >= from && list[^1].From <= to)
        {
            list[^1] = (Math.Min(list[^1].From, from), Math.Max(list[^1].To, to));
            return;
        }
        int i = list.Count;
        while (i > 0 && list[i - 1].From > from) i--;
        list.Insert(i, (from, to));
        // Merge neighbours the insertion now touches.
        for (int j = Math.Max(0, i - 1); j + 1 < list.Count;)
        {
            if (list[j].To >= list[j + 1].From) { list[j] = (list[j].From, Math.Max(list[j].To, list[j + 1].To)); list.RemoveAt(j + 1); }
            else if (j >= i) break;
            else j++;
        }
    }

    private static void Remove(List<(long From, long To)> list, long from, long to)
    {
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var (a, b) = list[i];
            if (b <= from || a >= to) continue;
            list.RemoveAt(i);
            if (b > to) list.Insert(i, (to, b));
            if (a < from) list.Insert(i, (a, from));
        }
    }
}
