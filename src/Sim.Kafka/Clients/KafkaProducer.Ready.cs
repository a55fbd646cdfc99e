using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>
/// Which partitions the sender looks at: those with batches waiting, and those whose open batch already holds
/// records, both in partition order, so a drain costs what is waiting rather than every partition the producer has.
/// </summary>
public sealed partial class KafkaProducer
{
    // Partitions with batches waiting or in flight (a superset: emptied queues leave at the next look).
    private readonly PartitionBits _active = new(0);
    private readonly List<int> _activeScratch = [];
    // Partitions with a batch not in flight (a superset: those whose batches all went leave at the next look).
    private readonly PartitionSet _sendable = new(0);
    // Open batches by the time their first record arrives, and the partitions whose open batch holds records by now.
    private readonly PriorityQueue<int, long> _firstArrivals = new();
    // The partitions whose open batch holds records by now, grouped by leader as of _holdingLeaders: slot 0 holds those
    // without a known leader, slot b + 1 those broker b leads. Each group is a superset (batches closed or cut since
    // leave at the group's next look).
    private PartitionSet[] _holding = [];
    private int _holdingLeaders = -1;

    /// <summary>Partitions with batches waiting or in flight, in partition order.</summary>
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

    /// <summary>
    /// Partitions with a batch not in flight, in partition order: the only ones the sender can take a batch from, so
    /// it looks at these rather than at every partition with batches in flight. The list stays valid while the sender
    /// goes through it (batches it takes leave at the next look).
    /// </summary>
    private List<int> SendablePartitions()
    {
        foreach (int i in _sendable.Members)
        {
            if (!HasBatchNotInFlight(_ready[i])) _sendable.Remove(i);
        }
        return _sendable.Members;
    }

    // The partitions of _sendable grouped by leader (indexed by broker id), each group in partition order, as of the
    // leaders' version _groupedLeaders. A partition joining _sendable joins its leader's group at once; one found with
    // every batch in flight leaves both (so each group, like _sendable, is a superset of those with a batch to send).
    private PartitionSet[] _byLeader = [];
    private int _groupedLeaders = -1;

    /// <summary>Groups the partitions with a batch not in flight by their leader (those with none known are left out), unless no leader changed since the last grouping.</summary>
    private void GroupByLeader()
    {
        if (_metadata.LeadersVersion == _groupedLeaders) return;
        _groupedLeaders = _metadata.LeadersVersion;
        foreach (var group in _byLeader) group.Clear();
        foreach (int i in SendablePartitions())
        {
            int leader = LeaderOf(i);
            if (leader >= 0) LeaderGroup(leader).Add(i);
        }
    }

    private PartitionSet LeaderGroup(int broker)
    {
        if (broker >= _byLeader.Length)
        {
            int old = _byLeader.Length;
            Array.Resize(ref _byLeader, Math.Max(broker + 1, 2 * old));
            for (int b = old; b < _byLeader.Length; b++) _byLeader[b] = new PartitionSet(0);
        }
        return _byLeader[broker];
    }

    /// <summary><paramref name="local"/> has a batch not in flight: into the set, and into its leader's group if grouped as of now.</summary>
    private void AddSendable(int local)
    {
        if (!_sendable.Add(local) || _metadata.LeadersVersion != _groupedLeaders) return;
        int leader = LeaderOf(local);
        if (leader >= 0) LeaderGroup(leader).Add(local);
    }

    /// <summary><paramref name="local"/>, led by <paramref name="broker"/>, has every batch in flight: out of the set and the group (safe while either is gone through).</summary>
    private void DropSendable(int local, int broker)
    {
        _sendable.Remove(local);
        _byLeader[broker].Remove(local);
    }

    /// <summary>
    /// The partitions <paramref name="broker"/> leads that may have a batch not in flight, in partition order: every
    /// one that has, and maybe some whose batches all went since. Leaders stay as grouped while the sender runs
    /// (metadata changes only with a response); a partition given a batch meanwhile joins the group at once, so the
    /// list must not be gone through while batches are appended.
    /// </summary>
    private List<int> SendableLedBy(int broker)
    {
        GroupByLeader();
        return broker < _byLeader.Length ? _byLeader[broker].Members : NoPartitions;
    }

    private static readonly List<int> NoPartitions = [];

    // Produce requests in flight per broker id.
    private int[] _inFlightPerBroker = [];

    private int ProducesInFlight(int broker) => broker < _inFlightPerBroker.Length ? _inFlightPerBroker[broker] : 0;

    private ref int ProducesInFlightSlot(int broker)
    {
        if (broker >= _inFlightPerBroker.Length) Array.Resize(ref _inFlightPerBroker, Math.Max(broker + 1, 2 * _inFlightPerBroker.Length));
        return ref _inFlightPerBroker[broker];
    }

    /// <summary>Records that <paramref name="local"/> has a batch waiting.</summary>
    private void MarkActive(int local)
    {
        _active.Set(local);
        AddSendable(local);
        // The batch just queued was appended now.
        if (S.Now < _appendedNoEarlier) _appendedNoEarlier = S.Now;
    }

    // No queued batch was appended before this (MaxValue: none queued since the last sweep found none): the sweep
    // walks the queues only once the oldest batch may have reached delivery.timeout.ms.
    private SimTime _appendedNoEarlier = SimTime.MaxValue;

    /// <summary>Whether some partition with batches has no known leader (none can, while every partition has one).</summary>
    private bool AnyLeaderless()
    {
        if (_metadata.LeaderlessCount == 0) return false;
        foreach (int i in ActivePartitions())
        {
            if (LeaderOf(i) < 0) return true;
        }
        return false;
    }

    /// <summary>
    /// RecordAccumulator.drainBatchesForOneNode: a ready node gets the first batch of every partition it leads, so
    /// each open batch of such a partition with nothing queued ahead of it is cut and goes too.
    /// </summary>
    private void DrainOpenBatches(int broker, SimTime now)
    {
        // Only partitions whose open batch already holds a record can be cut (CutOpenBatch ignores the others): those
        // whose first arrival has come, in partition order. Looking only at the ones this broker leads gives the cuts,
        // and their order, of a look at every partition holding records.
        if (_metadata.LeadersVersion != _holdingLeaders) RegroupHolding();
        while (_firstArrivals.TryPeek(out int local, out long at) && at <= now.Nanoseconds)
        {
            _firstArrivals.Dequeue();
            if (_acc[local].Open && _acc[local].FirstArrival.Nanoseconds == at) HoldingGroup(LeaderOf(local)).Add(local);
        }
        var group = HoldingGroup(broker);
        foreach (int i in group.Members)
        {
            if (!_acc[i].Open || _acc[i].FirstArrival > now)
            {
                group.Remove(i);
                continue;
            }
            // Every partition with a batch not in flight is in _sendable, so one outside it need not be looked at.
            if (_sendable.Contains(i) && HasBatchNotInFlight(_ready[i])) continue;
            CutOpenBatch(i, now);
        }
    }

    private PartitionSet HoldingGroup(int leader)
    {
        int slot = Math.Max(-1, leader) + 1;
        if (slot >= _holding.Length)
        {
            int old = _holding.Length;
            Array.Resize(ref _holding, Math.Max(slot + 1, 2 * old));
            for (int g = old; g < _holding.Length; g++) _holding[g] = new PartitionSet(0);
        }
        return _holding[slot];
    }

    /// <summary>A leader changed: the partitions holding records move to the groups of their leaders now.</summary>
    private void RegroupHolding()
    {
        _holdingLeaders = _metadata.LeadersVersion;
        var members = new List<int>();
        foreach (var group in _holding)
        {
            members.AddRange(group.Members);
            group.Clear();
        }
        foreach (int i in members) HoldingGroup(LeaderOf(i)).Add(i);
    }

    private static bool HasBatchNotInFlight(BatchQueue q)
    {
        for (int k = 0; k < q.Count; k++)
        {
            if (!q[k].InFlight) return true;
        }
        return false;
    }
}
