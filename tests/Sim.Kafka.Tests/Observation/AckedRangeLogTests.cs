using Sim.Core.Time;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Observation;

public class AckedRangeLogTests
{
    [Fact]
    public void ByPartition_RangesOfEveryAcksSettingAndEpoch_ReadBackAsRecorded()
    {
        // The acks setting shares a field with the epoch: each combination must come back unchanged, and ranges merge
        // only when both match.
        var log = new AckedRangeLog();
        var span = SimDuration.FromMilliseconds(100);
        log.Add(2, 0, 5, 7, -1, SimTime.FromSeconds(1), span);
        log.Add(2, 5, 5, 7, -1, SimTime.FromSeconds(1.05), span);
        log.Add(2, 10, 5, 7, 1, SimTime.FromSeconds(1.06), span);
        log.Add(2, 15, 5, 8, 1, SimTime.FromSeconds(1.07), span);
        log.Add(0, 100, 3, 0, 0, SimTime.FromSeconds(2), span);
        log.Add(0, 103, 3, (1 << 29) - 1, 1, SimTime.FromSeconds(2), span);
        log.Add(1, 40, 2, -1, -1, SimTime.FromSeconds(3), span);

        Assert.Equal(
            [
                new AckedRange(0, 100, 3, 0, 0, SimTime.FromSeconds(2), SimTime.FromSeconds(2)),
                new AckedRange(0, 103, 3, (1 << 29) - 1, 1, SimTime.FromSeconds(2), SimTime.FromSeconds(2)),
                new AckedRange(1, 40, 2, -1, -1, SimTime.FromSeconds(3), SimTime.FromSeconds(3)),
                new AckedRange(2, 0, 10, 7, -1, SimTime.FromSeconds(1), SimTime.FromSeconds(1.05)),
                new AckedRange(2, 10, 5, 7, 1, SimTime.FromSeconds(1.06), SimTime.FromSeconds(1.06)),
                new AckedRange(2, 15, 5, 8, 1, SimTime.FromSeconds(1.07), SimTime.FromSeconds(1.07)),
            ],
            log.ByPartition());
    }

    [Fact]
    public void Add_AnAcksSettingKafkaDoesNotHave_Throws()
    {
        var log = new AckedRangeLog();
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Add(0, 0, 1, 1, 2, SimTime.Zero, SimDuration.FromSeconds(1)));
    }

    [Fact]
    public void ForgetBelow_RangesUnderEachPartitionsStart_GoInOrderAndLaterAcknowledgementsStillMerge()
    {
        // 10,000 ranges over three chunks, two partitions interleaved, each range apart from the last (a gap of one offset).
        var log = new AckedRangeLog();
        var span = SimDuration.FromMilliseconds(100);
        for (int i = 0; i < 10_000; i++) log.Add(i % 2, (i / 2) * 11, 10, 0, -1, SimTime.FromSeconds(i), span);
        log.Drop(2); // nothing to drop: no such partition yet

        long forgotten = log.ForgetBelow(p => p == 0 ? 30_000 : 0);

        // Partition 0's ranges [0,10) ... end at 11k + 10 <= 30,000 for k <= 2,726: 2,727 of them.
        Assert.Equal(2_727 * 10, forgotten);
        Assert.Equal(10_000 - 2_727, log.Count);
        var ranges = log.ByPartition();
        Assert.Equal(5_000 - 2_727, ranges.Count(r => r.Partition == 0));
        Assert.Equal(2_727 * 11, ranges.First(r => r.Partition == 0).BaseOffset);
        Assert.Equal(5_000, ranges.Count(r => r.Partition == 1));
        Assert.True(ranges.Where(r => r.Partition == 1).Select(r => r.BaseOffset).SequenceEqual(Enumerable.Range(0, 5_000).Select(k => k * 11L)));
        // The newest range of each partition is still known: an acknowledgement continuing it merges into it.
        log.Add(0, 4_999 * 11 + 10, 5, 0, -1, SimTime.FromSeconds(9_998.05), span);
        Assert.Equal(10_000 - 2_727, log.Count);
        Assert.Equal(15, log.ByPartition().Last(r => r.Partition == 0).Count);
    }

    [Fact]
    public void ByPartition_BetweenAcknowledgements_SeesEachNewestRangeAsItStandsAndLaterOnesStillMerge()
    {
        var log = new AckedRangeLog();
        var span = SimDuration.FromMilliseconds(100);
        log.Add(0, 0, 5, 1, -1, SimTime.FromSeconds(1), span);
        log.Add(1, 0, 4, 1, -1, SimTime.FromSeconds(1), span);
        log.Add(0, 5, 5, 1, -1, SimTime.FromSeconds(1.01), span);
        Assert.Equal([10L, 4L], log.ByPartition().Select(r => r.Count));
        log.Add(0, 10, 5, 1, -1, SimTime.FromSeconds(1.02), span);
        log.Add(1, 4, 1, 1, -1, SimTime.FromSeconds(1.02), span);
        log.Add(1, 9, 1, 1, -1, SimTime.FromSeconds(1.03), span);
        Assert.Equal(3, log.Count);
        Assert.Equal(
            [
                new AckedRange(0, 0, 15, 1, -1, SimTime.FromSeconds(1), SimTime.FromSeconds(1.02)),
                new AckedRange(1, 0, 5, 1, -1, SimTime.FromSeconds(1), SimTime.FromSeconds(1.02)),
                new AckedRange(1, 9, 1, 1, -1, SimTime.FromSeconds(1.03), SimTime.FromSeconds(1.03)),
            ],
            log.ByPartition());
    }

    [Fact]
    public void Drop_APartitionWithANewestRange_ForgetsItAndTheNextAcknowledgementStartsAfresh()
    {
        var log = new AckedRangeLog();
        var span = SimDuration.FromMilliseconds(100);
        log.Add(3, 0, 5, 1, -1, SimTime.FromSeconds(1), span);
        log.Add(4, 0, 2, 1, -1, SimTime.FromSeconds(1), span);
        log.Add(3, 5, 5, 1, -1, SimTime.FromSeconds(1.01), span);
        log.Drop(3);
        log.Add(3, 10, 5, 1, -1, SimTime.FromSeconds(1.02), span);
        Assert.Equal(
            [
                new AckedRange(3, 10, 5, 1, -1, SimTime.FromSeconds(1.02), SimTime.FromSeconds(1.02)),
                new AckedRange(4, 0, 2, 1, -1, SimTime.FromSeconds(1), SimTime.FromSeconds(1)),
            ],
            log.ByPartition());
    }
}
