using Sim.Kafka;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Operations;

/// <summary>
/// Partitions added while a broker is down. Source: ReplicationControlManager.createPartitions (the new partitions are
/// placed by <c>replicaPlacer().place</c> over ClusterControlManager.usableBrokers at the request) and
/// StripedReplicaPlacer (rack-aware striping; a fenced broker is used only when its rack has no unfenced one left, and
/// never as leader). Two brokers per site, RF 3; stretch-broker-1 crashes at 5 s and is fenced after
/// broker.session.timeout.ms (9 s); the topic grows from 2 to 8 partitions at 20 s.
/// </summary>
public class NewPartitionPlacementScenarios(ITestOutputHelper output)
{
    private static string Grow(string faults) => $$"""
        name: new-partition-placement
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 30s
        warmup: 0s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 2
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 1000, record.size: 1KiB, config: { acks: all, metadata.max.age.ms: 5s } }
        faults:
          - { at: 20s, kind: create-partitions, target: "topic:orders", partitions: 8 }
        {{faults}}
        """;

    private static List<int[]> Added(KafkaCluster c) =>
        [.. c.Context.Partitions.Where(p => p.Topic.Name == "orders" && p.NumberInTopic >= 2).Select(p => c.PartitionState(p.Index).Replicas)];

    /// <summary>Source: ReplicationControlManager.createPartitions; ClusterControlManager.usableBrokers; StripedReplicaPlacer.</summary>
    [Fact]
    public void ABrokerDownWhenPartitionsAreAddedGetsNoReplicaOfThem()
    {
        var down = Scenario.Run(Grow("  - { at: 5s, kind: broker-crash, target: stretch-broker-1, mode: process }"));
        var up = Scenario.Run(Grow(""));
        var dc = down.Run.Simulation.Clusters.Values.First();
        var uc = up.Run.Simulation.Clusters.Values.First();
        int crashed = dc.Brokers.Single(b => b.Node.Name == "stretch-broker-1").Id;
        string Show(List<int[]> a) => string.Join(" ", a.Select(r => "{" + string.Join(",", r) + "}"));
        output.WriteLine($"broker {crashed} down: {Show(Added(dc))}; all up: {Show(Added(uc))}");
        Assert.Equal(6, Added(dc).Count);
        Assert.All(Added(dc), r => Assert.Equal(3, r.Length));
        Assert.All(Added(dc), r => Assert.DoesNotContain(crashed, r));
        // Each new partition still spans the three sites: the crashed broker's rack gives its other broker.
        Assert.All(Added(dc), r => Assert.Equal(3, r.Select(b => dc.Brokers.Single(x => x.Id == b).Node.Zone.Name).Distinct().Count()));
        // With every broker up the placer uses that broker too.
        Assert.Contains(Added(uc), r => r.Contains(crashed));
    }
}
