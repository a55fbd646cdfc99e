using Sim.Kafka.Hardware;

namespace Sim.Kafka.Tests.Hardware;

public class PageCacheTests
{
    // 100 MB/s of disk, 1 GiB of page cache (2 GiB less a 1 GiB heap): a dirty limit of 20 % of it.
    private static readonly BrokerHardware Small = BrokerHardware.Default with
    {
        MemoryBytes = 2L << 30, JvmHeapBytes = 1L << 30, DiskThroughputBytesPerSecond = 100e6, DiskIops = 100000, DiskCount = 1,
    };

    /// <summary>Source: vm.dirty_ratio (Documentation/admin-guide/sysctl/vm.rst): writers wait once dirty pages reach it.</summary>
    [Fact]
    public void Append_FasterThanTheDiskForLong_StallsOnceDirtyBytesReachTheRatio()
    {
        var pc = new PageCache(Small);
        long ns = 0, stalled = 0;
        // 200 MB/s offered for 1 s in 1 MB appends: half of it is written back, dirty bytes grow by 100 MB/s.
        for (int i = 0; i < 200; i++, ns += 5_000_000) stalled += pc.Append(ns, 1_000_000);
        Assert.Equal(0, stalled);
        Assert.InRange(pc.DirtyBytes, 95e6, 105e6);
        // Two seconds more pass the dirty limit (about 215 MB): the appends beyond it wait for write-back.
        for (int i = 0; i < 400; i++, ns += 5_000_000) stalled += pc.Append(ns, 1_000_000);
        Assert.True(pc.Stalls > 0 && stalled > 0, $"stalls {pc.Stalls}");
        // The last append waits for what is above the limit to be written back at 100 MB/s.
        long last = pc.Append(ns, 1_000_000);
        Assert.InRange(last, (long)((pc.DirtyBytes - 0.2 * (1L << 30)) / 0.1) - 1, (long)((pc.DirtyBytes - 0.2 * (1L << 30)) / 0.1) + 1);
    }

    /// <summary>Source: Kafka docs "Persistence": recent data is served from the page cache, older data from disk.</summary>
    [Fact]
    public void Read_RecentDataFromTheCache_OldDataFromTheDisk()
    {
        var pc = new PageCache(Small);
        long ns = 0;
        // 2 GiB written over 20 s in 100 MiB steps, sampled each second: the first GiB has left the cache.
        for (int s = 0; s < 20; s++, ns += 1_000_000_000)
        {
            pc.Sample(ns);
            pc.Append(ns, 100L << 20);
        }
        pc.Sample(ns);
        Assert.Equal(0, pc.Read(ns, 1 << 20, appendedAtNs: ns - 2_000_000_000));
        long slow = pc.Read(ns, 1 << 20, appendedAtNs: 0);
        Assert.True(slow > 0, "an old read goes to the disk");
        Assert.Equal(1 << 20, pc.DiskReadBytes);
        Assert.Equal(1 << 20, pc.CacheReadBytes);
    }

    /// <summary>Source: a lagging reader competes with write-back for the disk (reads go first).</summary>
    [Fact]
    public void Read_FromDisk_SlowsWriteBack()
    {
        var quiet = new PageCache(Small);
        var busy = new PageCache(Small);
        for (int s = 0; s < 20; s++)
        {
            long ns = s * 1_000_000_000L;
            quiet.Sample(ns); busy.Sample(ns);
            quiet.Append(ns, 100L << 20); busy.Append(ns, 100L << 20);
        }
        long at = 20_000_000_000;
        busy.Read(at, 80_000_000, appendedAtNs: 0);
        quiet.Append(at + 1_000_000_000, 1); busy.Append(at + 1_000_000_000, 1);
        Assert.True(busy.DirtyBytes > quiet.DirtyBytes + 40e6, $"busy {busy.DirtyBytes}, quiet {quiet.DirtyBytes}");
    }

    /// <summary>
    /// Source: Kafka's Log.append calls flush() once the unflushed messages reach flush.messages, and LogSegment.flush
    /// forces the file (FileChannel.force): with every append flushed, the writer waits for the disk at once, long before
    /// dirty bytes reach vm.dirty_ratio.
    /// </summary>
    [Fact]
    public void Flush_AfterEachAppend_WaitsForWriteBackOfEverythingDirty()
    {
        var pc = new PageCache(Small);
        Assert.Equal(0, pc.Flush(0));
        pc.Append(0, 1_000_000);
        // 1 MB at 100 MB/s: 10 ms, far below the dirty limit, so no write-back stall but the fsync waits.
        Assert.Equal(10_000_000, pc.Flush(0));
        // 4 ms later 0.4 MB is on disk; a second 1 MB append behind the rest waits for 1.6 MB.
        pc.Append(4_000_000, 1_000_000);
        Assert.Equal(16_000_000, pc.Flush(4_000_000));
        Assert.Equal(2, pc.Flushes);
        Assert.Equal(0, pc.Stalls);
        // Once the disk has caught up, an fsync with nothing dirty returns at once.
        Assert.Equal(0, pc.Flush(30_000_000));
    }
}
