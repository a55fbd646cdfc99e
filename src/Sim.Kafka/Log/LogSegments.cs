using Sim.Core.Time;
using Sim.Kafka.Config;

namespace Sim.Kafka.Log;

/// <summary>
/// The segments of one replica's log, oldest first, the last one active. A segment rolls, before an append,
/// when the append would take it past <c>segment.bytes</c> or when <c>segment.ms</c> has passed since its first
/// batch (LogSegment.shouldRoll, UnifiedLog.maybeRoll; the roll jitter is left out). Retention deletes whole
/// segments from the oldest on (UnifiedLog.deleteRetentionMsBreachedSegments and
/// deleteRetentionSizeBreachedSegments): only segments wholly below the high watermark, and when every
/// segment goes, an empty active segment is rolled first, so a log always has one. Segment timestamps and the
/// retention check's time are on the run's horizon clock (<see cref="Clock"/>), so a hybrid run's logs age through the
/// spans it skips as Kafka's would through the same days.
/// </summary>
/// <remarks>
/// Invariants: at least one segment; base offsets increase; the bytes add up to the log's size. The active segment is
/// held inline and the closed ones in a list made only when the first rolls, so an append, which touches only the
/// active segment, reads nothing beyond its log (a mutable struct kept as a field of its <see cref="ReplicaLog"/> and
/// reached by reference; with many partitions a separate object, list and array would be three more cache misses per append).
/// </remarks>
public struct LogSegments
{
    // Closed segments, oldest first from _head; null until the first roll.
    private List<LogSegment>? _closed;
    private int _head;
    private LogSegment _active;
    private long _segmentBytes;
    private SimDuration _segmentMs;

    public LogSegments(LogConfig config) => UseLimits(config);

    private readonly int ClosedCount => _closed is null ? 0 : _closed.Count - _head;

    /// <summary>Segments now on disk, the active one included.</summary>
    public readonly int Count => ClosedCount + 1;

    /// <summary>Bytes of every segment together: the log's size on disk.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Segments rolled so far (closed ones, deleted or not).</summary>
    public long Rolled { get; private set; }

    public readonly LogSegment this[int i]
    {
        get
        {
            int closed = ClosedCount;
            if ((uint)i > (uint)closed) throw new ArgumentOutOfRangeException(nameof(i));
            return i == closed ? _active : _closed![_head + i];
        }
    }

    /// <summary>
    /// The run's horizon clock (<see cref="HorizonClock"/>) the segments age by: batch times, which are kernel times, reach
    /// it before they are compared with <c>segment.ms</c> or kept for <c>retention.ms</c>; null: the kernel's clock.
    /// </summary>
    public HorizonClock? Clock { get; set; }

    private readonly SimTime OnHorizon(SimTime t) => Clock is { } c ? c.ToHorizon(t) : t;

    /// <summary>The active segment's base offset: every offset below it is in a closed segment.</summary>
    public readonly long ActiveBaseOffset => _active.BaseOffset;

    /// <summary>Takes the roll limits (<c>segment.bytes</c>, <c>segment.ms</c>) of the log's config, set again when it changes.</summary>
    public void UseLimits(LogConfig config)
    {
        _segmentBytes = config.SegmentBytes;
        _segmentMs = config.SegmentMs;
    }

    /// <summary>Rolls if the batch would not fit or the active segment is old enough, then counts the batch in the active segment.</summary>
    public void Append(in RecordBatch batch)
    {
        if (_active.Bytes > 0)
        {
            bool full = _active.Bytes > _segmentBytes - batch.Bytes;
            if (full || OnHorizon(batch.AppendTime) - _active.RollingBasedTimestamp > _segmentMs) Roll(batch.BaseOffset);
        }
        var created = OnHorizon(batch.CreateTime);
        if (_active.Bytes == 0) _active.RollingBasedTimestamp = created;
        _active.Bytes += batch.Bytes;
        if (created > _active.LargestTimestamp) _active.LargestTimestamp = created;
        SizeBytes += batch.Bytes;
    }

    /// <summary>Closes the active segment and opens an empty one at <paramref name="offset"/>.</summary>
    public void Roll(long offset)
    {
        (_closed ??= []).Add(_active);
        _active = new LogSegment { BaseOffset = offset };
        Rolled++;
    }

    /// <summary>Deletes every segment and starts the log afresh with one empty active segment at <paramref name="offset"/>.</summary>
    public void Reset(long offset)
    {
        _closed?.Clear();
        _head = 0;
        _active = new LogSegment { BaseOffset = offset };
        SizeBytes = 0;
    }

    /// <summary>Removes offsets at and above <paramref name="offset"/>, which took <paramref name="removedBytes"/> with them.</summary>
    public void TruncateTo(long offset, long removedBytes)
    {
        while (ClosedCount > 0 && _active.BaseOffset >= offset)
        {
            removedBytes -= _active.Bytes;
            SizeBytes -= _active.Bytes;
            _active = _closed![^1];
            _closed.RemoveAt(_closed.Count - 1);
        }
        if (_active.BaseOffset >= offset)
        {
            SizeBytes -= _active.Bytes;
            _active = new LogSegment { BaseOffset = offset };
        }
        else
        {
            long cut = Math.Clamp(removedBytes, 0, _active.Bytes);
            _active.Bytes -= cut;
            SizeBytes -= cut;
        }
    }

    /// <summary>
    /// The offset the log should start at after retention at <paramref name="now"/> (on the horizon clock): past every deletable
    /// segment (UnifiedLog.deletableSegments), or -1 when none is. Size retention is applied first, then time, as
    /// UnifiedLog.deleteOldSegments does; a segment is deletable only if it lies wholly below
    /// <paramref name="highWatermark"/> and, with a remote tier, below <paramref name="uploadedOffset"/> (KIP-405:
    /// local segments go only once copied).
    /// </summary>
    public readonly long RetentionCut(SimTime now, SimDuration retentionMs, long retentionBytes, long highWatermark, long logEndOffset, long uploadedOffset)
    {
        int n = 0, count = Count;
        long diff = retentionBytes >= 0 ? SizeBytes - retentionBytes : -1;
        for (int i = 0; i < count; i++)
        {
            var s = this[i];
            long upper = i + 1 < count ? this[i + 1].BaseOffset : logEndOffset;
            bool lastAndEmpty = i + 1 == count && s.Bytes == 0;
            if (lastAndEmpty || highWatermark < upper || upper > uploadedOffset) break;
            bool bySize = diff >= 0 && diff - s.Bytes >= 0;
            bool byTime = retentionMs != SimDuration.MaxValue && now - s.LargestTimestamp > retentionMs;
            if (!bySize && !byTime) break;
            if (bySize) diff -= s.Bytes;
            n++;
        }
        if (n == 0) return -1;
        return n < count ? this[n].BaseOffset : logEndOffset;
    }

    /// <summary>Deletes the segments wholly below <paramref name="newStart"/>, rolling an empty active segment first if every one goes.</summary>
    public int DeleteBelow(long newStart)
    {
        if (_active.BaseOffset < newStart) Roll(newStart);
        int deleted = 0;
        while (ClosedCount > 0 && this[1].BaseOffset <= newStart)
        {
            SizeBytes -= _closed![_head].Bytes;
            _closed[_head++] = default;
            deleted++;
        }
        if (_head > 64 && _head > _closed!.Count / 2)
        {
            _closed.RemoveRange(0, _head);
            _head = 0;
        }
        return deleted;
    }
}
