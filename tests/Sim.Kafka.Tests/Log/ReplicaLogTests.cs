using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;

namespace Sim.Kafka.Tests.Log;

public class ReplicaLogTests
{
    private static RecordBatch Batch(long offset, int count, int epoch) =>
        new() { BaseOffset = offset, Count = count, Bytes = count * 100, LeaderEpoch = epoch, ProducerId = -1, CreateTime = SimTime.Zero, AppendTime = SimTime.Zero };

    [Fact]
    public void EndOffsetForEpoch_EpochsWithData_ReturnsTheStartOfTheNextEpochOrTheLogEnd()
    {
        var log = new ReplicaLog();
        log.Append(Batch(0, 10, 0));
        log.Append(Batch(10, 5, 2));
        Assert.Equal((0, 10L), log.EndOffsetForEpoch(0));
        Assert.Equal((0, 10L), log.EndOffsetForEpoch(1));
        Assert.Equal((2, 15L), log.EndOffsetForEpoch(2));
        Assert.Equal((2, 15L), log.EndOffsetForEpoch(7));
    }

    [Fact]
    public void EndOffsetForEpoch_AnEpochRetentionDeleted_EndsWhereTheFirstKnownEpochStarts()
    {
        // LeaderEpochFileCache.endOffsetFor: an epoch older than every cached one ends at the first cached epoch's
        // start, which retention moved to the new log start (truncateFromStart), so a follower resumes there.
        var log = new ReplicaLog(new LogConfig { SegmentBytes = 1000, RetentionMs = SimDuration.FromSeconds(1) });
        log.Append(Batch(0, 10, 0));
        log.Append(Batch(10, 10, 3));
        log.Append(Batch(20, 10, 3) with { CreateTime = SimTime.FromSeconds(9.5), AppendTime = SimTime.FromSeconds(9.5) });
        log.SetHighWatermark(30);
        Assert.Equal(2, log.DeleteOldSegments(SimTime.FromSeconds(10)));
        Assert.Equal(20, log.LogStartOffset);

        Assert.Equal(new EpochEntry(3, 20), log.Epochs[0]);
        Assert.Equal((0, 20L), log.EndOffsetForEpoch(0));
        Assert.Equal((3, 30L), log.EndOffsetForEpoch(3));
    }

    [Fact]
    public void TruncateFullyAndStartAt_EmptiesTheLogAndItsEpochs()
    {
        var log = new ReplicaLog();
        log.Append(Batch(0, 10, 0));
        log.SetHighWatermark(10);

        Assert.Equal(10, log.TruncateFullyAndStartAt(500));

        Assert.Equal((500L, 500L, 500L), (log.LogStartOffset, log.LogEndOffset, log.HighWatermark));
        Assert.Empty(log.Epochs);
        Assert.Equal(0, log.Segments.SizeBytes);
        log.Append(Batch(500, 5, 4));
        Assert.Equal((4, 505L), log.EndOffsetForEpoch(4));
    }

    [Fact]
    public void TruncateTo_InsideALaterEpoch_RemovesItsRecordsAndCacheEntry()
    {
        var log = new ReplicaLog();
        log.Append(Batch(0, 10, 0));
        log.Append(Batch(10, 5, 2));
        log.SetHighWatermark(12);
        Assert.Equal(5, log.TruncateTo(10));
        Assert.Equal(10, log.LogEndOffset);
        Assert.Equal(10, log.HighWatermark);
        Assert.Equal(0, log.LatestEpoch);
    }

    [Fact]
    public void TruncateTo_AtTheLogEnd_DropsAnEpochStartedButNeverWritten()
    {
        var log = new ReplicaLog();
        log.Append(Batch(0, 10, 0));
        log.StartEpoch(3);
        Assert.Equal(3, log.LatestEpoch);
        Assert.Equal(0, log.TruncateTo(10));
        Assert.Equal(0, log.LatestEpoch);
        log.Append(Batch(10, 2, 0));
        Assert.Equal(12, log.LogEndOffset);
    }

    [Fact]
    public void Archive_OldBatchesBelowTheHighWatermark_BecomeRunsAndStayReadable()
    {
        var log = new ReplicaLog();
        for (int i = 0; i < 100; i++)
            log.Append(Batch(i * 10, 10, 0) with { CreateTime = SimTime.FromSeconds(i * 0.1), AppendTime = SimTime.FromSeconds(i * 0.1) });
        log.SetHighWatermark(1000);
        log.Archive(SimTime.FromSeconds(5), log.HighWatermark, SimDuration.FromSeconds(1));
        Assert.Equal(50, log.BatchCount);
        Assert.InRange(log.RunCount, 5, 6);
        var read = new List<RecordBatch>();
        log.Read(0, 1000, int.MaxValue, read);
        Assert.Equal(1000, read.Sum(b => b.Count));
        Assert.Equal(0, read[0].BaseOffset);
        for (int i = 1; i < read.Count; i++) Assert.Equal(read[i - 1].NextOffset, read[i].BaseOffset);
    }

    [Fact]
    public void Read_ABudgetEndingInsideARun_NeverLabelsItsOffsetsWithTheNextRunsEpoch()
    {
        var log = new ReplicaLog();
        for (int i = 0; i < 30; i++)
            log.Append(Batch(i * 10, 10, 0) with { CreateTime = SimTime.FromSeconds(i * 0.1), AppendTime = SimTime.FromSeconds(i * 0.1) });
        log.StartEpoch(2);
        for (int i = 30; i < 60; i++)
            log.Append(Batch(i * 10, 10, 2) with { CreateTime = SimTime.FromSeconds(i * 0.1), AppendTime = SimTime.FromSeconds(i * 0.1) });
        log.SetHighWatermark(600);
        log.Archive(SimTime.FromSeconds(100), log.HighWatermark, SimDuration.FromSeconds(10));
        Assert.Equal(0, log.BatchCount);
        // 100 bytes a record: a 1,050-byte budget ends ten and a half records into the epoch-0 run.
        for (long from = 0; from < 600;)
        {
            var read = new List<RecordBatch>();
            log.Read(from, 600, 1050, read);
            foreach (var b in read)
            {
                Assert.Equal(b.BaseOffset < 300 ? 0 : 2, b.LeaderEpoch);
                Assert.Equal(from, b.BaseOffset);
                from = b.NextOffset;
            }
        }
    }

    [Fact]
    public void DeleteOldSegments_CoalescedSegmentsPastRetention_AreDeletedAndTheLogStartMovesPastThem()
    {
        // 1,000-byte batches, segments of 10 batches: segments roll every second of appends.
        var log = new ReplicaLog(new LogConfig { SegmentBytes = 10_000, RetentionMs = SimDuration.FromSeconds(5) });
        for (int i = 0; i < 100; i++)
            log.Append(Batch(i * 10, 10, 0) with { CreateTime = SimTime.FromSeconds(i * 0.1), AppendTime = SimTime.FromSeconds(i * 0.1) });
        log.SetHighWatermark(1000);
        log.Archive(SimTime.FromSeconds(8), log.HighWatermark, SimDuration.FromSeconds(1));
        // At 8.05 s the segments whose newest record is older than 3.05 s are [0,100) ... [200,300).
        Assert.Equal(3, log.DeleteOldSegments(SimTime.FromSeconds(8.05)));
        Assert.Equal(300, log.LogStartOffset);
        Assert.Equal(70_000, log.Segments.SizeBytes);
        Assert.Equal(-1, log.EpochAt(299));
        Assert.Equal(0, log.EpochAt(300));
        var read = new List<RecordBatch>();
        log.Read(0, 1000, int.MaxValue, read);
        Assert.Equal(300, read[0].BaseOffset);
        Assert.Equal(0, log.DeleteOldSegments(SimTime.FromSeconds(8.05)));
    }
}
