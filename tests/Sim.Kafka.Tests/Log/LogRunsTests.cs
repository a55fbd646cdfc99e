using Sim.Core.Time;
using Sim.Kafka.Log;

namespace Sim.Kafka.Tests.Log;

public class LogRunsTests
{
    private static LogRun Run(long baseOffset, long count, int epoch = 1, RecordOrigin origin = default) => new()
    {
        BaseOffset = baseOffset, NextOffset = baseOffset + count, Bytes = count * 10, LeaderEpoch = epoch,
        FirstCreateTime = SimTime.FromSeconds(baseOffset), LastCreateTime = SimTime.FromSeconds(baseOffset + count - 1),
        LastAppendTime = SimTime.FromSeconds(baseOffset + count), Origin = origin,
    };

    [Fact]
    public void Runs_AcrossManyChunksWithTheOldestRemoved_ReadBackAsWritten()
    {
        // 1,000 runs span several chunks (and the first chunk's growth); removing the oldest 600 in steps passes whole
        // chunks: every run left reads back with its derived base offset, times and epoch.
        var runs = new LogRuns();
        var expected = new List<LogRun>();
        for (int i = 0; i < 1000; i++)
        {
            var r = Run(3 * i, 3, epoch: i / 100);
            runs.Add(r);
            expected.Add(r);
        }
        for (int step = 0; step < 6; step++) runs.RemoveFirst(100);
        expected.RemoveRange(0, 600);

        Assert.Equal(400, runs.Count);
        for (int i = 0; i < runs.Count; i++) Assert.Equal(expected[i], runs[i]);
        Assert.Equal(1800, runs.BaseOffsetAt(0));
    }

    [Fact]
    public void Set_TheFirstRunCutByRetention_MovesOnlyItsBaseOffset()
    {
        var runs = new LogRuns();
        runs.Add(Run(0, 10));
        runs.Add(Run(10, 10));
        runs.Set(0, Run(4, 6));

        Assert.Equal(4, runs[0].BaseOffset);
        Assert.Equal(10, runs[1].BaseOffset);
        Assert.Throws<InvalidOperationException>(() => runs.Set(1, Run(12, 8)));
    }

    [Fact]
    public void Add_ARunThatDoesNotContinueTheLast_Throws()
    {
        var runs = new LogRuns();
        runs.Add(Run(0, 10));
        Assert.Throws<InvalidOperationException>(() => runs.Add(Run(11, 5)));
    }

    [Fact]
    public void Origins_OfMirroredRuns_AreKeptAndRunsWithoutOneReadBackUnset()
    {
        var runs = new LogRuns();
        for (int i = 0; i < 300; i++) runs.Add(Run(2 * i, 2, origin: i % 3 == 0 ? new RecordOrigin(1, 7, 1000 + 2 * i) : default));

        for (int i = 0; i < 300; i++)
            Assert.Equal(i % 3 == 0 ? new RecordOrigin(1, 7, 1000 + 2 * i) : default, runs[i].Origin);
    }

    [Fact]
    public void TryExtendLast_ABatchContinuingTheRunWithinItsSpan_GrowsItElseNot()
    {
        var runs = new LogRuns();
        runs.Add(Run(0, 10));
        var next = new StoredBatch { BaseOffset = 10, Count = 5, Bytes = 50, LeaderEpoch = 1, CreateTime = SimTime.FromSeconds(3), AppendTime = SimTime.FromSeconds(4) };

        Assert.True(runs.TryExtendLast(next, SimDuration.FromSeconds(10)));
        Assert.Equal(Run(0, 10) with { NextOffset = 15, Bytes = 150, LastCreateTime = SimTime.FromSeconds(3), LastAppendTime = SimTime.FromSeconds(4) }, runs[0]);
        Assert.False(runs.TryExtendLast(next with { BaseOffset = 15, CreateTime = SimTime.FromSeconds(10) }, SimDuration.FromSeconds(10)));
        Assert.False(runs.TryExtendLast(next with { BaseOffset = 15, LeaderEpoch = 2 }, SimDuration.FromSeconds(10)));
        Assert.False(runs.TryExtendLast(next with { BaseOffset = 15, Origin = new RecordOrigin(1, 0, 0) }, SimDuration.FromSeconds(10)));
    }

    [Fact]
    public void RemoveLast_DownToNothing_LeavesAnEmptyListThatStartsAnywhere()
    {
        var runs = new LogRuns();
        for (int i = 0; i < 600; i++) runs.Add(Run(i, 1));
        while (runs.Count > 300) runs.RemoveLast();
        Assert.Equal(300, runs.NextOffsetAt(runs.Count - 1));
        runs.Add(Run(300, 4));
        Assert.Equal(304, runs.NextOffsetAt(300));
        while (runs.Count > 0) runs.RemoveLast();
        runs.Add(Run(50, 1));
        Assert.Equal(50, runs[0].BaseOffset);
    }
}
