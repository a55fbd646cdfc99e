using Sim.Kafka.Config;
using Sim.Core.Time;
using Sim.Kafka.Log;

namespace Sim.Kafka.Tests.Log;

/// <summary>The detailed batches of a log held in a ring (<c>BatchRing</c>), seen through <see cref="ReplicaLog"/>.</summary>
public class BatchRingTests
{
    private static RecordBatch Batch(long offset, double seconds) => new()
    {
        BaseOffset = offset, Count = 10, Bytes = 1000, LeaderEpoch = 0, ProducerId = -1,
        CreateTime = SimTime.FromSeconds(seconds), AppendTime = SimTime.FromSeconds(seconds),
    };

    // Appends a batch every 0.1 s and archives what is older than 1 s every second, as a broker does (window shortened).
    private static ReplicaLog SteadyLog(int seconds)
    {
        var log = new ReplicaLog();
        for (int i = 0; i < seconds * 10; i++)
        {
            log.Append(Batch(i * 10L, i * 0.1));
            log.SetHighWatermark(log.LogEndOffset);
            if (i % 10 == 9) log.Archive(SimTime.FromSeconds(i * 0.1 - 1), log.HighWatermark, SimDuration.FromSeconds(1));
        }
        return log;
    }

    [Fact]
    public void Archive_InSteadyState_TheRingWrapsAndReadsStayInOffsetOrder()
    {
        var log = SteadyLog(30);
        // About a second and a half of batches stay detailed; the ring has wrapped many times over 300 appends.
        Assert.InRange(log.BatchCount, 10, 21);
        var read = new List<RecordBatch>();
        log.Read(0, log.LogEndOffset, int.MaxValue, read);
        Assert.Equal(3000, read.Sum(b => b.Count));
        for (int i = 1; i < read.Count; i++) Assert.Equal(read[i - 1].NextOffset, read[i].BaseOffset);
        Assert.Equal(log.LogEndOffset - 10, read[^1].BaseOffset);
        Assert.Equal(SimTime.FromSeconds(29.9), log.AppendTimeAt(2995));
    }

    [Fact]
    public void Read_OfManyBatches_AddsThemAfterWhatTheListHeld_GrowingItOnce()
    {
        var log = new ReplicaLog();
        for (int i = 0; i < 700; i++) log.Append(Batch(i * 10L, i * 0.01));
        var read = new List<RecordBatch> { Batch(-1, 0) };
        int bytes = log.Read(2000, log.LogEndOffset, 300 * 1000, read);
        Assert.Equal(300 * 1000, bytes);
        Assert.Equal(301, read.Count);
        Assert.Equal(301, read.Capacity);
        Assert.Equal(-1, read[0].BaseOffset);
        Assert.Equal(Enumerable.Range(200, 300).Select(i => i * 10L), read.Skip(1).Select(b => b.BaseOffset));
    }

    [Fact]
    public void TruncateTo_AcrossTheRingsWrap_KeepsTheFrontAndAppendsContinue()
    {
        var log = SteadyLog(30);
        int held = log.BatchCount;
        long cut = log.LogEndOffset - 55;
        Assert.Equal(55, log.TruncateTo(cut));
        Assert.Equal(cut, log.LogEndOffset);
        Assert.Equal(held - 5, log.BatchCount);
        log.Append(Batch(cut, 31));
        var read = new List<RecordBatch>();
        log.Read(cut - 25, log.LogEndOffset, int.MaxValue, read);
        Assert.Equal([cut - 25, cut - 15, cut - 5, cut], read.Select(b => b.BaseOffset));
        Assert.Equal(5, read[^2].Count);
    }

    [Fact]
    public void Archive_AfterAWholeLogCaughtUp_GivesTheRoomBack()
    {
        var log = new ReplicaLog();
        for (int i = 0; i < 5000; i++) log.Append(Batch(i * 10L, 0));
        log.SetHighWatermark(log.LogEndOffset);
        log.Append(Batch(log.LogEndOffset, 10));
        log.Archive(SimTime.FromSeconds(5), log.HighWatermark, SimDuration.FromSeconds(1));
        Assert.Equal(1, log.BatchCount);
        Assert.Equal(64, log.DetailedCapacity);
        Assert.Equal(SimTime.FromSeconds(10), log.AppendTimeAt(log.LogEndOffset - 1));
    }
}

/// <summary>The ring past one chunk (<see cref="BatchRing.ChunkSize"/> batches): a queue of chunks, checked against a list.</summary>
public class BatchRingChunkTests
{
    private static StoredBatch Batch(long offset) => new() { BaseOffset = offset, Count = 1, Bytes = 100, ClientBatchId = 7 * offset + 3 };

    private static void AssertSame(List<StoredBatch> expected, ref BatchRing ring)
    {
        Assert.Equal(expected.Count, ring.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].BaseOffset, ring[i].BaseOffset);
            Assert.Equal(expected[i].ClientBatchId, ring[i].ClientBatchId);
        }
    }

    [Fact]
    public void RandomAppendsRemovalsAndTrims_MatchAList_AcrossChunkBoundaries()
    {
        var random = new Random(7);
        var ring = new BatchRing();
        var expected = new List<StoredBatch>();
        long next = 0;
        for (int step = 0; step < 40_000; step++)
        {
            // Phases of growth past several chunks, then of shrinking back below one.
            bool growing = step / 5000 % 2 == 0;
            int roll = random.Next(100);
            if (roll < (growing ? 70 : 25) || expected.Count == 0)
            {
                var b = Batch(next++);
                ring.Add(b);
                expected.Add(b);
            }
            else if (roll < 90)
            {
                ring.RemoveFirst();
                expected.RemoveAt(0);
            }
            else if (roll < 98)
            {
                ring.RemoveLast();
                expected.RemoveAt(expected.Count - 1);
            }
            else ring.TrimExcess();
            if (step % 97 == 0) AssertSame(expected, ref ring);
        }
        AssertSame(expected, ref ring);
    }

    [Fact]
    public void TheFirstAppend_TakesThirtyTwoSlots_AndTheNextThirtyOneAllocateNothing()
    {
        // A detail window's worth of a quiet partition's batches fits the first array: no 4-, 8- or 16-slot arrays on the way.
        var ring = new BatchRing();
        var plain = new StoredBatch { Count = 1 };
        ring.Add(plain);
        Assert.Equal(32, ring.Capacity);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 32; i++) ring.Add(plain with { BaseOffset = i });
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        ring.Add(plain with { BaseOffset = 32 });
        Assert.Equal(64, ring.Capacity);
        Assert.Equal(32, ring.Last.BaseOffset);
    }

    [Fact]
    public void ASteadyStreamPastOneChunk_TakesChunksEmptiedAtTheHeadAgain_AndAllocatesNothing()
    {
        var ring = new BatchRing();
        long next = 0;
        int held = 12 * BatchRing.ChunkSize - 100;
        var plain = new StoredBatch { Count = 1 };
        for (int i = 0; i < held; i++) ring.Add(plain with { BaseOffset = next++ });
        Assert.Equal(12 * BatchRing.ChunkSize, ring.Capacity);
        // As a broker archives: a burst of removals at the head every so often, appends at the tail in between.
        void Cycle()
        {
            for (int i = 0; i < 300; i++) ring.RemoveFirst();
            for (int i = 0; i < 300; i++) ring.Add(plain with { BaseOffset = next++ });
        }
        // Once the head has been at every offset within a chunk (300 = 44 mod 256: 64 cycles), the chunks are all there.
        for (int c = 0; c < 64; c++) Cycle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int c = 0; c < 100; c++) Cycle();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(held, ring.Count);
        Assert.Equal(next - held, ring[0].BaseOffset);
        Assert.Equal(next - 1, ring.Last.BaseOffset);
    }

    [Fact]
    public void RemovingBatchesAtBothEnds_ThenClearing_KeepsTheRestInOrder()
    {
        var ring = new BatchRing();
        for (int i = 0; i < 2 * BatchRing.ChunkSize + 5; i++) ring.Add(Batch(i));
        while (ring.Count > 3) ring.RemoveFirst();
        ring.RemoveLast();
        Assert.Equal(2, ring.Count);
        Assert.Equal(2 * BatchRing.ChunkSize + 2, ring[0].BaseOffset);
        Assert.Equal(7 * (2 * BatchRing.ChunkSize + 3) + 3, ring.Last.ClientBatchId);
        ring.Clear();
        Assert.Equal(0, ring.Count);
        ring.Add(Batch(99));
        Assert.Equal(99, ring[0].BaseOffset);
    }
}

/// <summary>
/// Payloads (committed offsets on internal topics) are held beside the ring by offset (<c>LogPayloads</c>): reads,
/// truncation, retention and archiving see each batch with its own payload, and a batch gone takes its payload along.
/// </summary>
public class LogPayloadTests
{
    private static RecordBatch Batch(long offset, double seconds, object? payload) => new()
    {
        BaseOffset = offset, Count = 10, Bytes = 1000, LeaderEpoch = 0, ProducerId = -1, Payload = payload,
        CreateTime = SimTime.FromSeconds(seconds), AppendTime = SimTime.FromSeconds(seconds),
    };

    // Batches at offsets 0, 10, ..., 90; those at 20, 50 and 60 carry a payload.
    private static (ReplicaLog Log, Dictionary<long, object> Payloads) Log()
    {
        var log = new ReplicaLog();
        var payloads = new Dictionary<long, object>();
        for (int i = 0; i < 10; i++)
        {
            object? payload = i is 2 or 5 or 6 ? $"commit {i}" : null;
            if (payload is not null) payloads[i * 10L] = payload;
            log.Append(Batch(i * 10L, i * 0.1, payload));
        }
        return (log, payloads);
    }

    private static void AssertPayloads(ReplicaLog log, Dictionary<long, object> payloads)
    {
        var read = new List<RecordBatch> { Batch(-10, 0, "before") };
        log.Read(0, log.LogEndOffset, int.MaxValue, read);
        Assert.Equal("before", read[0].Payload);
        foreach (var b in read.Skip(1)) Assert.Same(payloads.GetValueOrDefault(b.BaseOffset), b.Payload);
        foreach (var b in log.RecentBatches) Assert.Same(payloads.GetValueOrDefault(b.BaseOffset), b.Payload);
    }

    [Fact]
    public void ReadAndRecentBatches_GiveEachBatchItsOwnPayload()
    {
        var (log, payloads) = Log();
        AssertPayloads(log, payloads);
        var part = new List<RecordBatch>();
        log.Read(50, 60, int.MaxValue, part);
        Assert.Equal("commit 5", Assert.Single(part).Payload);
    }

    [Fact]
    public void Truncation_DropsThePayloadsOfTheBatchesItRemoves_AndAppendsAfterItCarryTheirOwn()
    {
        var (log, payloads) = Log();
        log.TruncateTo(55);
        payloads.Remove(60);
        AssertPayloads(log, payloads);
        // The batch at 50 was cut inside: its front stays, with its payload.
        Assert.Equal("commit 5", log.RecentBatches.Last().Payload);
        log.Append(Batch(55, 1, "later"));
        log.Append(Batch(65, 1, null));
        payloads[55] = "later";
        AssertPayloads(log, payloads);
    }

    [Fact]
    public void RetentionDeletingSegmentsWithPayloadBatches_LeavesTheRestWithTheirOwn()
    {
        var log = new ReplicaLog(new LogConfig { SegmentBytes = 2000, RetentionMs = SimDuration.FromSeconds(1) });
        var payloads = new Dictionary<long, object>();
        for (int i = 0; i < 10; i++)
        {
            object? payload = i is 2 or 5 or 6 ? $"commit {i}" : null;
            if (payload is not null) payloads[i * 10L] = payload;
            log.Append(Batch(i * 10L, i * 0.1, payload));
        }
        log.SetHighWatermark(log.LogEndOffset);
        // Segments of two batches each; the two whose newest record is older than a second at 1.35 s go.
        Assert.Equal(2, log.DeleteOldSegments(SimTime.FromSeconds(1.35)));
        Assert.Equal(40, log.LogStartOffset);
        payloads.Remove(20);
        AssertPayloads(log, payloads);
        log.Append(Batch(100, 1.4, "newest"));
        payloads[100] = "newest";
        AssertPayloads(log, payloads);
    }

    [Fact]
    public void ArchivingStopsAtABatchWithAPayload_AndRetentionTakesPayloadsAlongWithTheirBatches()
    {
        var (log, payloads) = Log();
        log.SetHighWatermark(log.LogEndOffset);
        log.Archive(SimTime.FromSeconds(10), log.HighWatermark, SimDuration.FromSeconds(1));
        // Batches 0 and 10 went into a run; the one at 20 has a payload and stops the archiving.
        Assert.Equal(8, log.BatchCount);
        AssertPayloads(log, payloads);
        log.TruncateFullyAndStartAt(100);
        Assert.Empty(log.RecentBatches);
        log.Append(Batch(100, 2, null));
        Assert.Null(Assert.Single(log.RecentBatches).Payload);
    }
}
