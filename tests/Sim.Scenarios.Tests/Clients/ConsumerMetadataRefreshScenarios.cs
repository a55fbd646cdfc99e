using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// Every broker of a stretch cluster crashes at 20 s and is restarted at 25 s (the clients and controllers stay up); after
/// recovering its logs (a crash leaves no clean-shutdown marker: <c>sim.broker.startup.unclean</c>, 10 s) each registers
/// at 35 s. Meanwhile the controller has fenced them all (27 s). Its consumer finds partitions without a leader while the
/// controller re-elects them, and asks for metadata again after <c>retry.backoff.ms</c> (doubling to
/// <c>retry.backoff.max.ms</c>) instead of waiting for <c>metadata.max.age.ms</c> (300 s).
/// Source: the Java consumer's fetcher (<c>AbstractFetch.prepareFetchRequests</c>: "Requesting metadata update for
/// partition … missing the current leader node", <c>metadata.requestUpdate(false)</c>) and
/// <c>Metadata.timeToAllowUpdate</c> (ExponentialBackoff of retry.backoff.ms to retry.backoff.max.ms,
/// KIP-580, https://cwiki.apache.org/confluence/display/KAFKA/KIP-580%3A+Exponential+Backoff+for+Kafka+Clients).
/// </summary>
public class ConsumerMetadataRefreshScenarios(ITestOutputHelper output)
{
    private const string ClusterDark = """
        name: consumer-metadata-refresh
        model: models/three-metro-dcs.yaml
        seed: 6
        duration: 90s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
          consumers:
            - { zone: a, group: billing, topic: orders }
        faults:
          - { at: 20s, kind: broker-crash, target: stretch-broker-1, mode: process, duration: 5s }
          - { at: 20s, kind: broker-crash, target: stretch-broker-2, mode: process, duration: 5s }
          - { at: 20s, kind: broker-crash, target: stretch-broker-3, mode: process, duration: 5s }
        """;

    /// <summary>Source: AbstractFetch.prepareFetchRequests (leaderless partition -> metadata.requestUpdate); Metadata.timeToAllowUpdate; KIP-580.</summary>
    [Fact]
    public void AConsumerAsksForMetadataAgainWhileAPartitionHasNoLeaderSoItResumesWithinSecondsOfTheClusterReturning()
    {
        var o = Scenario.Run(ClusterDark);
        output.WriteLine(o.Brief());
        var rto = o.Result.ConsumerRto;
        output.WriteLine($"consumer RTO {rto.Seconds:0.000} s (recovered {rto.Recovered}), producer RTO {o.Result.ProducerRto.Seconds:0.000} s");
        Assert.True(rto.Recovered, "the consumer never read again");
        // The cluster is back at 35 s; elections and the consumer's next refreshes take seconds, not metadata.max.age.ms.
        Assert.InRange(rto.Seconds, 15.0, 40.0);
    }

    /// <summary>Source: ConsumerConfig <c>metadata.max.age.ms</c>: without the leaderless-partition refresh only this would bring the consumer back.</summary>
    [Fact]
    public void TheConsumerResumesLongBeforeMetadataMaxAgeWouldRefreshIt()
    {
        var o = Scenario.Run(ClusterDark, 0, "workload.consumers.0.config.metadata.max.age.ms=50s");
        var quick = Scenario.Run(ClusterDark);
        output.WriteLine($"consumer RTO {quick.Result.ConsumerRto.Seconds:0.000} s; with metadata.max.age.ms 50 s {o.Result.ConsumerRto.Seconds:0.000} s");
        Assert.Equal(quick.Result.ConsumerRto.Seconds, o.Result.ConsumerRto.Seconds, 3);
    }
}
