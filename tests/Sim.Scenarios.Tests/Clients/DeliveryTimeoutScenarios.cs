using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// Source: KIP-91 ("Provide Intuitive User Timeouts in The Producer") and ProducerConfig <c>delivery.timeout.ms</c>
/// ("An upper bound on the time to report success or failure after a call to send() returns ... The producer may
/// report failure to send a record earlier than this config if either an unrecoverable error is encountered, the
/// retries have been exhausted, or the record is added to a batch which reached an earlier delivery expiration deadline"),
/// default 120000, at least <c>linger.ms</c> + <c>request.timeout.ms</c>. Both followers of the partition crash
/// at 15 s, so acks=all writes are retried (NOT_ENOUGH_REPLICAS) until their delivery timeout runs out.
/// </summary>
public class DeliveryTimeoutScenarios(ITestOutputHelper output)
{
    private const string NoIsr = """
        name: delivery-timeout
        model: models/three-metro-dcs.yaml
        seed: 7
        duration: 70s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, stop: 25s, config: { acks: all, delivery.timeout.ms: 20000, request.timeout.ms: 10000 } }
        faults:
          - { at: 15s, kind: broker-crash, target: stretch-broker-2, mode: process }
          - { at: 15s, kind: broker-crash, target: stretch-broker-3, mode: process }
        """;

    /// <summary>Source: KIP-91 and ProducerConfig <c>delivery.timeout.ms</c> ("An upper bound on the time to report success or failure after a call to send() returns").</summary>
    [Fact]
    public void RecordsThatCannotBeWrittenAreReportedFailedOnceTheirDeliveryTimeoutRunsOutNeverSooner()
    {
        foreach (int timeoutS in new[] { 20, 40 })
        {
            var o = Scenario.Run(NoIsr, 0, $"workload.producers.0.config.delivery.timeout.ms={timeoutS * 1000}");
            output.WriteLine(o.Brief());
            double firstFailure = o.FirstTime("failure", "DELIVERY_TIMEOUT");
            long pending = o.Result.RecordsProduced - o.Result.RecordsAcked - o.Result.RecordsFailed;
            output.WriteLine($"delivery.timeout.ms {timeoutS} s: first failure {F(firstFailure - 15)} s after the crash; produced {o.Result.RecordsProduced}, acked {o.Result.RecordsAcked}, failed {o.Result.RecordsFailed}, unresolved {pending}");
            // The oldest record still unacknowledged at the crash was produced at most a few hundred ms before it.
            Assert.InRange(firstFailure - 15, timeoutS - 1, timeoutS + 1.5);
            // By the end every record produced (the last at 25 s) has been acknowledged or reported failed.
            Assert.Equal(0, pending);
            Assert.True(o.Result.RecordsFailed > 4000, $"failed {o.Result.RecordsFailed}");
            Assert.Equal(0, o.Result.AckedRecordsLost);
        }
    }
}
