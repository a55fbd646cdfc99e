namespace Sim.Kafka.Hardware;

/// <summary>
/// A broker's page cache over its log disks, at request granularity (byte counts, never records).
/// Appends land in memory as dirty bytes; the kernel's flusher writes them back at the disks' rate.
/// When dirty bytes reach <c>vm.dirty_ratio</c> of what the page cache may hold, the writing thread waits
/// until write-back has made room (balance_dirty_pages), which is where a write-back stall comes from.
/// Reads of data written recently, within what the page cache holds of the log's head, come from memory;
/// older data is read from the disks, ahead of write-back (the block layer favours reads), so a lagging
/// reader slows write-back and brings the stall nearer. Kafka relies on exactly this: "Understanding
/// Linux OS Flush Behavior" and "Filesystem Selection" in Kafka's operations documentation, and
/// Documentation/admin-guide/sysctl/vm.rst for dirty_ratio and dirty_background_ratio.
/// </summary>
/// <remarks>
/// Simplifications: write-back runs whenever anything is dirty (Linux starts at dirty_background_ratio or
/// after dirty_expire_centisecs; the disk's busy time over an interval is the same either way), the stall is
/// a hard wall at dirty_ratio (Linux throttles progressively between the two ratios), and what the cache
/// holds is the most recent bytes written to this broker, found from a once-a-second history of the bytes
/// appended.
/// </remarks>
public sealed class PageCache
{
    private const int HistorySlots = 3600;

    private readonly double _bytesPerNs;
    private readonly double _dirtyLimit;
    private readonly long[] _historyNs = new long[HistorySlots];
    private readonly long[] _historyBytes = new long[HistorySlots];
    private int _historyHead, _historyCount;
    private double _dirty;
    private double _readDebtNs;
    private long _lastNs;
    private long _readFreeAtNs;

    public PageCache(BrokerHardware hardware)
    {
        Hardware = hardware;
        double iopsBytes = hardware.LogDiskIops * (double)hardware.DiskType.IoSizeKiB * 1024;
        // Sequential write-back and log reads merge into I/Os of the provider's counted size, so whichever of
        // throughput and IOPS x I/O size is lower binds.
        DiskBytesPerSecond = Math.Min(hardware.LogDiskBytesPerSecond, iopsBytes);
        _bytesPerNs = DiskBytesPerSecond / 1e9;
        CacheBytes = hardware.PageCacheBytes;
        _dirtyLimit = hardware.DirtyRatio * CacheBytes;
    }

    public BrokerHardware Hardware { get; }

    /// <summary>What the disks sustain together, bytes per second.</summary>
    public double DiskBytesPerSecond { get; }

    /// <summary>Bytes of log the page cache may hold (memory less the JVM heap).</summary>
    public long CacheBytes { get; }

    public long AppendedBytes { get; private set; }
    public double WrittenBackBytes { get; private set; }
    public long DiskReadBytes { get; private set; }
    public long CacheReadBytes { get; private set; }
    public long Stalls { get; private set; }
    public long StallNanoseconds { get; private set; }

    /// <summary>Dirty bytes now (as of the last call).</summary>
    public double DirtyBytes => _dirty;

    /// <summary>I/O operations so far: bytes moved to and from the disks in I/Os of the counted size.</summary>
    public double DiskOperations => (WrittenBackBytes + DiskReadBytes) / (Hardware.DiskType.IoSizeKiB * 1024.0);

    /// <summary>
    /// <paramref name="bytes"/> are appended at <paramref name="nowNs"/>; returns how long the writer is held
    /// (0 unless dirty bytes would pass vm.dirty_ratio).
    /// </summary>
    public long Append(long nowNs, long bytes)
    {
        Drain(nowNs);
        AppendedBytes += bytes;
        double over = _dirty + bytes - _dirtyLimit;
        _dirty += bytes;
        if (over <= 0 || _bytesPerNs <= 0) return 0;
        long stall = (long)Math.Ceiling(over / _bytesPerNs);
        Stalls++;
        StallNanoseconds += stall;
        return stall;
    }

    /// <summary>
    /// An fsync at <paramref name="nowNs"/> (<c>log.flush.interval.messages</c> / topic <c>flush.messages</c> reached):
    /// how long the flushing thread waits until write-back has put on disk every byte dirty now, its own append's
    /// included. Kafka's Log.append calls flush() under the log's lock when the unflushed messages reach the flush
    /// interval, and LogSegment.flush forces the segment's FileChannel (FileRecords.flush, FileChannel.force), so the
    /// request handler (a leader's append) or the replica fetcher (a follower's) waits for the disk; with every
    /// append flushed the sustained write rate is the disks' rate from the first second, not once the page cache
    /// has filled to vm.dirty_ratio. Simplification: write-back is one FIFO over the broker's disks, so an fsync
    /// waits for all bytes dirtied before it, not only its own file's (with every append flushed, what else is
    /// dirty is other appends' flushes in progress, which share the disk anyway).
    /// </summary>
    public long Flush(long nowNs)
    {
        Drain(nowNs);
        if (_bytesPerNs <= 0 || _dirty <= 0) return 0;
        long wait = (long)Math.Ceiling(_readDebtNs + _dirty / _bytesPerNs);
        Flushes++;
        FlushNanoseconds += wait;
        return wait;
    }

    /// <summary>fsyncs so far, and the time threads spent waiting in them.</summary>
    public long Flushes { get; private set; }
    public long FlushNanoseconds { get; private set; }

    /// <summary>
    /// A read at <paramref name="nowNs"/> of <paramref name="bytes"/> written to this broker at
    /// <paramref name="appendedAtNs"/>: 0 from the page cache, otherwise how long the disk read takes,
    /// queued behind earlier disk reads.
    /// </summary>
    public long Read(long nowNs, long bytes, long appendedAtNs)
    {
        if (bytes <= 0) return 0;
        if (AppendedBytes - AppendedBefore(appendedAtNs) <= CacheBytes || _bytesPerNs <= 0)
        {
            CacheReadBytes += bytes;
            return 0;
        }
        Drain(nowNs);
        DiskReadBytes += bytes;
        double duration = bytes / _bytesPerNs;
        // Reads go first; write-back loses the disk time they take.
        _readDebtNs += duration;
        long start = Math.Max(nowNs, _readFreeAtNs);
        _readFreeAtNs = start + (long)Math.Ceiling(duration);
        return _readFreeAtNs - nowNs;
    }

    /// <summary>Notes the bytes appended so far; called about once a second.</summary>
    public void Sample(long nowNs)
    {
        Drain(nowNs);
        int slot = (_historyHead + _historyCount) % HistorySlots;
        if (_historyCount == HistorySlots) _historyHead = (_historyHead + 1) % HistorySlots;
        else _historyCount++;
        _historyNs[slot] = nowNs;
        _historyBytes[slot] = AppendedBytes;
    }

    /// <summary>Bytes appended before <paramref name="ns"/>, to the history's resolution (the latest sample at or before it).</summary>
    private long AppendedBefore(long ns)
    {
        long result = _historyCount > 0 ? _historyBytes[_historyHead] : 0;
        if (_historyCount > 0 && ns < _historyNs[_historyHead]) return 0;
        int lo = 0, hi = _historyCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            int slot = (_historyHead + mid) % HistorySlots;
            if (_historyNs[slot] <= ns) { result = _historyBytes[slot]; lo = mid + 1; }
            else hi = mid - 1;
        }
        return result;
    }

    private void Drain(long nowNs)
    {
        if (nowNs <= _lastNs) return;
        double elapsed = nowNs - _lastNs;
        _lastNs = nowNs;
        double debt = Math.Min(elapsed, _readDebtNs);
        _readDebtNs -= debt;
        double written = Math.Min(_dirty, (elapsed - debt) * _bytesPerNs);
        _dirty -= written;
        WrittenBackBytes += written;
    }
}
