using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Observation;

/// <summary>
/// A ledger that forgets the ranges below every replica's log start (deleted by retention) audits exactly as one that
/// keeps them: the forgotten records count as expired, the lost ones are found the same.
/// </summary>
public class AckLedgerForgetTests
{
    private static RecordBatch Batch(int i) => new()
    {
        BaseOffset = i * 10, Count = 10, Bytes = 1000, LeaderEpoch = 0, ProducerId = -1, ClientBatchId = -1,
        CreateTime = SimTime.FromSeconds(i * 0.1), AppendTime = SimTime.FromSeconds(i * 0.1),
    };

    [Fact]
    public void Audit_ForgettingRangesBelowTheEarliestLogStart_GivesTheSameVerdict()
    {
        // 200 batches of 10 records in segments of 10 batches; retention deletes every closed segment, and the last
        // 5 batches are truncated away (lost).
        var log = new ReplicaLog(new LogConfig { SegmentBytes = 10_000, RetentionMs = SimDuration.FromSeconds(10) });
        for (int i = 0; i < 200; i++) log.Append(Batch(i));
        log.SetHighWatermark(1_950);
        Assert.True(log.DeleteOldSegments(SimTime.FromSeconds(200)) > 0);
        Assert.True(log.LogStartOffset >= 1_800, $"log start {log.LogStartOffset}");
        log.TruncateTo(1_950);

        var keeping = new AckLedger();
        var forgetting = new AckLedger { EarliestLogStart = _ => log.LogStartOffset, ForgetAfter = 16 };
        foreach (var ledger in new[] { keeping, forgetting })
            for (int i = 0; i < 200; i++) ledger.ProduceAcked(SimTime.FromSeconds(i * 0.1), 1, 0, Batch(i), -1, SimDuration.FromMilliseconds(5));

        Assert.True(forgetting.AckedRanges.Count() < 50, $"{forgetting.AckedRanges.Count()} ranges held");
        Assert.Equal(200, keeping.AckedRanges.Count());
        var (a, b) = (keeping.Audit(_ => log), forgetting.Audit(_ => log));
        Assert.Equal(50, a.LostRecords);
        Assert.Equal(log.LogStartOffset, a.ExpiredRecords);
        Assert.Equal((a.AuditedRecords, a.LostRecords, a.ExpiredRecords, a.DuplicateRecords), (b.AuditedRecords, b.LostRecords, b.ExpiredRecords, b.DuplicateRecords));
        Assert.Equal(a.Lost.Select(l => (l.Partition, l.BaseOffset, l.Count)), b.Lost.Select(l => (l.Partition, l.BaseOffset, l.Count)));
    }
}
