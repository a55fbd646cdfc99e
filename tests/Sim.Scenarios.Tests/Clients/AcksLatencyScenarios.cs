using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// What a write waits for. Source: ProducerConfig <c>acks</c> ("acks=all: the leader will wait for the full set
/// of in-sync replicas to acknowledge the record"; "acks=1: the leader will write the record to its local log
/// but will respond without awaiting full acknowledgement from all followers"); design.html 4.7 (followers
/// pull, and the high watermark passes a record once every ISR member has fetched it). The producer sits in
/// site a beside the leader; one request in flight, 200 records/s.
/// </summary>
public class AcksLatencyScenarios(ITestOutputHelper output)
{
    private const string OnePartition = """
        name: acks-latency
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 30s
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
            - { zone: a, topic: orders, rate: 200/s, keys: 100, config: { acks: all, max.in.flight.requests.per.connection: 1 } }
        network:
          links:
            a/b: { rtt: 2ms }
            a/c: { rtt: 2ms }
        """;

    private static double P50(string acks, string rttB, string rttC) =>
        Scenario.Run(OnePartition, 0, $"workload.producers.0.config.acks={acks}", $"network.links.a/b.rtt={rttB}", $"network.links.a/c.rtt={rttC}").Result.ProduceLatency.P50Ms;

    /// <summary>Source: ProducerConfig <c>acks</c> (acks=all waits for the full ISR, acks=1 for the leader's local write); design.html 4.7 (followers pull).</summary>
    [Fact]
    public void AcksAllLatencyGrowsWithTheRttToTheFollowersWhileAcksOneDoesNot()
    {
        double all2 = P50("all", "2ms", "2ms"), all20 = P50("all", "20ms", "20ms");
        double one2 = P50("1", "2ms", "2ms"), one20 = P50("1", "20ms", "20ms");
        output.WriteLine($"p50 produce latency, RTT 2 ms -> 20 ms: acks=all {F(all2)} -> {F(all20)} ms, acks=1 {F(one2)} -> {F(one20)} ms");
        // At least the added round trip: the followers' next fetch has to cross it before the high watermark moves.
        Assert.True(all20 - all2 >= 18, $"acks=all rose {all20 - all2} ms");
        Assert.InRange(one20 - one2, -0.5, 0.5);
        Assert.True(all2 > one2, "acks=all is not slower than acks=1 even at 2 ms");
    }

    /// <summary>Source: ProducerConfig <c>acks</c> ("the full set of in-sync replicas") against TopicConfig <c>min.insync.replicas</c> (a lower bound checked at append, not the number waited for).</summary>
    [Fact]
    public void AcksAllWaitsForTheFarthestInSyncReplicaEvenWhenMinInsyncReplicasCouldBeMetNearby()
    {
        double near = P50("all", "2ms", "2ms"), farC = P50("all", "2ms", "40ms");
        output.WriteLine($"p50 acks=all: both followers 2 ms away {F(near)} ms; follower in c 40 ms away (b still 2 ms) {F(farC)} ms");
        Assert.True(farC - near >= 38, $"a far follower added only {farC - near} ms");
    }
}
