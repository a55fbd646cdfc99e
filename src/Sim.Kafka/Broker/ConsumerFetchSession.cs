using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A consumer's fetch session on a broker (KIP-227: FetchSession and its CachedPartitions in FetchSession.scala): every
/// partition the consumer fetches from this broker with the fetch offset and epoch it last sent, and the high watermark
/// and log start offset last answered. An incremental fetch names only what changed; the session fills in the rest, and
/// its response leaves out the partitions with nothing new (CachedPartition.maybeUpdateResponseData).
/// </summary>
/// <remarks>
/// Invariant: <see cref="Entries"/> and the answered values are parallel, in the order partitions joined the session,
/// and the index maps each partition to its place. The entry list is never changed in place while a parked fetch reads
/// it: an update first copies it.
/// </remarks>
public sealed class ConsumerFetchSession(long id, int clientId, int node)
{
    private readonly Dictionary<int, int> _index = [];
    private List<(long HighWatermark, long LogStartOffset)> _answered = [];

    /// <summary>The session id handed back in the response to the full fetch that opened it.</summary>
    public long Id { get; } = id;

    public int ClientId { get; } = clientId;

    /// <summary>The node the consumer fetches from (a client id is per process, and a process is on one node).</summary>
    public int Node { get; } = node;

    /// <summary>When a fetch last used the session (FetchSession.lastUsedMs), which makes it stale for eviction.</summary>
    public SimTime LastUsed { get; set; }

    /// <summary>The session's partitions as a full fetch would name them, in the order they joined.</summary>
    public List<FetchEntry> Entries { get; private set; } = [];

    /// <summary>A fetch of this session parked on the broker, reading <see cref="Entries"/>.</summary>
    public ParkedFetch? Parked { get; set; }

    public int Count => Entries.Count;

    /// <summary>
    /// FetchSession.update: the named partitions replace what the session held for them (or join it, answered nothing
    /// yet), the forgotten ones leave it.
    /// </summary>
    public void Update(List<FetchEntry> named, List<int>? forgotten)
    {
        if (named.Count == 0 && forgotten is not { Count: > 0 }) return;
        if (Parked is { Done: false })
        {
            Entries = [.. Entries];
            _answered = [.. _answered];
        }
        foreach (var e in named)
        {
            if (_index.TryGetValue(e.Partition, out int i)) Entries[i] = e;
            else
            {
                _index[e.Partition] = Entries.Count;
                Entries.Add(e);
                _answered.Add((-1, -1));
            }
        }
        if (forgotten is not { Count: > 0 }) return;
        bool removed = false;
        foreach (int partition in forgotten)
        {
            if (!_index.Remove(partition, out int i)) continue;
            Entries[i] = new FetchEntry { Partition = -1 };
            removed = true;
        }
        if (removed) Compact();
    }

    private void Compact()
    {
        int kept = 0;
        for (int i = 0; i < Entries.Count; i++)
        {
            if (Entries[i].Partition < 0) continue;
            Entries[kept] = Entries[i];
            _answered[kept] = _answered[i];
            _index[Entries[kept].Partition] = kept;
            kept++;
        }
        Entries.RemoveRange(kept, Entries.Count - kept);
        _answered.RemoveRange(kept, _answered.Count - kept);
    }

    /// <summary>
    /// CachedPartition.maybeUpdateResponseData: whether the response must name this partition (records, a high watermark
    /// or log start offset the consumer has not been told, an error, a preferred replica), recording what it is told.
    /// An error forgets the high watermark answered, so the next answer names the partition again.
    /// </summary>
    public bool MustRespond(FetchResult r)
    {
        if (!_index.TryGetValue(r.Partition, out int i)) return true;
        var (hw, lso) = _answered[i];
        bool must = r.Batches is { Count: > 0 } || r.PreferredReadReplica >= 0 || r.DivergingEpoch >= 0 || r.DivergingEndOffset >= 0;
        if (r.Error != ErrorCode.None)
        {
            _answered[i] = (-1, lso);
            return true;
        }
        if (hw != r.HighWatermark || lso != r.LogStartOffset) must = true;
        _answered[i] = (r.HighWatermark, r.LogStartOffset);
        return must;
    }
}
