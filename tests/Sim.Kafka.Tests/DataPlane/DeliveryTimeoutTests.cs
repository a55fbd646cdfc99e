using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class DeliveryTimeoutTests(ITestOutputHelper output)
{
    /// <summary>Source: ProducerConfig delivery.timeout.ms ("an upper bound on the time to report success or failure"); KIP-91 (in-flight batches expire too).</summary>
    [Fact]
    public void ARecordIsReportedFailedNoLaterThanItsDeliveryTimeoutEvenWhileItsRequestIsInFlight()
    {
        var t = KafkaScenario.Create().WithSeed(808).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        var timeline = new AckTimeline();
        t.Events.Add(timeline);
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms; 20 s against 15 s is valid.
        var config = new ProducerConfig { DeliveryTimeout = SimDuration.FromSeconds(20), RequestTimeout = SimDuration.FromSeconds(15) };
        var producer = t.Producer("a", KafkaScenario.Steady("orders", 1000) with { Stop = SimTime.FromSeconds(30) }, config);
        t.RunUntil(SimTime.FromSeconds(10));
        int leader = t.Cluster.PartitionState(0).Leader;
        // Requests reach the leader, but no answer comes back: batches sit in flight until their requests time out.
        t.CutBetween([t.BrokerNode(leader)], [producer.Node], oneWay: true);
        t.RunUntil(SimTime.FromSeconds(60));

        foreach (var f in timeline.Failed.Where(f => f.At > SimTime.FromSeconds(49))) output.WriteLine($"{f.At} failed {f.Records} {f.Error}");
        // The client checks expiry at least once a second here, so a record produced at p is resolved by
        // p + delivery.timeout.ms + 1 s; allow a little more for the batch's linger.
        var slack = SimDuration.FromMilliseconds(1100);
        for (var check = SimTime.FromSeconds(31); check <= SimTime.FromSeconds(55); check += SimDuration.FromSeconds(1))
        {
            long unresolved = timeline.UnresolvedAt(check);
            long young = timeline.ProducedBetween(check - config.DeliveryTimeout - slack, check);
            output.WriteLine($"{check}: unresolved {unresolved}, produced within the delivery timeout {young}");
            Assert.True(unresolved <= young, $"at {check} {unresolved - young} records are older than delivery.timeout.ms and still unreported");
        }
        // The last record was produced at 30 s, so the last report comes by 30 s + delivery.timeout.ms.
        var lastReport = timeline.Failed.Max(f => f.At);
        Assert.True(lastReport <= SimTime.FromSeconds(30) + config.DeliveryTimeout + slack, $"last failure reported at {lastReport}");
        Assert.Equal(0, producer.BufferedBytes);
        Assert.Equal(t.Ledger.RecordsProduced, t.Ledger.RecordsAcked + t.Ledger.RecordsFailed);
        Assert.Equal([ErrorCode.DeliveryTimeout], t.Ledger.FailuresByError.Keys);
    }
}
