using Sim.Core.Scheduling;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Broker;

/// <summary>A fetch held at the broker until enough data is available or its wait runs out (DelayedFetch).</summary>
public sealed class ParkedFetch(FetchRequest request, Node from)
{
    public FetchRequest Request { get; } = request;
    public Node From { get; } = from;
    public EventHandle Expiry { get; set; }
    public bool Done { get; set; }

    /// <summary>The order fetches were parked in, which wakes follow.</summary>
    public long Sequence { get; set; }

    /// <summary>The fetch session the fetch belongs to (KIP-227), whose live partitions it reads; null for a fetch read by its entries.</summary>
    public LeaderFetchSession? Session { get; set; }

    /// <summary>What a fetch outside a session reads (its request's entries, or all of a session it was detached from).</summary>
    public List<Sim.Kafka.Protocol.FetchEntry>? Entries { get; set; }

    /// <summary>Bytes readable when parked plus those appended since (Kafka 0.8.1's DelayedFetch.bytesAccumulated).</summary>
    public long AccumulatedBytes { get; set; }
}

/// <summary>
/// Parked fetches in the order they were parked. Answered ones stay until they are half the list, then are
/// purged in one pass (DelayedOperationPurgatory purges completed operations from its watcher lists the same way),
/// so a list costs amortised O(1) per fetch and never outgrows twice the fetches still waiting.
/// </summary>
public sealed class ParkedList
{
    private readonly List<ParkedFetch> _items = [];
    private int _purgeAt = 8;

    public int Count => _items.Count;
    public ParkedFetch this[int i] => _items[i];
    public List<ParkedFetch>.Enumerator GetEnumerator() => _items.GetEnumerator();
    public void Clear() => _items.Clear();

    public void Add(ParkedFetch pf)
    {
        // A fetch naming a partition twice is watched under it once.
        if (_items.Count > 0 && ReferenceEquals(_items[^1], pf)) return;
        if (_items.Count >= _purgeAt)
        {
            _items.RemoveAll(static x => x.Done);
            _purgeAt = Math.Max(8, 2 * _items.Count);
        }
        _items.Add(pf);
    }

    public static void Add(ref ParkedList? list, ParkedFetch pf) => (list ??= new ParkedList()).Add(pf);
}
