using Sim.Kafka;
using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;

namespace Sim.Kafka.Tests.Log;

/// <summary>Segment rolling and retention as UnifiedLog.maybeRoll and UnifiedLog.deleteOldSegments do them.</summary>
public class LogSegmentsTests
{
    private static RecordBatch Batch(long offset, double atS, int bytes = 1000) => new()
    {
        BaseOffset = offset, Count = 10, Bytes = bytes, LeaderEpoch = 0, ProducerId = -1,
        CreateTime = SimTime.FromSeconds(atS), AppendTime = SimTime.FromSeconds(atS),
    };

    private static ReplicaLog Log(LogConfig config, int batches, double everyS = 0.1)
    {
        var log = new ReplicaLog(config);
        for (int i = 0; i < batches; i++) log.Append(Batch(i * 10, i * everyS));
        return log;
    }

    [Fact]
    public void Append_BatchThatWouldPassSegmentBytes_RollsFirst()
    {
        // LogSegment.shouldRoll: size > segment.bytes - the batch's size.
        var log = Log(new LogConfig { SegmentBytes = 2500 }, 5);
        Assert.Equal(3, log.Segments.Count);
        Assert.Equal([0L, 20, 40], Enumerable.Range(0, 3).Select(i => log.Segments[i].BaseOffset));
        Assert.Equal(5000, log.Segments.SizeBytes);
        Assert.Equal(40, log.Segments.ActiveBaseOffset);
    }

    [Fact]
    public void Append_SegmentMsAfterTheFirstBatch_RollsAtTheNextAppend()
    {
        var log = new ReplicaLog(new LogConfig { SegmentMs = SimDuration.FromSeconds(1) });
        log.Append(Batch(0, 0));
        log.Append(Batch(10, 0.9));
        Assert.Equal(1, log.Segments.Count);
        // Nothing rolls while nothing is appended; the first append past segment.ms does.
        log.Append(Batch(20, 5));
        Assert.Equal(2, log.Segments.Count);
        Assert.Equal(20, log.Segments.ActiveBaseOffset);
    }

    [Fact]
    public void DeleteOldSegments_NothingAboveTheHighWatermark_IsDeleted()
    {
        var log = Log(new LogConfig { SegmentBytes = 2000, RetentionMs = SimDuration.FromSeconds(1) }, 10);
        log.SetHighWatermark(35);
        // Segments [0,20) and [20,40): only the first lies wholly below the high watermark.
        Assert.Equal(1, log.DeleteOldSegments(SimTime.FromSeconds(100)));
        Assert.Equal(20, log.LogStartOffset);
        Assert.Equal(8000, log.Segments.SizeBytes);
    }

    [Fact]
    public void DeleteOldSegments_WholeLogExpired_RollsAnEmptyActiveSegmentAndKeepsTheLogEnd()
    {
        var log = Log(new LogConfig { SegmentBytes = 2000, RetentionMs = SimDuration.FromSeconds(1) }, 10);
        log.SetHighWatermark(100);
        Assert.Equal(5, log.DeleteOldSegments(SimTime.FromSeconds(100)));
        Assert.Equal(100, log.LogStartOffset);
        Assert.Equal(100, log.LogEndOffset);
        Assert.Equal(0, log.Segments.SizeBytes);
        Assert.Equal(1, log.Segments.Count);
        log.Append(Batch(100, 101));
        Assert.Equal(1000, log.Segments.SizeBytes);
    }

    [Fact]
    public void DeleteOldSegments_RetentionBytes_DeletesTheOldestWhileTheRestStaysAboveTheLimit()
    {
        // 10 segments of 1,000 bytes; retention.bytes 3,500 keeps the newest 4 (deleting a fifth would go below it).
        var log = Log(new LogConfig { SegmentBytes = 1000, RetentionBytes = 3500 }, 10);
        log.SetHighWatermark(100);
        Assert.Equal(6, log.DeleteOldSegments(SimTime.FromSeconds(2)));
        Assert.Equal(4000, log.Segments.SizeBytes);
        Assert.Equal(60, log.LogStartOffset);
    }

    [Fact]
    public void DeleteOldSegments_Tiered_KeepsToLocalRetentionAndDeletesOnlyUploadedSegments()
    {
        var config = new LogConfig { SegmentBytes = 1000, RetentionMs = SimDuration.FromHours(1), LocalRetentionMs = SimDuration.FromSeconds(1) };
        var log = Log(config, 10, everyS: 1);
        log.SetHighWatermark(100);
        // Not tiered: retention.ms (an hour) deletes nothing.
        Assert.Equal(0, log.DeleteOldSegments(SimTime.FromSeconds(10)));
        // Tiered with [0,40) uploaded: local.retention.ms would allow more, but only uploaded segments go (KIP-405).
        Assert.Equal(4, log.DeleteOldSegments(SimTime.FromSeconds(10), uploadedOffset: 40));
        Assert.Equal(40, log.LogStartOffset);
    }

    [Fact]
    public void TruncateTo_InsideASegment_RemovesLaterSegmentsAndTheirBytes()
    {
        var log = Log(new LogConfig { SegmentBytes = 2000 }, 10);
        log.TruncateTo(50);
        Assert.Equal(3, log.Segments.Count);
        Assert.Equal(5000, log.Segments.SizeBytes);
        Assert.Equal(40, log.Segments.ActiveBaseOffset);
    }

    // A hybrid run's clock: kernel time up to 10 s is the horizon's; after it eight days were skipped.
    private sealed class EightDaysSkippedAtTen : IHorizonMap
    {
        public SimTime ToHorizon(SimTime d) => d <= SimTime.FromSeconds(10) ? d : d + SimDuration.FromHours(8 * 24);
    }

    [Fact]
    public void Append_AfterASkippedSpanLongerThanSegmentMs_RollsAndRetentionDeletesTheOldSegment()
    {
        // Default segment.ms and retention.ms (7 days). Without the horizon clock 20 s of kernel time age nothing.
        var clock = new HorizonClock();
        clock.Attach(new EightDaysSkippedAtTen());
        var log = new ReplicaLog(new LogConfig());
        var plain = new ReplicaLog(new LogConfig());
        log.Segments.Clock = clock;
        foreach (var l in new[] { log, plain })
        {
            l.Append(Batch(0, 1));
            l.Append(Batch(10, 5));
            l.Append(Batch(20, 15));
            l.SetHighWatermark(30);
        }
        Assert.Equal(1, plain.Segments.Count);
        Assert.Equal(0, plain.DeleteOldSegments(SimTime.FromSeconds(20)));

        Assert.Equal([0L, 20], Enumerable.Range(0, log.Segments.Count).Select(i => log.Segments[i].BaseOffset));
        Assert.Equal(SimTime.FromSeconds(15) + SimDuration.FromHours(8 * 24), log.Segments[1].LargestTimestamp);
        Assert.Equal(1, log.DeleteOldSegments(clock.ToHorizon(SimTime.FromSeconds(20))));
        Assert.Equal(20, log.LogStartOffset);
    }

    [Fact]
    public void Append_AfterATopicConfigChange_RollsByTheNewSegmentBytes()
    {
        // UnifiedLog.updateConfig: the next append is checked against the new segment.bytes.
        var log = Log(new LogConfig(), 3);
        Assert.Equal(1, log.Segments.Count);
        log.Config = new LogConfig { SegmentBytes = 3500 };
        log.Append(Batch(30, 1));
        Assert.Equal(2, log.Segments.Count);
        Assert.Equal(30, log.Segments.ActiveBaseOffset);
    }

    [Fact]
    public void RandomAppendsTruncationsAndRetention_MatchAListOfSegments()
    {
        // The segments held as one list, the last active, checked against LogSegments through thousands of random steps.
        var rng = new System.Random(7);
        var config = new LogConfig { SegmentBytes = 3000, SegmentMs = SimDuration.FromSeconds(2), RetentionMs = SimDuration.FromSeconds(5) };
        var log = new ReplicaLog(config);
        var model = new List<LogSegment> { new() };
        double t = 0;
        for (int step = 0; step < 5000; step++)
        {
            int op = rng.Next(20);
            if (op < 16)
            {
                t += rng.NextDouble() * 0.3;
                var b = Batch(log.LogEndOffset, t, rng.Next(1, 1500));
                log.Append(b);
                ModelAppend(model, b, config);
            }
            else if (op < 18 && log.LogEndOffset > log.LogStartOffset)
            {
                long to = log.LogStartOffset + rng.NextInt64(log.LogEndOffset - log.LogStartOffset + 1);
                to -= (to - log.LogStartOffset) % 10;
                long before = log.Segments.SizeBytes;
                log.TruncateTo(to);
                ModelTruncate(model, to, before - log.Segments.SizeBytes);
            }
            else
            {
                log.SetHighWatermark(log.LogEndOffset);
                int deleted = log.DeleteOldSegments(SimTime.FromSeconds(t));
                if (deleted > 0 && model[^1].BaseOffset < log.LogStartOffset) model.Add(new LogSegment { BaseOffset = log.LogStartOffset });
                model.RemoveRange(0, Math.Min(deleted, model.Count - 1));
            }
            Assert.Equal(model.Count, log.Segments.Count);
            for (int i = 0; i < model.Count; i++) Assert.Equal(model[i], log.Segments[i]);
            Assert.Equal(model.Sum(s => s.Bytes), log.Segments.SizeBytes);
        }
    }

    private static void ModelAppend(List<LogSegment> model, RecordBatch b, LogConfig config)
    {
        var a = model[^1];
        if (a.Bytes > 0 && (a.Bytes > config.SegmentBytes - b.Bytes || b.AppendTime - a.RollingBasedTimestamp > config.SegmentMs))
            model.Add(new LogSegment { BaseOffset = b.BaseOffset });
        var s = model[^1];
        if (s.Bytes == 0) s.RollingBasedTimestamp = b.CreateTime;
        s.Bytes += b.Bytes;
        if (b.CreateTime > s.LargestTimestamp) s.LargestTimestamp = b.CreateTime;
        model[^1] = s;
    }

    private static void ModelTruncate(List<LogSegment> model, long to, long removedBytes)
    {
        while (model.Count > 1 && model[^1].BaseOffset >= to)
        {
            removedBytes -= model[^1].Bytes;
            model.RemoveAt(model.Count - 1);
        }
        var s = model[^1];
        if (s.BaseOffset >= to) s = new LogSegment { BaseOffset = to };
        else s.Bytes -= Math.Clamp(removedBytes, 0, s.Bytes);
        model[^1] = s;
    }
}
