using Sim.Core.Time;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests;

public class SteadyStateTests
{
    [Fact]
    public void AHealthyClusterAcknowledgesEveryRecordAndLosesNone()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 2000));
        t.RunFor(SimDuration.FromSeconds(20));
        var audit = t.Audit();
        Assert.True(t.Ledger.RecordsAcked > 30_000, $"acked {t.Ledger.RecordsAcked}");
        Assert.Equal(0, t.Ledger.RecordsFailed);
        Assert.Equal(0, audit.LostRecords);
        Assert.Empty(t.Trace.Fenced);
    }
}
