using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// What one produce request carries. Source: RecordAccumulator.ready (a node is ready when one of its partitions
/// has a batch that is full or has waited <c>linger.ms</c>) and RecordAccumulator.drainBatchesForOneNode (a ready
/// node then gets the first batch of every partition it leads, lingered or not, up to <c>max.request.size</c>).
/// A keyed producer spreads 2,000 records/s over 12 partitions on three brokers, 2 ms apart, acks=all.
/// </summary>
public class DrainScenarios(ITestOutputHelper output)
{
    private const string Keyed = """
        name: drain
        model: models/three-metro-dcs.yaml
        seed: 11
        duration: 20s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 12, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 2000/s, keys: 1000, config: { acks: all } }
        network:
          links:
            a/b: { rtt: 2ms }
            a/c: { rtt: 2ms }
            b/c: { rtt: 2ms }
        """;

    /// <summary>Source: RecordAccumulator.drainBatchesForOneNode (the first batch of every partition of a ready node goes in one request).</summary>
    [Fact]
    public void PartitionsOfOneLeaderShareARequestSoLatencyDoesNotGrowWithTheirNumber()
    {
        var one = Scenario.Run(Keyed, 0, "topics.orders.partitions=1").Result.ProduceLatency;
        var twelve = Scenario.Run(Keyed, 0).Result.ProduceLatency;
        var many = Scenario.Run(Keyed, 0, "topics.orders.partitions=48").Result.ProduceLatency;
        output.WriteLine($"p50/p99 produce latency: 1 partition {F(one.P50Ms)}/{F(one.P99Ms)} ms, 12 partitions {F(twelve.P50Ms)}/{F(twelve.P99Ms)} ms, 48 partitions {F(many.P50Ms)}/{F(many.P99Ms)} ms");
        // Each partition's batch waiting for a request of its own would queue behind the broker's one request per
        // connection at a time: 16 partitions per broker would add about 16 replication round trips.
        Assert.True(twelve.P50Ms < one.P50Ms + 4, $"12 partitions: p50 {twelve.P50Ms} ms against {one.P50Ms} ms with one");
        Assert.True(many.P50Ms < one.P50Ms + 4, $"48 partitions: p50 {many.P50Ms} ms against {one.P50Ms} ms with one");
    }
}
