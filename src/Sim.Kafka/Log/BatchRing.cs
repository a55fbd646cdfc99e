namespace Sim.Kafka.Log;

/// <summary>
/// A log's detailed batches, oldest first, in a ring: appends go at the tail, archiving and retention take from the
/// head, truncation from the tail, and nothing is moved when the head advances. The array is a power of two long and
/// grows only when the batches held outgrow it, so a log in steady state (as many batches archived per second as
/// appended) never allocates, and holds room for about its detail window rather than twice it (a list compacted at
/// half its length peaked at twice the live batches and grew whenever a burst pushed that past its capacity).
/// A mutable struct kept as a field of its <see cref="ReplicaLog"/>: one object less to reach per append.
/// </summary>
internal struct BatchRing
{
    private RecordBatch[] _items;
    private int _head;

    public BatchRing() => _items = [];

    public int Count { get; private set; }

    public readonly int Capacity => _items.Length;

    /// <summary>The <paramref name="i"/>-th batch from the oldest.</summary>
    public readonly ref RecordBatch this[int i] => ref _items[(_head + i) & (_items.Length - 1)];

    public readonly ref RecordBatch Last => ref this[Count - 1];

    public void Add(in RecordBatch batch)
    {
        if (Count == _items.Length) Resize(Math.Max(4, 2 * _items.Length));
        _items[(_head + Count) & (_items.Length - 1)] = batch;
        Count++;
    }

    /// <summary>Removes the oldest batch (clearing its slot, which may hold a payload).</summary>
    public void RemoveFirst()
    {
        _items[_head] = default;
        _head = (_head + 1) & (_items.Length - 1);
        Count--;
    }

    /// <summary>Removes the newest batch.</summary>
    public void RemoveLast()
    {
        Last = default;
        Count--;
    }

    /// <summary>Removes every batch; with <paramref name="release"/> the array goes too.</summary>
    public void Clear(bool release)
    {
        if (release) _items = [];
        else Array.Clear(_items);
        _head = 0;
        Count = 0;
    }

    /// <summary>
    /// Gives back room once the batches held are an eighth of it or less (a follower that caught up on a whole log
    /// archived it): the array shrinks to twice what is held, never below 64 slots.
    /// </summary>
    public void TrimExcess()
    {
        if (_items.Length <= 64 || 8 * Count > _items.Length) return;
        int size = 64;
        while (size < 2 * Count) size <<= 1;
        Resize(size);
    }

    private void Resize(int size)
    {
        var grown = new RecordBatch[size];
        for (int i = 0; i < Count; i++) grown[i] = this[i];
        _items = grown;
        _head = 0;
    }
}
