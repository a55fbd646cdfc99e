using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// Source: AWS, "Reduce network traffic costs of your Amazon MSK consumers with rack awareness" (replicas are
/// spread over the AZs, so replication crosses them) and EC2 on-demand pricing, "Data Transfer" (between AZs,
/// $0.01/GB each way); Grab engineering on Kafka cross-AZ cost (a client's partition leader is in another of three
/// AZs two times in three); design.html 4.7 (every follower fetches the whole log from the leader). A producer in az1 writes 1000 records/s of 1 KiB to
/// three partitions led one per AZ; the replication factor varies.
/// </summary>
public class CrossZoneTrafficScenarios(ITestOutputHelper output)
{
    private const string ThreeAzs = """
        name: cross-zone-replication
        model: models/three-az.yaml
        seed: 5
        duration: 30s
        warmup: 10s
        architectures:
          stretch:
            sites: [az1, az2, az3]
            brokers_per_site: 1
            controllers: { az1: 1, az2: 1, az3: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 1 }
        workload:
          producers:
            - { zone: az1, topic: orders, rate: 1000/s, keys: 1000, record.size: 1KiB, config: { acks: all } }
        """;

    /// <summary>Source: AWS EC2 pricing, "Data Transfer" between AZs, and MSK rack awareness (replicas spread over AZs); design.html 4.7 (followers fetch the whole log).</summary>
    [Fact]
    public void EachReplicaInAnotherZoneCarriesEveryProducedByteAcrossZonesOnceMore()
    {
        var rf = new[] { 1, 2, 3 }.ToDictionary(n => n, n => Scenario.Run(ThreeAzs, 0, $"topics.orders.replication.factor={n}"));
        double producedGb = rf[1].Sum(r => r.Produced, 10, 30) * 1024 / 1e9;
        output.WriteLine($"produced after warm-up {F(producedGb, "0.0000")} GB; cross-zone GB by replication factor: " +
                         string.Join(", ", rf.Select(kv => $"RF {kv.Key}: {F(kv.Value.Result.CrossZoneGb, "0.0000")} (${F(kv.Value.Result.TransferCostUsd, "0.0000")})")));
        // RF 1: only the two partitions led outside az1 carry the producer's bytes across.
        Assert.InRange(rf[1].Result.CrossZoneGb / producedGb, 2.0 / 3 * 0.95, 2.0 / 3 * 1.15);
        // Each further replica, placed in another AZ, adds one more crossing of every produced byte.
        Assert.InRange((rf[2].Result.CrossZoneGb - rf[1].Result.CrossZoneGb) / producedGb, 0.95, 1.15);
        Assert.InRange((rf[3].Result.CrossZoneGb - rf[2].Result.CrossZoneGb) / producedGb, 0.95, 1.15);
        Assert.Equal(rf[3].Result.TransferCostUsd, rf[3].Result.CrossZoneGb * 0.02, 6);
    }
}
