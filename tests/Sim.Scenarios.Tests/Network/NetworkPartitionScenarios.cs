using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// Site a of a three-site stretch cluster is cut off from b and c for 25 s; its broker (leader of orders-0),
/// its controller and the producer stay up and keep talking to each other. Source: Jepsen, "Call me maybe:
/// Kafka" (Kyle Kingsbury, 2013: writes acknowledged by a leader cut off on the minority side are lost when the
/// partition heals and it rejoins the new leader; <c>min.insync.replicas</c>, KAFKA-1555, was added so that an
/// <c>acks=all</c> write cannot be acknowledged by a leader alone) and design section 4.7: the isolated leader can
/// neither advance its high watermark nor shrink the ISR without the controller, which sits with the majority and
/// elects a new leader once the broker's session expires (KIP-631 fencing, KIP-101 truncation on return).
/// </summary>
public class NetworkPartitionScenarios(ITestOutputHelper output)
{
    private const string SiteIsolated = """
        name: site-partition
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 60s
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
        faults:
          - { at: 15s, kind: network-partition, target: a, duration: 25s }
        """;

    /// <summary>Source: Jepsen, "Call me maybe: Kafka" (2013); KAFKA-1555 (<c>min.insync.replicas</c>); design.html 4.7; KIP-101 truncation on return.</summary>
    [Fact]
    public void AnIsolatedLeaderLosesTheAcks1WritesItTookButNoAcksAllWrite()
    {
        var all = Scenario.Run(SiteIsolated);
        var one = Scenario.Run(SiteIsolated, 0, "workload.producers.0.config.acks=1");
        output.WriteLine(one.Brief());
        double moved = one.FirstTime("leader", "orders-0: the leader moves from broker 1 to broker 2");
        var truncation = Assert.Single(one.Matching("truncation", "broker 1 truncates orders-0"));
        output.WriteLine($"acks=1: orders-0 moved to broker 2 at {F(moved)} s; {truncation.Text}; lost {one.Result.AckedRecordsLost}. " +
                         $"acks=all: lost {all.Result.AckedRecordsLost}, truncated {string.Join("; ", all.Matching("truncation").Select(t => t.Text))}");
        // The majority side fenced the isolated broker and moved its partition: the control plane stayed with b and c.
        Assert.InRange(moved, 15 + 7, 15 + 13);
        Assert.NotNull(all.Find("orders-0: the leader moves from broker 1 to broker 2"));
        // acks=1: everything the isolated leader acknowledged after the cut (about a third of 500/s for 25 s) is gone.
        Assert.True(one.Result.AckedRecordsLost > 2000, $"acks=1 lost {one.Result.AckedRecordsLost}");
        Assert.All(one.Entries("lost"), l => Assert.Equal("orders-0", l.Partition));
        // acks=all: what the isolated leader appended was never acknowledged, so truncating it loses nothing.
        Assert.Equal(0, all.Result.AckedRecordsLost);
    }
}
