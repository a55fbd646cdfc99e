using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// When a consumer's long poll is answered. Since Kafka 0.8.2 (kafka-1430, the purgatory redesign) the high watermark's
/// advance completes delayed fetches (Partition.maybeIncrementLeaderHW → ReplicaManager.unblockDelayedFetchRequests), so a
/// consumer sees an acks=1 record one response after the followers' next fetch. Up to 0.8.1 (KafkaApis at apache/kafka
/// 02311c0, the code of LinkedIn's 2014 benchmark) a parked fetch counted the bytes a produce appended
/// (maybeUnblockDelayedFetchRequests, FetchRequestPurgatory.checkSatisfied) and a consumer's was answered at once with
/// what lay below the high watermark, which had not moved: nothing. The advance answered no consumer fetch unless it
/// completed an acks=all produce (DelayedProduce.isSatisfied), so with acks=1 the consumer's next fetch, parked before
/// the advance, waited out fetch.wait.max.ms or the next append, whichever came first.
/// </summary>
public class FetchPurgatoryScenarios(ITestOutputHelper output)
{
    private const string Sparse = """
        name: fetch-purgatory
        model: models/calibration-linkedin-2014.yaml
        seed: 7
        duration: 20s
        warmup: 5s
        architectures:
          lab:
            template: custom
            broker: { sim.gc.enable: false, sim.fetch.purgatory: PURGATORY }
        topics:
          test: { partitions: 1, replication.factor: 3, min.insync.replicas: 1 }
        workload:
          producers:
            - { zone: lab, topic: test, rate: 20/s, record.size: 21B, config: { acks: ACKS, linger.ms: 0 } }
          consumers:
            - { zone: lab, group: g, topic: test, config: { fetch.max.wait.ms: 100 } }
        """;

    private (double P50, double P99) E2eMs(string purgatory, string acks)
    {
        var o = Scenario.Run(Sparse.Replace("PURGATORY", purgatory).Replace("ACKS", acks));
        output.WriteLine($"{purgatory}, acks={acks}: e2e p50 {o.Result.E2eLatencyP50Ms:F2} ms, p99 {o.Result.E2eLatencyP99Ms:F2} ms");
        return (o.Result.E2eLatencyP50Ms, o.Result.E2eLatencyP99Ms);
    }

    /// <summary>Source: kafka-1430 (0.8.2): a consumer's delayed fetch completes when the high watermark moves.</summary>
    [Fact]
    public void AConsumerSeesAnAcks1RecordAFewRoundTripsAfterItIsWritten()
    {
        var (p50, p99) = E2eMs("current", "1");
        Assert.InRange(p50, 0.1, 5);
        Assert.InRange(p99, 0.1, 5);
    }

    /// <summary>Source: KafkaApis.maybeUnblockDelayedFetchRequests and FetchRequestPurgatory.checkSatisfied at apache/kafka 02311c0.</summary>
    [Fact]
    public void Before082AnAcks1RecordWaitsForTheConsumersFetchWaitOrTheNextAppend()
    {
        // Records every 50 ms, fetch.max.wait.ms 100: a record waits up to the next append or the 100 ms expiry.
        var (p50, p99) = E2eMs("0.8.1", "1");
        Assert.InRange(p50, 5, 110);
        Assert.InRange(p99, 50, 110);
    }

    /// <summary>Source: DelayedProduce.isSatisfied → maybeUnblockDelayedFetchRequests at apache/kafka 02311c0.</summary>
    [Fact]
    public void Before082AnAcksAllProduceCompletedByTheHighWatermarkAnswersTheConsumer()
    {
        var (p50, p99) = E2eMs("0.8.1", "all");
        Assert.InRange(p50, 0.1, 5);
        Assert.InRange(p99, 0.1, 5);
    }
}
