using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// Source: KIP-392 ("Allow consumers to fetch from closest replica": with
/// <c>replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector</c> on the brokers and
/// <c>client.rack</c> on the consumer, the leader points the consumer at an in-sync replica in its rack, to cut
/// cross-AZ traffic; the follower serves only up to its own high watermark, which trails the leader's, so
/// records reach the consumer later); AWS, "Reduce network traffic costs of your Amazon MSK consumers with rack
/// awareness" (cross-AZ consumer traffic removed). Three AZs, RF 3, a producer in az1 and a consumer group in
/// each of az2 and az3.
/// </summary>
public class FetchFromFollowerScenarios(ITestOutputHelper output)
{
    private const string ThreeAzs = """
        name: fetch-from-follower
        model: models/three-az.yaml
        seed: 5
        duration: 40s
        warmup: 10s
        architectures:
          stretch:
            sites: [az1, az2, az3]
            brokers_per_site: 1
            controllers: { az1: 1, az2: 1, az3: 1 }
            broker: { offsets.topic.num.partitions: 1, replica.selector.class: RackAwareReplicaSelector }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: az1, topic: orders, rate: 2000/s, keys: 1000, record.size: 1KiB, config: { acks: all } }
          consumers:
            # earliest: each group's first join waits group.initial.rebalance.delay.ms (3 s), and with latest the
            # records of those seconds would be skipped in both runs alike.
            - { zone: az2, group: analytics, topic: orders, config: { client.rack: az2, auto.offset.reset: earliest } }
            - { zone: az3, group: billing, topic: orders, config: { client.rack: az3, auto.offset.reset: earliest } }
        """;

    /// <summary>Source: KIP-392 (fetch from the closest replica with <c>RackAwareReplicaSelector</c> and <c>client.rack</c>; the follower serves up to its own high watermark); AWS, MSK rack awareness.</summary>
    [Fact]
    public void ConsumersFetchingFromASameZoneReplicaCutCrossZoneTrafficAtTheCostOfSomeLatency()
    {
        var closest = Scenario.Run(ThreeAzs);
        var leader = Scenario.Run(ThreeAzs, 0, "architectures.stretch.broker={offsets.topic.num.partitions: 1}");
        // Each consumer reads 2 of 3 partitions from a leader in another AZ: about 2 x 2/3 of the produced bytes.
        double producedGb = closest.Sum(r => r.Produced, 10, 40) * 1024 / 1e9;
        double saved = leader.Result.CrossZoneGb - closest.Result.CrossZoneGb;
        output.WriteLine($"cross-zone GB: from the leader {F(leader.Result.CrossZoneGb, "0.0000")}, from the closest replica {F(closest.Result.CrossZoneGb, "0.0000")} " +
                         $"(saved {F(saved, "0.0000")} GB of {F(producedGb, "0.0000")} GB produced); e2e p50 {F(leader.Result.E2eLatencyP50Ms)} -> {F(closest.Result.E2eLatencyP50Ms)} ms");
        Assert.InRange(saved / producedGb, 4.0 / 3 * 0.9, 4.0 / 3 * 1.2);
        Assert.True(closest.Result.E2eLatencyP50Ms > leader.Result.E2eLatencyP50Ms, "reading from a follower was not slower");
        Assert.Equal(0, closest.Result.RecordsSkipped);
        Assert.Equal(closest.Result.RecordsAcked, leader.Result.RecordsAcked);
    }

    /// <summary>
    /// Source: KIP-392 (RackAwareReplicaSelector picks an in-sync replica whose rack is the consumer's client.rack, and
    /// the leader returns it as the preferred read replica). The consumers table at the end shows, for every partition a
    /// consumer in az2 or az3 reads whose leader is elsewhere, the broker in its own zone as both its preferred read
    /// replica and the broker it fetches from.
    /// </summary>
    [Fact]
    public void TheConsumersTableShowsTheFollowerInTheConsumersRackAsItsPreferredReadReplica()
    {
        var o = Scenario.Run(ThreeAzs);
        var cluster = o.Run.Simulation.Clusters.Values.First();
        var zoneOf = cluster.Brokers.ToDictionary(b => b.Id, b => b.Node.Zone.Name);
        var rows = o.Result.ConsumersAtEnd;
        foreach (var r in rows) output.WriteLine($"{r.Group} {r.Consumer} {r.Topic}/{r.Partition}: fetching from {r.FetchingFrom}, preferred read replica {r.PreferredReadReplica}");
        Assert.Equal(6, rows.Count);
        foreach (var r in rows)
        {
            string rack = r.Group == "analytics" ? "az2" : "az3";
            int leader = cluster.PartitionState(cluster.Context.Partitions.Single(p => p.Topic.Name == r.Topic && p.NumberInTopic == r.Partition).Index).Leader;
            if (zoneOf[leader] == rack) Assert.Equal(-1, r.PreferredReadReplica);
            else Assert.Equal(rack, zoneOf[r.PreferredReadReplica]);
            Assert.Equal(rack, zoneOf[r.FetchingFrom]);
        }
        Assert.Contains(rows, r => r.PreferredReadReplica >= 0);
    }
}
