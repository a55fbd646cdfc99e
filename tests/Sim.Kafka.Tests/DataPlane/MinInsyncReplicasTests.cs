using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class MinInsyncReplicasTests(ITestOutputHelper output)
{
    /// <summary>Source: TopicConfig min.insync.replicas (NOT_ENOUGH_REPLICAS) and ProducerConfig delivery.timeout.ms ("an upper bound on the time to report success or failure").</summary>
    [Fact]
    public void BelowMinInsyncReplicasAcksAllWritesAreRetriedUntilTheDeliveryTimeoutThenReportedFailedNeverDropped()
    {
        var t = KafkaScenario.Create().WithSeed(404).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        var acks = new AckTimeline();
        t.Events.Add(acks);
        var config = new ProducerConfig { DeliveryTimeout = SimDuration.FromSeconds(20), RequestTimeout = SimDuration.FromSeconds(10) };
        // The application stops sending at 40 s, so by the end every record has had its full delivery timeout.
        var producer = t.Producer("a", KafkaScenario.Steady("orders", 1000) with { Stop = SimTime.FromSeconds(40) }, config);
        t.RunUntil(SimTime.FromSeconds(10.05));
        var ps = t.Cluster.PartitionState(0);
        foreach (var f in ps.Replicas.Where(r => r != ps.Leader)) t.Cluster.CrashBroker(f, powerLoss: false);
        var crashAt = t.Now;
        t.RunUntil(SimTime.FromSeconds(70));

        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        output.WriteLine($"produced {t.Ledger.RecordsProduced} acked {t.Ledger.RecordsAcked} failed {t.Ledger.RecordsFailed} buffered {producer.BufferedBytes} B; first failure {t.Ledger.FirstFailureAt}");
        foreach (var e in t.Ledger.RetriesByError) output.WriteLine($"retried {e.Key}: {e.Value}");
        foreach (var e in t.Ledger.FailuresByError) output.WriteLine($"failed {e.Key}: {e.Value}");

        var belowMin = t.Trace.PartitionChanges.First(c => c.After.Isr.Length < 2).At;
        Assert.True(t.Ledger.RetriesByError.GetValueOrDefault(ErrorCode.NotEnoughReplicas) > 0, "NOT_ENOUGH_REPLICAS was never retried");
        Assert.True(t.Ledger.FailuresByError.GetValueOrDefault(ErrorCode.DeliveryTimeout) > 0, "nothing failed with a delivery timeout");
        Assert.Equal([ErrorCode.DeliveryTimeout], t.Ledger.FailuresByError.Keys);
        // acks=all acknowledges nothing once the ISR is below min.insync.replicas.
        Assert.DoesNotContain(acks.Acks, a => a.At > belowMin);
        // A record fails no earlier than its delivery timeout: the first failures are records produced just before the crash.
        var firstFailure = t.Ledger.FirstFailureAt!.Value;
        Assert.InRange((firstFailure - crashAt).TotalSeconds, config.DeliveryTimeout.TotalSeconds - 0.1, config.DeliveryTimeout.TotalSeconds + 2);
        // Every record produced was either acknowledged or reported failed: none silently dropped or still pending.
        Assert.Equal(0, producer.BufferedBytes);
        Assert.Equal(t.Ledger.RecordsProduced, t.Ledger.RecordsAcked + t.Ledger.RecordsFailed);
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
