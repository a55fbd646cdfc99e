using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// A new topic's replicas are spread over racks (here <c>broker.rack</c> = site) so that no rack holds a second
/// replica before every rack holds one, so a site outage leaves every partition a copy.
/// Source: Kafka's KRaft replica placer, <c>org.apache.kafka.metadata.placement.StripedReplicaPlacer</c>
/// (StripedReplicaPlacerTest; apache/kafka PR #10494, KAFKA-12788) and ops "Balancing replicas across racks"
/// (https://kafka.apache.org/documentation/#basic_ops_racks).
/// </summary>
public class ReplicaPlacementScenarios(ITestOutputHelper output)
{
    // Two sites, two brokers each, RF 2, min.insync.replicas 1: a partition with both replicas in one site
    // would lose what was acknowledged when that site loses power. The voter majority sits in a, so the
    // control plane survives the outage of b.
    private const string TwoSites = """
        name: replica-placement
        model: models/two-metro-dcs.yaml
        seed: 5
        duration: 45s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b]
            brokers_per_site: 2
            controllers: { a: 2, b: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 8, replication.factor: 2, min.insync.replicas: 1 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 2000/s, keys: 1000, config: { acks: all } }
        faults:
          - { at: 15s, kind: site-outage, target: b, duration: 20s }
        """;

    /// <summary>Source: StripedReplicaPlacer (every partition spans min(RF, racks) racks); design 4.7 (a committed record survives while one ISR member lives).</summary>
    [Fact]
    public void EveryPartitionKeepsAReplicaInEachSiteSoASiteOutageLosesNothingAcknowledged()
    {
        var o = Scenario.Run(TwoSites);
        output.WriteLine(o.Brief());
        var cluster = o.Run.Cluster("stretch");
        var orders = cluster.Context.Partitions.Where(p => p.Topic.Name == "orders").ToList();
        foreach (var p in orders)
        {
            var replicas = cluster.Context.InitialPartitions[p.Index].Replicas;
            var sites = replicas.Select(cluster.Context.BrokerRack).Distinct().ToList();
            output.WriteLine($"{p.Name}: replicas [{string.Join(", ", replicas)}] in sites {string.Join(", ", sites)}");
            Assert.Equal(2, sites.Count);
        }
        output.WriteLine($"acked {o.Result.RecordsAcked}, lost {o.Result.AckedRecordsLost}");
        Assert.NotEmpty(o.Matching("truncation", "power loss"));
        Assert.True(o.Result.RecordsAcked > 50_000, $"acked {o.Result.RecordsAcked}");
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: kafka-topics <c>--replica-assignment</c> (AdminUtils / the admin client's NewTopic with replica
    /// assignments): an explicit assignment is taken as written, so one that puts both replicas of RF 2 in
    /// site b loses what was acknowledged but not yet flushed when b loses power, where the controller's own
    /// placement keeps a copy in a.
    /// </summary>
    [Fact]
    public void AnExplicitAssignmentWithBothReplicasInOneSiteLosesAcknowledgedRecordsWhenThatSiteLosesPower()
    {
        var placed = Scenario.Run(TwoSites);
        var cluster = placed.Run.Cluster("stretch");
        // broker.rack is the zone, and site b is zone b of the model.
        var inB = cluster.Context.BrokerIds.Where(id => cluster.Context.BrokerRack(id) == "b").Order().ToArray();
        Assert.Equal(2, inB.Length);
        string lists = string.Join(", ", Enumerable.Range(0, 8).Select(p => p % 2 == 0 ? $"[{inB[0]}, {inB[1]}]" : $"[{inB[1]}, {inB[0]}]"));
        string yaml = TwoSites.Replace("orders: { partitions: 8, replication.factor: 2, min.insync.replicas: 1 }",
            $"orders: {{ partitions: 8, min.insync.replicas: 1, replicas: [{lists}] }}", StringComparison.Ordinal);

        var assigned = Scenario.Run(yaml);

        output.WriteLine($"default placement: lost {placed.Result.AckedRecordsLost}; replicas [{lists}]: acked {assigned.Result.RecordsAcked}, lost {assigned.Result.AckedRecordsLost}");
        Assert.Equal(0, placed.Result.AckedRecordsLost);
        Assert.True(assigned.Result.AckedRecordsLost > 0, $"lost {assigned.Result.AckedRecordsLost}");
    }
}
