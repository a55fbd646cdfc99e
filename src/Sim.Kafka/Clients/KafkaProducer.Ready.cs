using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>
/// Which partitions the sender looks at: those with batches waiting, and those whose open batch already holds
/// records, both in partition order, so a drain costs what is waiting rather than every partition the producer has.
/// </summary>
public sealed partial class KafkaProducer
{
    // Partitions with batches waiting (a superset: emptied queues leave at the next look).
    private readonly PartitionBits _active = new(0);
    private readonly List<int> _activeScratch = [];
    // Open batches by the time their first record arrives, and the partitions whose open batch holds records by now.
    private readonly PriorityQueue<int, long> _firstArrivals = new();
    private readonly PartitionBits _holding = new(0);
    private readonly List<int> _holdingScratch = [];

    /// <summary>Partitions with batches waiting, in partition order; the sender looks at these only.</summary>
    private List<int> ActivePartitions()
    {
        _active.CopyTo(_activeScratch);
        int kept = 0;
        for (int k = 0; k < _activeScratch.Count; k++)
        {
            int i = _activeScratch[k];
            if (_ready[i].Count > 0) _activeScratch[kept++] = i;
            else _active.Clear(i);
        }
        _activeScratch.RemoveRange(kept, _activeScratch.Count - kept);
        return _activeScratch;
    }

    /// <summary>Records that <paramref name="local"/> has a batch waiting.</summary>
    private void MarkActive(int local) => _active.Set(local);

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
            if (_acc[local].Open && _acc[local].FirstArrival.Nanoseconds == at) _holding.Set(local);
        }
        _holding.CopyTo(_holdingScratch);
        foreach (int i in _holdingScratch)
        {
            if (!_acc[i].Open || _acc[i].FirstArrival > now)
            {
                _holding.Clear(i);
                continue;
            }
            if (LeaderOf(i) != broker) continue;
            if (_ready[i].Exists(b => !b.InFlight)) continue;
            CutOpenBatch(i, now);
        }
    }
}
