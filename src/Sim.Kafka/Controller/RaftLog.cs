using Sim.Kafka.Metadata;

namespace Sim.Kafka.Controller;

/// <summary>
/// A controller's copy of the metadata log (KRaft's <c>ReplicatedLog</c>), the records the leader has
/// proposed but not yet appended, and the <see cref="MetadataImage"/> they all amount to.
/// <para>
/// The image always reflects the whole local log plus the proposed records, as KRaft's controller
/// applies a record the moment it proposes it: dropping the proposals, or truncating the log to where
/// it diverges from the leader's, rebuilds the image from what is left. Offsets are list indexes.
/// </para>
/// </summary>
internal sealed class RaftLog(MetadataImage image)
{
    private readonly List<MetadataEntry> _entries = [];
    private readonly List<MetadataEntry> _proposed = [];

    public IReadOnlyList<MetadataEntry> Entries => _entries;

    public MetadataImage Image { get; } = image;

    /// <summary>The offset the next appended record gets.</summary>
    public long EndOffset => _entries.Count;

    /// <summary>The epoch of the last record, 0 when the log is empty.</summary>
    public int LastEpoch => _entries.Count == 0 ? 0 : _entries[^1].Epoch;

    public MetadataEntry this[long offset] => _entries[(int)offset];

    /// <summary>Appends a record of <paramref name="epoch"/> at once (the bootstrap records).</summary>
    public void Append(int epoch, MetadataRecord record)
    {
        var e = new MetadataEntry(_entries.Count, epoch, record);
        _entries.Add(e);
        Image.Apply(e);
    }

    /// <summary>Queues a record behind the earlier proposals and applies it to the image; returns its entry.</summary>
    public MetadataEntry Propose(int epoch, MetadataRecord record)
    {
        var entry = new MetadataEntry(_entries.Count + _proposed.Count, epoch, record);
        _proposed.Add(entry);
        Image.Apply(entry);
        return entry;
    }

    /// <summary>Appends every proposed record, in order.</summary>
    public void AppendProposed()
    {
        _entries.AddRange(_proposed);
        _proposed.Clear();
    }

    /// <summary>Forgets the proposed records (leadership was lost) and rebuilds the image without them.</summary>
    public void DropProposed()
    {
        if (_proposed.Count == 0) return;
        _proposed.Clear();
        Image.Rebuild(_entries);
    }

    /// <summary>Appends an entry fetched from the leader if it is the next one; false when it is not.</summary>
    public bool TryAppendFetched(MetadataEntry entry)
    {
        if (entry.Offset != _entries.Count) return false;
        _entries.Add(entry);
        Image.Apply(entry);
        return true;
    }

    /// <summary>Removes every record from <paramref name="offset"/> on and rebuilds the image.</summary>
    public void TruncateTo(long offset)
    {
        _entries.RemoveRange((int)offset, _entries.Count - (int)offset);
        Image.Rebuild(_entries);
    }

    public void RebuildImage() => Image.Rebuild(_entries);

    /// <summary>
    /// The largest epoch not above <paramref name="epoch"/> and the offset just past its last record
    /// (KIP-595's diverging-epoch check); (0, 0) when the log holds no such epoch.
    /// </summary>
    public (int Epoch, long End) EndOffsetForEpoch(int epoch)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Epoch <= epoch) return (_entries[i].Epoch, i + 1);
        }
        return (0, 0);
    }

    /// <summary>The records from <paramref name="from"/> up to <paramref name="to"/>, at most 512 per fetch response.</summary>
    public List<MetadataEntry> Slice(long from, long to)
    {
        int n = (int)Math.Min(to - from, 512);
        return _entries.GetRange((int)from, n);
    }
}
