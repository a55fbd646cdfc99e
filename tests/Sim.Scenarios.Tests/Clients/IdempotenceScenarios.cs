using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// Source: ProducerConfig <c>enable.idempotence</c> ("When set to 'true', the producer will ensure that exactly
/// one copy of each message is written in the stream. If 'false', producer retries due to broker failures, etc.,
/// may write duplicates of the retried message in the stream"; default true since Kafka 3.0) and KIP-98
/// (producer id and per-partition sequence numbers let the leader drop a retried batch it already has).
/// For 10 s the leader's responses to the producer are lost (a one-way cut from broker to client); its
/// requests still arrive and are appended, time out after <c>request.timeout.ms</c>, and are retried.
/// The run has no warm-up: the test compares the whole log with the producer's counts, and records_produced,
/// records_acked and records_failed leave out the warm-up each by its own event's time (a record sent before the
/// warm-up's end and acknowledged after it is acknowledged but not produced), so only counts over the whole run
/// are comparable with each other and with the log.
/// </summary>
public class IdempotenceScenarios(ITestOutputHelper output)
{
    private const string LostResponses = """
        name: idempotence
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 45s
        warmup: 0s
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
            - { zone: a, topic: orders, rate: 500/s, keys: 100, stop: 40s, config: { acks: all, enable.idempotence: true, request.timeout.ms: 3000, delivery.timeout.ms: 60000 } }
        faults:
          - { at: 15s, kind: network-partition, target: stretch-broker-1, to: client-a, one_way: true, duration: 10s }
        """;

    /// <summary>Source: ProducerConfig <c>enable.idempotence</c>; KIP-98 (producer id and sequence numbers de-duplicate retried batches).</summary>
    [Fact]
    public void RetriesAfterLostResponsesWriteDuplicatesOnlyWithoutIdempotence()
    {
        var idempotent = Scenario.Run(LostResponses);
        var plain = Scenario.Run(LostResponses, 0, "workload.producers.0.config.enable.idempotence=false");
        output.WriteLine(plain.Brief());
        long extraIdempotent = idempotent.RecordsInTopic("orders") - idempotent.Result.RecordsProduced;
        long extraPlain = plain.RecordsInTopic("orders") - plain.Result.RecordsProduced;
        output.WriteLine($"idempotent: {idempotent.RecordsInTopic("orders")} records in the log for {idempotent.Result.RecordsProduced} produced ({extraIdempotent:+0;-0;0}); " +
                         $"not idempotent: {plain.RecordsInTopic("orders")} for {plain.Result.RecordsProduced} ({extraPlain:+0;-0;0})");
        Assert.NotEmpty(idempotent.Matching("retry", "REQUEST_TIMED_OUT"));
        Assert.NotEmpty(plain.Matching("retry", "REQUEST_TIMED_OUT"));
        // Every record was acknowledged in both runs, and the stream was the same: only the copies differ.
        Assert.Equal(idempotent.Result.RecordsProduced, idempotent.Result.RecordsAcked);
        Assert.Equal(plain.Result.RecordsProduced, plain.Result.RecordsAcked);
        Assert.Equal(0, extraIdempotent);
        Assert.True(extraPlain > 0, "retries without idempotence wrote no duplicate");
        Assert.Equal(0, idempotent.Result.AckedRecordsLost + plain.Result.AckedRecordsLost);
    }
}
