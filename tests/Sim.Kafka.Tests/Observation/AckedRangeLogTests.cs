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
}
