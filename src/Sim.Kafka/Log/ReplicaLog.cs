using Sim.Core.Time;
using Sim.Kafka.Config;

namespace Sim.Kafka.Log;

/// <summary>
/// One replica's log of one partition: offsets, the log end offset (LEO), the high watermark (HW) and
/// the leader epoch cache. Recent data is held batch by batch; data older than the detail window is
/// coalesced into <see cref="LogRun"/>s, so memory is bounded by time and partitions, not by records.
/// Segments (<see cref="LogSegments"/>) cut the same offsets by size and age for rolling and retention.
/// </summary>
/// <remarks>
/// Invariants: batches and runs are contiguous and ordered (runs first, then batches); the epoch cache
/// is ordered by epoch and by start offset and agrees with the epochs of the data; HW &lt;= LEO.
/// </remarks>
public sealed partial class ReplicaLog(LogConfig config)
{
    public ReplicaLog() : this(new LogConfig()) { }

    private readonly LogRuns _runs = new();
    private BatchRing _batches = new();
    private LogPayloads _payloads;
    private readonly List<EpochEntry> _epochs = [];

    public long LogStartOffset { get; private set; }
    public long LogEndOffset { get; private set; }
    public long HighWatermark { get; private set; }

    /// <summary>The log's segment and retention settings; a dynamic topic config change replaces them (UnifiedLog.updateConfig).</summary>
    public LogConfig Config { get => _config; set => Segments.UseLimits(_config = value); }

    private LogConfig _config = config;
    private LogSegments _segments = new(config);

    /// <summary>The log's segments: its size on disk, what is closed and what retention may delete.</summary>
    public ref LogSegments Segments => ref _segments;

    /// <summary>The epoch cache, oldest first.</summary>
    public IReadOnlyList<EpochEntry> Epochs => _epochs;

    // Read on every append and fetch: kept beside the log end rather than behind the epoch list (two cache misses
    // per read with many logs). Set again wherever the list changes at its end.
    public int LatestEpoch { get; private set; } = -1;

    private void EpochsChanged() => LatestEpoch = _epochs.Count == 0 ? -1 : _epochs[^1].Epoch;

    /// <summary>Batches held in detail (the recent part of the log).</summary>
    public int BatchCount => _batches.Count;

    /// <summary>How many detailed batches the log has room for before it must grow its storage.</summary>
    public int DetailedCapacity => _batches.Capacity;

    public int RunCount => _runs.Count;

    /// <summary>Appends a batch at the log end; the batch's base offset must equal the LEO.</summary>
    public void Append(in RecordBatch batch)
    {
        if (batch.BaseOffset != LogEndOffset)
            throw new InvalidOperationException($"append at {batch.BaseOffset} but the log ends at {LogEndOffset}");
        if (batch.Count <= 0) throw new InvalidOperationException("a batch holds at least one record");
        if (batch.LeaderEpoch > LatestEpoch)
        {
            _epochs.Add(new EpochEntry(batch.LeaderEpoch, batch.BaseOffset));
            LatestEpoch = batch.LeaderEpoch;
        }
        else if (batch.LeaderEpoch < LatestEpoch)
            throw new InvalidOperationException($"append of epoch {batch.LeaderEpoch} at offset {batch.BaseOffset} after epoch {LatestEpoch} (epoch cache {string.Join(", ", _epochs)}; LEO {LogEndOffset})");
        Segments.Append(batch);
        _batches.Add(StoredBatch.From(batch));
        if (batch.Payload is { } payload) _payloads.Add(batch.BaseOffset, payload);
        LogEndOffset = batch.NextOffset;
    }

    /// <summary>
    /// Records that a new leader epoch starts at the current LEO, as a replica does when it becomes leader,
    /// so the epoch cache answers for the new epoch before anything is written in it.
    /// </summary>
    public void StartEpoch(int epoch)
    {
        if (epoch <= LatestEpoch) return;
        _epochs.Add(new EpochEntry(epoch, LogEndOffset));
        LatestEpoch = epoch;
    }

    /// <summary>Moves the high watermark; it never moves past the LEO and, on a leader, never back.</summary>
    public void SetHighWatermark(long hw) => HighWatermark = Math.Min(hw, LogEndOffset);

    /// <summary>
    /// Removes every offset at or above <paramref name="offset"/>: the batches, the runs, and the epoch
    /// cache entries that start there or later (even when no record is removed). Returns how many
    /// records were removed.
    /// </summary>
    public long TruncateTo(long offset)
    {
        if (offset >= LogEndOffset)
        {
            // No record goes, but an epoch started at the end and never written in does (truncateFromEnd
            // of Kafka's epoch cache): a replica demoted right after becoming leader must not keep it.
            while (_epochs.Count > 0 && _epochs[^1].StartOffset >= offset && offset == LogEndOffset) _epochs.RemoveAt(_epochs.Count - 1);
            EpochsChanged();
            return 0;
        }
        offset = Math.Max(offset, LogStartOffset);
        long removed = LogEndOffset - offset, removedBytes = 0;
        while (BatchCount > 0 && _batches.Last.BaseOffset >= offset)
        {
            removedBytes += _batches.Last.Bytes;
            _batches.RemoveLast();
        }
        _payloads.RemoveFrom(offset);
        if (BatchCount > 0 && _batches.Last.NextOffset > offset)
        {
            // Truncation inside a batch (only after an unclean election onto an odd boundary): keep the front.
            ref var b = ref _batches.Last;
            long keep = offset - b.BaseOffset;
            int bytes = (int)(b.Bytes * keep / b.Count);
            removedBytes += b.Bytes - bytes;
            b.Bytes = bytes;
            b.Count = (int)keep;
        }
        if (BatchCount == 0)
        {
            while (_runs.Count > 0 && _runs.BaseOffsetAt(_runs.Count - 1) >= offset)
            {
                removedBytes += _runs[_runs.Count - 1].Bytes;
                _runs.RemoveLast();
            }
            if (_runs.Count > 0 && _runs.NextOffsetAt(_runs.Count - 1) > offset)
            {
                var r = _runs[_runs.Count - 1];
                long bytes = r.Bytes * (offset - r.BaseOffset) / r.Count;
                removedBytes += r.Bytes - bytes;
                r.Bytes = bytes;
                r.NextOffset = offset;
                _runs.Set(_runs.Count - 1, r);
            }
        }
        Segments.TruncateTo(offset, removedBytes);
        while (_epochs.Count > 0 && _epochs[^1].StartOffset >= offset) _epochs.RemoveAt(_epochs.Count - 1);
        EpochsChanged();
        LogEndOffset = offset;
        if (HighWatermark > offset) HighWatermark = offset;
        return removed;
    }

    /// <summary>
    /// Deletes the whole log and starts it empty at <paramref name="offset"/>, epoch cache included
    /// (UnifiedLog.truncateFullyAndStartAt): a follower does this when the leader no longer holds what it would fetch
    /// next. Returns the records removed.
    /// </summary>
    public long TruncateFullyAndStartAt(long offset)
    {
        long removed = LogEndOffset - LogStartOffset;
        _batches.Clear();
        _payloads.Clear();
        _runs.Clear();
        _epochs.Clear();
        EpochsChanged();
        Segments.Reset(offset);
        LogStartOffset = LogEndOffset = HighWatermark = offset;
        return removed;
    }

    /// <summary>
    /// The leader epoch cache lookup of KIP-101/KIP-279 (OffsetsForLeaderEpoch): the largest epoch at or
    /// below <paramref name="epoch"/> this log knows, and the offset where that epoch ends (the start of
    /// the next epoch, or the LEO for the latest); for an epoch older than every one the cache still knows, that epoch
    /// and the start of the first known one; (-1, -1) when the cache is empty.
    /// </summary>
    public (int Epoch, long EndOffset) EndOffsetForEpoch(int epoch)
    {
        for (int i = _epochs.Count - 1; i >= 0; i--)
        {
            if (_epochs[i].Epoch > epoch) continue;
            long end = i == _epochs.Count - 1 ? LogEndOffset : _epochs[i + 1].StartOffset;
            return (_epochs[i].Epoch, end);
        }
        // Older than every epoch the cache still knows (retention deleted them): the requested epoch ends where the
        // first known one starts, so a follower resumes from there (LeaderEpochFileCache.endOffsetFor, floorEntry null).
        return _epochs.Count > 0 && epoch >= 0 ? (epoch, _epochs[0].StartOffset) : (-1, -1);
    }

    /// <summary>The leader epoch of the record at <paramref name="offset"/>, or -1 if the log does not hold it.</summary>
    public int EpochAt(long offset)
    {
        if (offset < LogStartOffset || offset >= LogEndOffset) return -1;
        for (int i = _epochs.Count - 1; i >= 0; i--)
        {
            if (_epochs[i].StartOffset <= offset) return _epochs[i].Epoch;
        }
        return -1;
    }

    /// <summary>
    /// Copies the data from <paramref name="fromOffset"/> up to <paramref name="limitOffset"/> into
    /// <paramref name="into"/>, at most <paramref name="maxBytes"/> but always at least one batch (as Kafka
    /// returns an oversized first batch rather than nothing). Data held only as runs comes back as
    /// synthetic batches with no producer identity, create times interpolated along the run.
    /// </summary>
    public int Read(long fromOffset, long limitOffset, int maxBytes, List<RecordBatch> into)
    {
        int bytes = 0;
        long pos = Math.Max(fromOffset, LogStartOffset);
        limitOffset = Math.Min(limitOffset, LogEndOffset);
        // Runs accumulate with time; most reads are at the log's end, past all of them: a position at or past the first
        // detailed batch skips them without reaching into the runs' storage (a cache miss per read with many logs).
        // Otherwise the first run still ahead of the position is found by binary search.
        int firstRun = BatchCount > 0 && pos >= _batches[0].BaseOffset ? _runs.Count : FirstRunEndingAfter(pos);
        for (int ri = firstRun; ri < _runs.Count; ri++)
        {
            if (pos >= limitOffset || (bytes > 0 && bytes >= maxBytes)) return bytes;
            var r = _runs[ri];
            if (r.NextOffset <= pos) continue;
            if (r.BaseOffset > pos) return bytes;
            long end = Math.Min(r.NextOffset, limitOffset);
            // Runs are cut into pieces of about the size budget so a reader far behind still gets paced.
            long perRecord = Math.Max(1, r.Bytes / Math.Max(1, r.Count));
            long room = Math.Max(1, (maxBytes - bytes) / perRecord);
            end = Math.Min(end, pos + room);
            int b = (int)Math.Min(int.MaxValue, perRecord * (end - pos));
            into.Add(new RecordBatch
            {
                BaseOffset = pos, Count = (int)(end - pos), Bytes = b, LeaderEpoch = r.LeaderEpoch, ProducerId = -1,
                CreateTime = Interpolate(r, end - 1), AppendTime = Interpolate(r, end - 1), ClientBatchId = -1,
                Origin = r.Origin.Advance(pos - r.BaseOffset),
            });
            bytes += b;
            pos = end;
            // A piece that stops inside its run used up the budget: the next run must not be read from
            // here, or the rest of this run would go out under the next run's epoch.
            if (pos < r.NextOffset) return bytes;
        }
        // The batches that fit are counted first and copied in one go: the list grows at most once (to what it holds
        // plus them) rather than doubling from its first few slots, each step leaving an array behind.
        int first = FindBatch(pos), stop = first;
        for (; stop < _batches.Count; stop++)
        {
            if (pos >= limitOffset || (bytes > 0 && bytes >= maxBytes)) break;
            ref readonly var batch = ref _batches[stop];
            if (batch.NextOffset > limitOffset) break;
            bytes += batch.Bytes;
            pos = batch.NextOffset;
        }
        if (stop == first) return bytes;
        int held = into.Count;
        _batches.AppendTo(into, first, stop - first);
        if (_payloads.Any) _payloads.Fill(into, held);
        return bytes;
    }

    /// <summary>
    /// When the record at <paramref name="offset"/> was appended to this replica, or null when the log does not
    /// hold it. Data held only as runs no longer keeps append times; there the record's create time
    /// (interpolated along the run, as <see cref="Read"/> does) stands in for it.
    /// </summary>
    public SimTime? AppendTimeAt(long offset)
    {
        if (offset < LogStartOffset || offset >= LogEndOffset) return null;
        int i = FindBatch(offset);
        if (i < _batches.Count && _batches[i].BaseOffset <= offset) return _batches[i].AppendTime;
        int r = FirstRunEndingAfter(offset);
        return r < _runs.Count && _runs.BaseOffsetAt(r) <= offset ? Interpolate(_runs[r], offset) : null;
    }

    private int FirstRunEndingAfter(long offset)
    {
        // Most reads are at or near the log end, past every run.
        if (_runs.Count == 0 || _runs.NextOffsetAt(_runs.Count - 1) <= offset) return _runs.Count;
        int lo = 0, hi = _runs.Count - 1, found = _runs.Count;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (_runs.NextOffsetAt(mid) > offset) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return found;
    }

    private static SimTime Interpolate(in LogRun r, long offset)
    {
        if (r.Count <= 1) return r.LastCreateTime;
        double f = (offset - r.BaseOffset) / (double)(r.Count - 1);
        return new SimTime(r.FirstCreateTime.Nanoseconds + (long)((r.LastCreateTime - r.FirstCreateTime).Nanoseconds * f));
    }

    /// <summary>The first detailed batch ending after <paramref name="offset"/>, or the batch count when there is none.</summary>
    private int FindBatch(long offset)
    {
        ref var batches = ref _batches;
        int end = batches.Count;
        if (end == 0 || batches[end - 1].NextOffset <= offset) return end;
        // Most reads are of the last few batches: the range searched doubles back from the end, touching few batches.
        int lo = 0, hi = end - 1;
        for (int step = 1; hi - step >= lo; step <<= 1)
        {
            // Batches below lo end at or before the offset; the one at hi ends after it.
            if (batches[hi - step].NextOffset <= offset) { lo = hi - step + 1; break; }
            hi -= step;
        }
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (batches[mid].NextOffset > offset) hi = mid;
            else lo = mid + 1;
        }
        return hi;
    }

    /// <summary>
    /// The first offset appended after <paramref name="time"/> (the log end if none): where a power loss
    /// cuts the log when everything appended since then was still in the page cache. Within a run, whose
    /// batches are no longer told apart, the whole run counts as appended when its last batch was.
    /// </summary>
    public long FirstOffsetAppendedAfter(SimTime time)
    {
        for (int i = 0; i < _batches.Count; i++)
        {
            if (_batches[i].AppendTime > time)
            {
                long cut = _batches[i].BaseOffset;
                // Earlier runs may also reach past the time (a run spans up to a second).
                for (int r = _runs.Count - 1; r >= 0 && _runs.LastAppendAt(r) > time; r--) cut = _runs.BaseOffsetAt(r);
                return cut;
            }
        }
        long end = LogEndOffset;
        for (int r = _runs.Count - 1; r >= 0 && _runs.LastAppendAt(r) > time; r--) end = _runs.BaseOffsetAt(r);
        return end;
    }

    /// <summary>
    /// Deletes the closed segments past retention at <paramref name="now"/>, never above the high watermark. A
    /// tiered log (<paramref name="uploadedOffset"/> given: the offset below which the remote tier holds every
    /// record, KIP-405) keeps to the local retention and deletes only what has been uploaded. The log start
    /// offset moves to the first segment kept. Returns the segments deleted.
    /// </summary>
    public int DeleteOldSegments(SimTime now, long? uploadedOffset = null)
    {
        bool tiered = uploadedOffset is not null;
        long cut = Segments.RetentionCut(now, Config.LocalRetention(tiered), Config.LocalRetentionSize(tiered), HighWatermark, LogEndOffset,
            uploadedOffset ?? long.MaxValue);
        if (cut <= LogStartOffset) return 0;
        int deleted = Segments.DeleteBelow(cut);
        RemoveBelow(cut);
        return deleted;
    }

    /// <summary>Drops the runs and batches below <paramref name="start"/> and moves the log start offset there.</summary>
    private void RemoveBelow(long start)
    {
        int n = 0;
        while (n < _runs.Count && _runs.NextOffsetAt(n) <= start) n++;
        _runs.RemoveFirst(n);
        if (_runs.Count > 0 && _runs.BaseOffsetAt(0) < start)
        {
            // A run coalesces batches across segment boundaries: the part in a deleted segment goes.
            var r = _runs[0];
            r.Bytes -= r.Bytes * (start - r.BaseOffset) / r.Count;
            r.FirstCreateTime = Interpolate(r, start);
            r.Origin = r.Origin.Advance(start - r.BaseOffset);
            r.BaseOffset = start;
            _runs.Set(0, r);
        }
        while (_batches.Count > 0 && _batches[0].NextOffset <= start) _batches.RemoveFirst();
        _payloads.RemoveBelow(_batches.Count > 0 ? _batches[0].BaseOffset : LogEndOffset);
        LogStartOffset = start;
        if (HighWatermark < start) HighWatermark = start;
        // Epochs wholly before the new start are forgotten; the one the start falls in stays, starting at the new start
        // (LeaderEpochFileCache.truncateFromStart).
        while (_epochs.Count > 1 && _epochs[1].StartOffset <= start) _epochs.RemoveAt(0);
        if (_epochs.Count > 0 && _epochs[0].StartOffset < start) _epochs[0] = new EpochEntry(_epochs[0].Epoch, start);
        EpochsChanged();
    }
}
