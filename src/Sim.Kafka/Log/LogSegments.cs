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
/// <remarks>Invariants: at least one segment; base offsets increase; the bytes add up to the log's size.</remarks>
public sealed class LogSegments
{
    private readonly List<LogSegment> _segments = [new LogSegment()];
    private int _head;

    /// <summary>Segments now on disk, the active one included.</summary>
    public int Count => _segments.Count - _head;

    /// <summary>Bytes of every segment together: the log's size on disk.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Segments rolled so far (closed ones, deleted or not).</summary>
    public long Rolled { get; private set; }

    public LogSegment this[int i] => _segments[_head + i];

    /// <summary>
    /// The run's horizon clock (<see cref="HorizonClock"/>) the segments age by: batch times, which are kernel times, reach
    /// it before they are compared with <c>segment.ms</c> or kept for <c>retention.ms</c>; null: the kernel's clock.
    /// </summary>
    public HorizonClock? Clock { get; set; }

    private SimTime OnHorizon(SimTime t) => Clock is { } c ? c.ToHorizon(t) : t;

    /// <summary>The active segment's base offset: every offset below it is in a closed segment.</summary>
    public long ActiveBaseOffset => _segments[^1].BaseOffset;

    /// <summary>Rolls if the batch would not fit or the active segment is old enough, then counts the batch in the active segment.</summary>
    public void Append(in RecordBatch batch, LogConfig config)
    {
        var active = _segments[^1];
        bool full = active.Bytes > config.SegmentBytes - batch.Bytes;
        bool old = active.Bytes > 0 && OnHorizon(batch.AppendTime) - active.RollingBasedTimestamp > config.SegmentMs;
        if (active.Bytes > 0 && (full || old)) Roll(batch.BaseOffset);
        var s = _segments[^1];
        var created = OnHorizon(batch.CreateTime);
        if (s.Bytes == 0) s.RollingBasedTimestamp = created;
        s.Bytes += batch.Bytes;
        if (created > s.LargestTimestamp) s.LargestTimestamp = created;
        _segments[^1] = s;
        SizeBytes += batch.Bytes;
    }

    /// <summary>Closes the active segment and opens an empty one at <paramref name="offset"/>.</summary>
    public void Roll(long offset)
    {
        _segments.Add(new LogSegment { BaseOffset = offset });
        Rolled++;
    }

    /// <summary>Deletes every segment and starts the log afresh with one empty active segment at <paramref name="offset"/>.</summary>
    public void Reset(long offset)
    {
        _segments.Clear();
        _head = 0;
        _segments.Add(new LogSegment { BaseOffset = offset });
        SizeBytes = 0;
    }

    /// <summary>Removes offsets at and above <paramref name="offset"/>, which took <paramref name="removedBytes"/> with them.</summary>
    public void TruncateTo(long offset, long removedBytes)
    {
        while (Count > 1 && _segments[^1].BaseOffset >= offset)
        {
            removedBytes -= _segments[^1].Bytes;
            SizeBytes -= _segments[^1].Bytes;
            _segments.RemoveAt(_segments.Count - 1);
        }
        var s = _segments[^1];
        if (s.BaseOffset >= offset)
        {
            SizeBytes -= s.Bytes;
            s = new LogSegment { BaseOffset = offset };
        }
        else
        {
            long cut = Math.Clamp(removedBytes, 0, s.Bytes);
            s.Bytes -= cut;
            SizeBytes -= cut;
        }
        _segments[^1] = s;
    }

    /// <summary>
    /// The offset the log should start at after retention at <paramref name="now"/> (on the horizon clock): past every deletable
    /// segment (UnifiedLog.deletableSegments), or -1 when none is. Size retention is applied first, then time, as
    /// UnifiedLog.deleteOldSegments does; a segment is deletable only if it lies wholly below
    /// <paramref name="highWatermark"/> and, with a remote tier, below <paramref name="uploadedOffset"/> (KIP-405:
    /// local segments go only once copied).
    /// </summary>
    public long RetentionCut(SimTime now, SimDuration retentionMs, long retentionBytes, long highWatermark, long logEndOffset, long uploadedOffset)
    {
        int n = 0;
        long diff = retentionBytes >= 0 ? SizeBytes - retentionBytes : -1;
        for (int i = _head; i < _segments.Count; i++)
        {
            var s = _segments[i];
            long upper = i + 1 < _segments.Count ? _segments[i + 1].BaseOffset : logEndOffset;
            bool lastAndEmpty = i + 1 == _segments.Count && s.Bytes == 0;
            if (lastAndEmpty || highWatermark < upper || upper > uploadedOffset) break;
            bool bySize = diff >= 0 && diff - s.Bytes >= 0;
            bool byTime = retentionMs != SimDuration.MaxValue && now - s.LargestTimestamp > retentionMs;
            if (!bySize && !byTime) break;
            if (bySize) diff -= s.Bytes;
            n++;
        }
        if (n == 0) return -1;
        int lastDeleted = _head + n - 1;
        return lastDeleted + 1 < _segments.Count ? _segments[lastDeleted + 1].BaseOffset : logEndOffset;
    }

    /// <summary>Deletes the segments wholly below <paramref name="newStart"/>, rolling an empty active segment first if every one goes.</summary>
    public int DeleteBelow(long newStart)
    {
        if (_segments[^1].BaseOffset < newStart) Roll(newStart);
        int deleted = 0;
        while (Count > 1 && _segments[_head + 1].BaseOffset <= newStart)
        {
            SizeBytes -= _segments[_head].Bytes;
            _segments[_head++] = default;
            deleted++;
        }
        if (_head > 64 && _head > _segments.Count / 2)
        {
            _segments.RemoveRange(0, _head);
            _head = 0;
        }
        return deleted;
    }
}
