using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// Source: Kafka's replication measures time only on the broker that decides (the leader's own clock for
/// <c>replica.lag.time.max.ms</c>, the controller's for <c>broker.session.timeout.ms</c>), never across hosts;
/// record timestamps are the producer's clock (topic config <c>message.timestamp.type</c>, default CreateTime;
/// KIP-32), so a skewed producer clock shows up in timestamp-based end-to-end latency and nowhere else.
/// The clocks of every host in site a (the producer and the broker leading orders-0) run 3 s slow from 5 s on.
/// </summary>
public class ClockSkewScenarios(ITestOutputHelper output)
{
    private const string SkewedSite = """
        name: clock-skew
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 40s
        warmup: 10s
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
            - { zone: b, group: audit, topic: orders }
        faults:
          - { at: 5s, kind: clock-skew, target: a, offset: -3s }
        """;

    /// <summary>Source: topic config <c>message.timestamp.type</c> (CreateTime, the producer's clock; KIP-32); replication timeouts are measured on the deciding broker's own clock.</summary>
    [Fact]
    public void ASkewedClockLeavesReplicationAloneAndShowsOnlyInTimestampBasedLatency()
    {
        var skewed = Scenario.Run(SkewedSite);
        var exact = Scenario.Run(SkewedSite, 0, "faults.0.offset=1ns");
        var (s, e) = (skewed.Result, exact.Result);
        output.WriteLine($"skewed: produce p99 {F(s.ProduceLatency.P99Ms)} ms, ISR shrinks {s.IsrShrinks}, elections {s.LeaderElections}, acked {s.RecordsAcked}, e2e p50 {F(s.E2eLatencyP50Ms)} ms; " +
                         $"unskewed: produce p99 {F(e.ProduceLatency.P99Ms)} ms, acked {e.RecordsAcked}, e2e p50 {F(e.E2eLatencyP50Ms)} ms");
        Assert.Equal(0, s.IsrShrinks);
        Assert.Equal(0, s.LeaderElections);
        Assert.Equal(e.RecordsAcked, s.RecordsAcked);
        Assert.Equal(e.ProduceLatency.P99Ms, s.ProduceLatency.P99Ms);
        Assert.Equal(0, s.AckedRecordsLost);
        // Records stamped 3 s in the past look 3 s older to the consumer in b.
        Assert.InRange(s.E2eLatencyP50Ms - e.E2eLatencyP50Ms, 2990, 3010);
    }
}
