using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>
/// Which partitions the sender looks at: those with batches waiting, and those whose open batch already holds
/// records, both in partition order, so a drain costs what is waiting rather than every partition the producer has.
/// </summary>
public sealed partial class KafkaProducer
{
    // Partitions with batches waiting (a superset: emptied queues leave at the next look).
    private readonly PartitionSet _active = new(0);
    // Open batches by the time their first record arrives, and the partitions whose open batch holds records by now.
    private readonly PriorityQueue<int, long> _firstArrivals = new();
    private readonly PartitionSet _holding = new(0);

    /// <summary>
    /// Partitions with batches waiting, in partition order; the sender looks at these only. The list stays valid
    /// while the sender goes through it: batches it sends stay in their queues, and a queue emptied meanwhile
    /// (acknowledged or failed) leaves the list at its next look.
    /// </summary>
    private List<int> ActivePartitions()
    {
        foreach (int i in _active.Members)
        {
            if (_ready[i].Count == 0) _active.Remove(i);
        }
        return _active.Members;
    }

    /// <summary>Records that <paramref name="local"/> has a batch waiting.</summary>
    private void MarkActive(int local) => _active.Add(local);

    /// <summary>
    /// RecordAccumulator.drainBatchesForOneNode: a ready node gets the first batch of every partition it leads, so
    /// each open batch of such a partition with nothing queued ahead of it is cut and goes too.
    /// </summary>
    private void DrainOpenBatches(int broker, SimTime now)
    {
        // Only partitions whose open batch already holds a record can be cut (CutOpenBatch ignores the others): those
        // whose first arrival has come, in partition order.
        while (_firstArrivals.TryPeek(out int local, out long at) && at <= now.Nanoseconds)
        {
            _firstArrivals.Dequeue();
            if (_acc[local].Open && _acc[local].FirstArrival.Nanoseconds == at) _holding.Add(local);
        }
        foreach (int i in _holding.Members)
        {
            if (!_acc[i].Open || _acc[i].FirstArrival > now)
            {
                _holding.Remove(i);
                continue;
            }
            if (LeaderOf(i) != broker) continue;
            if (HasBatchNotInFlight(_ready[i])) continue;
            CutOpenBatch(i, now);
        }
    }

    private static bool HasBatchNotInFlight(List<ProducerBatch> q)
    {
        for (int k = 0; k < q.Count; k++)
        {
            if (!q[k].InFlight) return true;
        }
        return false;
    }
}
