namespace Sim.Kafka.Log;

/// <summary>
/// The payloads of a log's detailed batches (committed offsets on internal topics), by base offset, oldest first, held
/// beside the batch ring so the ring stores no references (<see cref="StoredBatch"/>). Every entry is the payload of a
/// batch the ring holds: appends add at the end, truncation removes from the end, and batches leaving the ring at its
/// head take theirs along. A data log never has one, and costs one null check per read.
/// </summary>
internal struct LogPayloads
{
    private List<(long Offset, object Payload)>? _items;
    private int _head;

    public readonly bool Any => _items is not null && _items.Count > _head;

    public void Add(long offset, object payload) => (_items ??= []).Add((offset, payload));

    /// <summary>The payload of the batch starting at <paramref name="baseOffset"/>, or null.</summary>
    public readonly object? At(long baseOffset)
    {
        if (!Any) return null;
        int lo = _head, hi = _items!.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            long o = _items[mid].Offset;
            if (o == baseOffset) return _items[mid].Payload;
            if (o < baseOffset) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }

    /// <summary>
    /// For a walk over batches in offset order: the payload of the batch at <paramref name="baseOffset"/>, with
    /// <paramref name="cursor"/> (0 at the walk's start) moved past the entries below it, so a walk costs one pass.
    /// </summary>
    public readonly object? Next(ref int cursor, long baseOffset)
    {
        if (_items is null) return null;
        int i = Math.Max(cursor, _head);
        while (i < _items.Count && _items[i].Offset < baseOffset) i++;
        cursor = i;
        return i < _items.Count && _items[i].Offset == baseOffset ? _items[i].Payload : null;
    }

    /// <summary>Sets the payload of each batch in <paramref name="batches"/> (in offset order) from <paramref name="from"/> on.</summary>
    public readonly void Fill(List<RecordBatch> batches, int from)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches);
        int cursor = 0;
        for (int i = from; i < span.Length; i++) span[i].Payload = Next(ref cursor, span[i].BaseOffset);
    }

    /// <summary>Drops the payloads of batches starting at or above <paramref name="offset"/> (truncation).</summary>
    public void RemoveFrom(long offset)
    {
        while (Any && _items![^1].Offset >= offset) _items.RemoveAt(_items.Count - 1);
    }

    /// <summary>Drops the payloads of batches starting below <paramref name="offset"/> (batches gone from the ring's head).</summary>
    public void RemoveBelow(long offset)
    {
        while (Any && _items![_head].Offset < offset) _items[_head++] = default;
        if (_items is not null && _head > 64 && _head > _items.Count / 2)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }
    }

    public void Clear()
    {
        _items = null;
        _head = 0;
    }
}
