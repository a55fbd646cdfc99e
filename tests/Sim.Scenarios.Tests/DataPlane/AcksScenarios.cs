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
          - { at: 15s, kind: broker-crash, target: "leader-of:orders/0", mode: process, duration: 10s }
        """;

    [Fact]
    public void AcksOneLosesWhatTheLeaderAcknowledgedBeforeItsFollowersFetchedIt()
    {
        var o = Scenario.Run(LeaderCrash);
        output.WriteLine(o.Narration);
        Assert.True(o.Result.AckedRecordsLost > 0, "acks=1 lost nothing");
        var lost = Assert.Single(o.Entries("lost"));
        Assert.Contains(lost.Because, s => s.Contains("acks=1 acknowledged them before any follower had them"));
    }
}
