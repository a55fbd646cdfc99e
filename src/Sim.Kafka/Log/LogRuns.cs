using System.Runtime.InteropServices;
using Sim.Core.Time;

namespace Sim.Kafka.Log;

/// <summary>
/// A log's coalesced runs, oldest first, stored without what can be derived: a run's base offset is the previous
/// run's next offset (the first run's is kept once), and mirror origins live in a side array allocated only for the
/// part of a log that has one. Runs sit in fixed-size chunks (the first one grows up to the chunk size, so a short
/// log holds a small array), so storage never doubles and copies and the slack is at most one chunk per log.
/// Deleting the oldest runs (retention) moves a head index and frees chunks wholly passed.
/// </summary>
internal sealed class LogRuns
{
    private const int ChunkBits = 8;
    private const int ChunkSize = 1 << ChunkBits;
    private const int Mask = ChunkSize - 1;

    /// <summary>A run as stored: 44 bytes, against 72 for a <see cref="LogRun"/> with its base offset and origin.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public long NextOffset;
        public long Bytes;
        public long FirstCreate;
        public long LastCreate;
        public long LastAppend;
        public int LeaderEpoch;
    }

    private readonly List<Slot[]> _chunks = [];
    // The origins of each chunk's runs, null for a chunk where none is set (data produced to this log).
    private readonly List<RecordOrigin[]?> _origins = [];
    private int _head;
    private long _firstBase;

    public int Count { get; private set; }

    private ref Slot SlotAt(int i)
    {
        int p = _head + i;
        return ref _chunks[p >> ChunkBits][p & Mask];
    }

    public long NextOffsetAt(int i) => SlotAt(i).NextOffset;

    public long BaseOffsetAt(int i) => i == 0 ? _firstBase : SlotAt(i - 1).NextOffset;

    public SimTime LastAppendAt(int i) => new(SlotAt(i).LastAppend);

    public LogRun this[int i]
    {
        get
        {
            ref var s = ref SlotAt(i);
            int p = _head + i;
            return new LogRun
            {
                BaseOffset = BaseOffsetAt(i), NextOffset = s.NextOffset, Bytes = s.Bytes, LeaderEpoch = s.LeaderEpoch,
                FirstCreateTime = new SimTime(s.FirstCreate), LastCreateTime = new SimTime(s.LastCreate),
                LastAppendTime = new SimTime(s.LastAppend), Origin = _origins[p >> ChunkBits]?[p & Mask] ?? default,
            };
        }
    }

    /// <summary>Replaces the first or the last run; its base offset may move only for the first (retention cuts into it).</summary>
    public void Set(int i, in LogRun run)
    {
        if (i == 0) _firstBase = run.BaseOffset;
        else if (run.BaseOffset != BaseOffsetAt(i)) throw new InvalidOperationException($"run {i} cannot move its base offset to {run.BaseOffset}");
        Write(i, run);
    }

    /// <summary>Appends a run; it must start where the last one ends.</summary>
    public void Add(in LogRun run)
    {
        if (Count == 0) _firstBase = run.BaseOffset;
        else if (run.BaseOffset != SlotAt(Count - 1).NextOffset)
            throw new InvalidOperationException($"run at {run.BaseOffset} after runs ending at {SlotAt(Count - 1).NextOffset}");
        int p = _head + Count;
        if (p >> ChunkBits == _chunks.Count)
        {
            _chunks.Add(new Slot[_chunks.Count == 0 ? 4 : ChunkSize]);
            _origins.Add(null);
        }
        else if ((p & Mask) >= _chunks[^1].Length) p = GrowFirstChunk();
        Count++;
        Write(Count - 1, run);
    }

    /// <summary>The only chunk is full below the chunk size: drop its deleted prefix if that frees half, else double it.</summary>
    private int GrowFirstChunk()
    {
        var chunk = _chunks[0];
        var origins = _origins[0];
        if (_head >= chunk.Length / 2)
        {
            Array.Copy(chunk, _head, chunk, 0, Count);
            if (origins is not null) Array.Copy(origins, _head, origins, 0, Count);
        }
        else
        {
            var grown = new Slot[Math.Min(ChunkSize, 2 * chunk.Length)];
            Array.Copy(chunk, _head, grown, 0, Count);
            _chunks[0] = grown;
            if (origins is not null)
            {
                var o = new RecordOrigin[grown.Length];
                Array.Copy(origins, _head, o, 0, Count);
                _origins[0] = o;
            }
        }
        _head = 0;
        return Count;
    }

    private void Write(int i, in LogRun run)
    {
        ref var s = ref SlotAt(i);
        s.NextOffset = run.NextOffset;
        s.Bytes = run.Bytes;
        s.FirstCreate = run.FirstCreateTime.Nanoseconds;
        s.LastCreate = run.LastCreateTime.Nanoseconds;
        s.LastAppend = run.LastAppendTime.Nanoseconds;
        s.LeaderEpoch = run.LeaderEpoch;
        int p = _head + i, c = p >> ChunkBits;
        if (_origins[c] is { } origins) origins[p & Mask] = run.Origin;
        else if (run.Origin.IsSet) (_origins[c] = new RecordOrigin[_chunks[c].Length])[p & Mask] = run.Origin;
    }

    /// <summary>
    /// Extends the last run by a batch that continues it (same epoch, next offset, origin continued) and was created
    /// less than <paramref name="maxRunSpan"/> after the run's first record; false when it does not.
    /// </summary>
    public bool TryExtendLast(in StoredBatch b, SimDuration maxRunSpan)
    {
        if (Count == 0) return false;
        ref var s = ref SlotAt(Count - 1);
        if (s.LeaderEpoch != b.LeaderEpoch || s.NextOffset != b.BaseOffset || b.CreateTime.Nanoseconds - s.FirstCreate >= maxRunSpan.Nanoseconds)
            return false;
        int p = _head + Count - 1;
        var origin = _origins[p >> ChunkBits]?[p & Mask] ?? default;
        if (!origin.IsContinuedBy(b.Origin, s.NextOffset - BaseOffsetAt(Count - 1))) return false;
        s.NextOffset = b.NextOffset;
        s.Bytes += b.Bytes;
        s.LastCreate = b.CreateTime.Nanoseconds;
        s.LastAppend = b.AppendTime.Nanoseconds;
        return true;
    }

    /// <summary>Removes the newest run (truncation).</summary>
    public void RemoveLast()
    {
        Count--;
        if (Count == 0) Clear();
        else TrimTail();
    }

    /// <summary>Removes the <paramref name="n"/> oldest runs (retention); the next one's base offset is kept.</summary>
    public void RemoveFirst(int n)
    {
        if (n <= 0) return;
        if (n >= Count)
        {
            Clear();
            return;
        }
        _firstBase = SlotAt(n - 1).NextOffset;
        _head += n;
        Count -= n;
        int passed = _head >> ChunkBits;
        if (passed == 0) return;
        _chunks.RemoveRange(0, passed);
        _origins.RemoveRange(0, passed);
        _head &= Mask;
    }

    // Frees chunks past the last run, keeping the first.
    private void TrimTail()
    {
        int used = ((_head + Count + Mask) >> ChunkBits);
        if (used < _chunks.Count)
        {
            _chunks.RemoveRange(used, _chunks.Count - used);
            _origins.RemoveRange(used, _origins.Count - used);
        }
    }

    /// <summary>Removes every run and gives their storage back.</summary>
    public void Clear()
    {
        _chunks.Clear();
        _origins.Clear();
        _head = 0;
        Count = 0;
    }
}
