using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// What acks buys. Source: Kafka documentation, producer config <c>acks</c> ("acks=1 ... the leader will
/// write the record to its local log but will respond without awaiting full acknowledgement from all
/// followers. In this case should the leader fail immediately after acknowledging the record but before
/// the followers have replicated it then the record will be lost").
/// </summary>
public class AcksScenarios(ITestOutputHelper output)
{
    private const string LeaderCrash = """
        name: acks-leader-crash
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 40s
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
            - { zone: a, topic: orders, rate: 2000/s, keys: 100, config: { acks: 1 } }
        network:
          links:
            a/b: { rtt: 30ms }
            a/c: { rtt: 30ms }
        faults:
          # The leader's replication traffic stalls for 200 ms before it dies, so its followers are certainly
          # behind what it acknowledged: without the stall, whether the elected follower lacks anything
          # depends on where in its 30 ms fetch cycle the crash falls.
          - { at: 14.8s, kind: network-partition, target: "leader-of:orders/0", traffic: replication, duration: 1s }
          - { at: 15s, kind: broker-crash, target: "leader-of:orders/0", mode: process, duration: 10s }
        """;

    /// <summary>Source: ProducerConfig <c>acks</c> (quoted on the class); KIP-101 (the returning leader truncates what no follower had).</summary>
    [Fact]
    public void AcksOneLosesWhatTheLeaderAcknowledgedBeforeItsFollowersFetchedIt()
    {
        var o = Scenario.Run(LeaderCrash);
        output.WriteLine(o.Narration);
        Assert.True(o.Result.AckedRecordsLost > 0, "acks=1 lost nothing");
        var lost = Assert.Single(o.Entries("lost"));
        Assert.Contains(lost.Because, s => s.Contains("acks=1 acknowledged them on the leader's word alone, without waiting for the in-sync followers to copy them"));
    }

    private const string IsolatedLeader = """
        name: acks-isolated-leader
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
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 1000/s, keys: 100, config: { acks: 1 } }
        faults:
          - { at: 15s, kind: network-partition, target: a, duration: 15s }
        """;

    /// <summary>
    /// A leader cut off from its followers and the controller keeps acknowledging acks=1 writes from clients on
    /// its side of the cut until the partition heals; a new leader was elected on the other side, so the old
    /// leader truncates all of them when it returns. Sources: Kafka documentation, producer config <c>acks</c>;
    /// Kyle Kingsbury, "Jepsen: Kafka" (2013), the acknowledged writes lost by an isolated leader.
    /// </summary>
    [Fact]
    public void AcksOneWritesToAnIsolatedLeaderAreLostWhenThePartitionHeals()
    {
        var o = Scenario.Run(IsolatedLeader);
        output.WriteLine(o.Narration);
        var truncation = o.Entries("truncation").Single(e => e.Partition == "orders-0");
        var lost = o.Entries("lost").Where(e => e.Partition == "orders-0").ToList();
        Assert.NotEmpty(lost);
        Assert.True(o.Result.AckedRecordsLost > 1000, $"lost {o.Result.AckedRecordsLost}: an isolated leader takes writes for the whole fencing time");
        // The lost offsets are the ones the returning leader truncated.
        Assert.All(lost, l => Assert.InRange(l.FirstOffset!.Value, truncation.FirstOffset!.Value, truncation.LastOffset!.Value));
        // And it rejoins the ISR once it has the new leader's log.
        Assert.NotNull(o.Trace.Entries.FirstOrDefault(e => e.Kind == "isr" && e.Partition == "orders-0" && e.Text.Contains("expands", StringComparison.Ordinal) && e.TimeS > truncation.TimeS));
    }
}
