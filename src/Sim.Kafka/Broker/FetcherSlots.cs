using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>What a replica fetcher keeps for one partition it has fetched.</summary>
internal struct FetcherSlot
{
    /// <summary>What the leader's session holds for the partition (valid while <see cref="InSession"/>).</summary>
    public FetchEntry Held;
    public SimTime DelayedUntil;
    public int Partition;
    public int Order;
    public int Round;
    public bool Member;
    public bool InSession;
    public bool Dirty;
    public bool Delayed;
}

/// <summary>
/// A replica fetcher's slots: one per partition it has fetched (membership, place in the fetch, what the leader's
/// session holds, the dirty mark and any delay, side by side: one cache line reached per partition with news), side by
/// side in the order the partitions came, and found through an index by partition. A fetcher of a few partitions of a
/// large cluster keeps a few slots and four bytes per partition of the cluster, so a new fetcher (after every restart
/// of its broker) is a small allocation, not a large-object one. A device of the simulator; nothing it models changes.
/// </summary>
internal sealed class FetcherSlots(int partitions)
{
    // Slot number + 1 of each partition; 0 for a partition with no slot.
    private readonly int[] _index = new int[partitions];
    private FetcherSlot[] _slots = new FetcherSlot[8];

    /// <summary>How many slots there are; slots 0 to Count-1 are reached by <see cref="At"/>.</summary>
    public int Count { get; private set; }

    public bool Has(int partition) => _index[partition] != 0;

    /// <summary>The slot of <paramref name="partition"/>, which must have one.</summary>
    public ref FetcherSlot this[int partition] => ref _slots[_index[partition] - 1];

    public ref FetcherSlot At(int slot) => ref _slots[slot];

    /// <summary>The slot of <paramref name="partition"/>, made (empty) if it has none.</summary>
    public ref FetcherSlot GetOrAdd(int partition)
    {
        int i = _index[partition] - 1;
        if (i >= 0) return ref _slots[i];
        if (Count == _slots.Length) Array.Resize(ref _slots, 2 * _slots.Length);
        i = Count++;
        _index[partition] = i + 1;
        _slots[i].Partition = partition;
        return ref _slots[i];
    }
}
