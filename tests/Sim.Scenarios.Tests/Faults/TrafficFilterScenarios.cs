using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Faults;

/// <summary>
/// Filters that drop one protocol class between nodes, as the per-node filters of Kafka's
/// RaftEventSimulationTest router do: from 10 s to 40 s broker 3 (a follower of orders-0, led by broker 1)
/// loses either its replication fetches or its heartbeats, and nothing else.
/// </summary>
public class TrafficFilterScenarios(ITestOutputHelper output)
{
    private const string Filtered = """
        name: traffic-filter
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 50s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, replica.lag.time.max.ms: 10000 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: network-partition, target: stretch-broker-3, traffic: replication, requests_only: true, one_way: true, duration: 30s }
        """;

    /// <summary>
    /// Source: Kafka's broker config replica.lag.time.max.ms ("If a follower hasn't sent any fetch requests or
    /// hasn't consumed up to the leaders log end offset for at least this time, the leader will remove the
    /// follower from isr"), with the follower's fetch requests dropped as RaftEventSimulationTest's
    /// DropOutboundRequestsFrom filter drops a node's outbound requests; its heartbeats still reach the
    /// controller, so it stays registered and unfenced (KIP-631).
    /// </summary>
    [Fact]
    public void AFollowerWhoseFetchesAreDroppedLeavesTheIsrButIsNotFenced()
    {
        var o = Scenario.Run(Filtered);
        output.WriteLine(o.Narration);
        double shrink = o.FirstTime("isr", "orders-0: the ISR shrinks", "to {1,2}");
        double expand = o.FirstTime("isr", "orders-0: the ISR expands", "{1,2,3}");
        output.WriteLine($"fetches dropped from 10 s: out of the ISR after {F(shrink - 10)} s, back {F(expand - 40)} s after the filter lifts");
        Assert.InRange(shrink - 10, 10 - 0.5, 10 + 5.5);
        Assert.InRange(expand - 40, 0, 3);
        Assert.Empty(o.Entries("fenced"));
        // The producer (acks=all) is held, not failed: the leader completes a write once the high watermark, the
        // lowest log end offset in the ISR, reaches it (Partition.checkEnoughReplicasReachOffset), and broker 3 stays
        // in the ISR without fetching until replica.lag.time.max.ms removes it. Its one stream is silent from 10 s
        // until the shrink, and that wait is its recovery time.
        var rto = o.Result.ProducerRto;
        output.WriteLine($"producer RTO {F(rto.Seconds)} s over {rto.AffectedStreams} stream(s), recovered {rto.Recovered}");
        Assert.Equal(1, rto.AffectedStreams);
        Assert.True(rto.Recovered);
        Assert.InRange(rto.Seconds, shrink - 10 - 1, shrink - 10 + 1);
    }

    /// <summary>
    /// Source: KIP-631 broker lease (broker.session.timeout.ms, 9 s): a broker whose BrokerHeartbeat requests
    /// are dropped is fenced and leaves every ISR even though its replication traffic flows.
    /// </summary>
    [Fact]
    public void ABrokerWhoseHeartbeatsAreDroppedIsFencedWhileItStillReplicates()
    {
        var o = Scenario.Run(Filtered, 0, "faults.0.traffic=heartbeats");
        output.WriteLine(o.Narration);
        double fenced = o.FirstTime("fenced", "fences broker 3");
        output.WriteLine($"heartbeats dropped from 10 s: fenced after {F(fenced - 10)} s");
        Assert.InRange(fenced - 10, 9 - 2.5, 9 + 0.5);
        Assert.DoesNotContain(o.Entries("isr"), e => e.TimeS < fenced && e.Text.Contains("shrinks", StringComparison.Ordinal));
    }
}
