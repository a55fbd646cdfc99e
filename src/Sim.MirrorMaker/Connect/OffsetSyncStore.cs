namespace Sim.MirrorMaker.Connect;

/// <summary>An offset sync: upstream offset <see cref="Upstream"/> was written downstream at <see cref="Downstream"/>.</summary>
public readonly record struct OffsetSync(long Upstream, long Downstream);

/// <summary>
/// A flow's offset syncs per source partition and the translation of committed consumer offsets
/// (OffsetSyncStore, KAFKA-14666). For an upstream offset U, the latest sync s with s.Upstream &lt;= U gives
/// s.Downstream when U is exactly s.Upstream, and s.Downstream + 1 otherwise: the records between the sync
/// and U may sit anywhere after s.Downstream, so the translated position never skips one and a consumer
/// that fails over reprocesses instead of losing records. Syncs are kept per partition in a bounded
/// history (oldest dropped first), as the store keeps a bounded, spread-out set.
/// </summary>
public sealed class OffsetSyncStore
{
    /// <summary>How many syncs a partition keeps.</summary>
    public const int HistoryLimit = 64;

    private readonly Dictionary<int, List<OffsetSync>> _syncs = [];

    /// <summary>Records a sync for the source partition with catalog index <paramref name="sourcePartition"/>.</summary>
    public void Add(int sourcePartition, OffsetSync sync)
    {
        if (!_syncs.TryGetValue(sourcePartition, out var list)) _syncs[sourcePartition] = list = [];
        // A sync older than the newest one (a restarted task re-sending from its flushed position) replaces
        // the newer ones it contradicts, as the store keeps only syncs consistent with the latest.
        while (list.Count > 0 && list[^1].Upstream >= sync.Upstream) list.RemoveAt(list.Count - 1);
        list.Add(sync);
        if (list.Count > HistoryLimit) list.RemoveAt(0);
        SyncCount++;
    }

    public long SyncCount { get; private set; }

    public OffsetSync? Latest(int sourcePartition) =>
        _syncs.TryGetValue(sourcePartition, out var l) && l.Count > 0 ? l[^1] : null;

    /// <summary>The downstream offset to resume at for committed upstream offset <paramref name="upstream"/>, or null when no sync covers it.</summary>
    public long? Translate(int sourcePartition, long upstream)
    {
        if (!_syncs.TryGetValue(sourcePartition, out var list)) return null;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var s = list[i];
            if (s.Upstream <= upstream) return s.Downstream + (upstream == s.Upstream ? 0 : 1);
        }
        return null;
    }
}
