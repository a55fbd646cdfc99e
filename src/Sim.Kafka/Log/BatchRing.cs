namespace Sim.Kafka.Log;

/// <summary>
/// A log's detailed batches, oldest first, in a ring: appends go at the tail, archiving and retention take from the
/// head, truncation from the tail, and nothing is moved when the head advances. Up to <see cref="ChunkSize"/> batches
/// the ring is one array, a power of two long, that grows only when the batches held outgrow it, so a log in steady
/// state (as many batches archived per second as appended) never allocates. Past that the ring is a queue of chunks of
/// <see cref="ChunkSize"/> batches each: a full tail takes one more chunk, and chunks emptied at the head by archiving
/// wait behind the tail (a few of them) to be taken again, so a log holding many batches (a busy partition's detail
/// window, an offsets partition whose commits are never archived) grows a chunk at a time, never copies what it holds,
/// allocates nothing in steady state, and never puts an array on the large-object heap (a doubled array of 2,048
/// batches or more would be, and every such array counts towards the budget that starts a background gen-2 collection).
/// A mutable struct kept as a field of its <see cref="ReplicaLog"/>: one object less to reach per append. Its batches
/// are <see cref="StoredBatch"/>es, which hold no references: the collector never scans the ring's arrays.
/// </summary>
internal struct BatchRing
{
    /// <summary>Batches per chunk: 256 of 72 bytes is 18,432 bytes, far under the runtime's 85,000-byte large-object threshold.</summary>
    public const int ChunkSize = 1 << ChunkBits;

    /// <summary>Emptied chunks kept for the tail to take again: archiving empties a second's worth at once, the tail fills them over the next.</summary>
    private const int MaxSpares = 4;

    /// <summary>
    /// Slots of the first array a log takes: a partition's detail window (five seconds of batches, archived each second)
    /// mostly holds a few dozen, and growing to that from four slots would allocate, and the collector copy as they
    /// survive, the 4-, 8- and 16-slot arrays on the way.
    /// </summary>
    private const int FirstSlots = 32;

    private const int ChunkBits = 8;
    private const int ChunkMask = ChunkSize - 1;

    // One array (_chunks null): a ring of a power-of-two length up to ChunkSize, the oldest batch at _head.
    private StoredBatch[] _items;
    // Chunked: a ring of chunk references (a power-of-two length) holding from _firstChunk the _chunkCount chunks in use,
    // then _spares emptied ones; the oldest batch is at _head in the first. Slots past the newest batch are cleared.
    private StoredBatch[][]? _chunks;
    private int _head, _firstChunk, _chunkCount, _spares;

    public BatchRing() => _items = [];

    public int Count { get; private set; }

    /// <summary>Batches the ring has room for before it must take more storage.</summary>
    public readonly int Capacity => _chunks is null ? _items.Length : (_chunkCount + _spares) * ChunkSize;

    /// <summary>The <paramref name="i"/>-th batch from the oldest.</summary>
    public readonly ref StoredBatch this[int i]
    {
        get
        {
            if (_chunks is null) return ref _items[(_head + i) & (_items.Length - 1)];
            int p = _head + i;
            return ref _chunks[(_firstChunk + (p >> ChunkBits)) & (_chunks.Length - 1)][p & ChunkMask];
        }
    }

    public readonly ref StoredBatch Last => ref this[Count - 1];

    /// <summary>
    /// Appends the <paramref name="count"/> batches from the <paramref name="first"/>-th to <paramref name="into"/> without
    /// payloads, growing it at most once.
    /// </summary>
    public readonly void AppendTo(List<RecordBatch> into, int first, int count)
    {
        int held = into.Count;
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(into, held + count);
        var copies = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(into).Slice(held, count);
        for (int i = 0; i < count; i++) copies[i] = this[first + i].ToBatch(null);
    }

    public void Add(in StoredBatch batch)
    {
        if (_chunks is null)
        {
            if (Count == _items.Length)
            {
                if (_items.Length < ChunkSize) Resize(Math.Max(FirstSlots, 2 * _items.Length));
                else ToChunks();
            }
        }
        if (_chunks is not null && (_head + Count) >> ChunkBits == _chunkCount) AddChunk();
        this[Count] = batch;
        Count++;
    }

    /// <summary>Removes the oldest batch.</summary>
    public void RemoveFirst()
    {
        Count--;
        if (_chunks is null)
        {
            _head = (_head + 1) & (_items.Length - 1);
            return;
        }
        if (++_head < ChunkSize) return;
        // The first chunk is empty: it goes behind the spares, or to the collector when there are enough.
        int mask = _chunks.Length - 1;
        var emptied = _chunks[_firstChunk];
        _chunks[_firstChunk] = null!;
        _firstChunk = (_firstChunk + 1) & mask;
        _chunkCount--;
        _head = 0;
        if (_spares < MaxSpares) _chunks[(_firstChunk + _chunkCount + _spares++) & mask] = emptied;
    }

    /// <summary>Removes the newest batch (a chunk it emptied stays held, for the appends that follow a truncation).</summary>
    public void RemoveLast() => Count--;

    /// <summary>Removes every batch and gives back the storage.</summary>
    public void Clear()
    {
        _items = [];
        _chunks = null;
        _head = _firstChunk = _chunkCount = _spares = 0;
        Count = 0;
    }

    /// <summary>
    /// Gives back room once the batches held are an eighth of it or less (a follower that caught up on a whole log
    /// archived it): the ring becomes one array of twice what is held, never below 64 slots.
    /// </summary>
    public void TrimExcess()
    {
        if (_chunks is not null)
        {
            if (8 * Count > ChunkSize) return;
        }
        else if (_items.Length <= 64 || 8 * Count > _items.Length) return;
        int size = 64;
        while (size < 2 * Count) size <<= 1;
        Resize(size);
    }

    /// <summary>Copies the batches, oldest first, into one array of <paramref name="size"/> slots (a power of two, at most a chunk).</summary>
    private void Resize(int size)
    {
        var grown = new StoredBatch[size];
        for (int i = 0; i < Count; i++) grown[i] = this[i];
        _items = grown;
        _chunks = null;
        _head = _firstChunk = _chunkCount = _spares = 0;
    }

    /// <summary>The one array is full at a chunk's size: turned in place so its oldest batch comes first, it becomes the first chunk.</summary>
    private void ToChunks()
    {
        var span = _items.AsSpan();
        span[.._head].Reverse();
        span[_head..].Reverse();
        span.Reverse();
        _chunks = new StoredBatch[4][];
        _chunks[0] = _items;
        _items = [];
        _chunkCount = 1;
        _firstChunk = _head = _spares = 0;
    }

    /// <summary>Takes one more chunk at the tail (a spare when there is one), doubling the ring of references when it is full.</summary>
    private void AddChunk()
    {
        var chunks = _chunks!;
        if (_spares > 0)
        {
            // The first spare already sits right after the chunks in use.
            _spares--;
            _chunkCount++;
            return;
        }
        if (_chunkCount == chunks.Length)
        {
            var grown = new StoredBatch[2 * chunks.Length][];
            for (int i = 0; i < _chunkCount; i++) grown[i] = chunks[(_firstChunk + i) & (chunks.Length - 1)];
            _chunks = chunks = grown;
            _firstChunk = 0;
        }
        chunks[(_firstChunk + _chunkCount) & (chunks.Length - 1)] = new StoredBatch[ChunkSize];
        _chunkCount++;
    }
}
