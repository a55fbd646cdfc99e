using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// Truncation by leader epoch. Source: KIP-101 ("Alter Replication Protocol to use Leader Epoch rather than
/// High Watermark for Truncation": replicas truncate to where their log and the leader's diverge, found from
/// the leader epoch cache, so logs cannot diverge after successive leader changes), KIP-279 (the follower
/// truncates to the smaller of the two end offsets of the diverging epoch; a follower that is only behind
/// keeps its log), KIP-320 (divergence detected in the fetch).
/// </summary>
public class LeaderEpochScenarios(ITestOutputHelper output)
{
    // acks=1 with followers 30 ms away, so every leader holds an unreplicated tail when it crashes; the
    // leader crashes twice; the producer stops at 60 s so every replica can catch up before the end.
    private const string TwoLeaderCrashes = """
        name: leader-epochs
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 70s
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
            - { zone: a, topic: orders, rate: 1000/s, keys: 100, stop: 60s, config: { acks: 1 } }
        network:
          links:
            a/b: { rtt: 30ms }
            a/c: { rtt: 30ms }
            b/c: { rtt: 30ms }
        faults:
          # Each leader's replication traffic stalls for 200 ms before it dies, so it certainly holds a tail its
          # followers lack (otherwise that depends on where in the 30 ms fetch cycle the crash falls).
          - { at: 14.8s, kind: network-partition, target: "leader-of:orders/0", traffic: replication, duration: 1s }
          - { at: 15s, kind: broker-crash, target: "leader-of:orders/0", mode: process, duration: 10s }
          - { at: 34.8s, kind: network-partition, target: "leader-of:orders/0", traffic: replication, duration: 1s }
          - { at: 35s, kind: broker-crash, target: "leader-of:orders/0", mode: process, duration: 10s }
        """;

    private const string FollowerRestart = """
        name: follower-restart
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 50s
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
            - { zone: a, topic: orders, rate: 1000/s, keys: 100, stop: 45s, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: stretch-broker-3, mode: process, duration: 15s }
        """;

    /// <summary>Source: KIP-101 (truncation to the divergence point found by leader epoch, so logs cannot diverge after successive leader changes) and KIP-279 (the smaller of the two end offsets of the diverging epoch).</summary>
    [Fact]
    public void AfterSuccessiveLeaderChangesDivergedReplicasTruncateAndEveryLogEndsIdentical()
    {
        var o = Scenario.Run(TwoLeaderCrashes);
        output.WriteLine(o.Brief());
        var logs = o.ReplicaLogs("orders-0");
        foreach (var (id, log) in logs) output.WriteLine($"broker {id}: LEO {log.LogEndOffset} HW {log.HighWatermark} epochs {string.Join(", ", log.Epochs)}");
        var truncations = o.Matching("truncation", "orders-0", "KIP-101").ToList();
        // Both crashed leaders held a tail nobody else had; the second time a surviving follower had more than
        // the broker elected, and it truncates too, although it never left the ISR.
        Assert.True(truncations.Count >= 2, $"{truncations.Count} truncations");
        Assert.Equal(2, o.Run.Cluster("stretch").PartitionState(o.Run.Cluster("stretch").Partition("orders-0").Index).LeaderEpoch);
        var reference = logs.Values.First();
        Assert.All(logs.Values, log =>
        {
            Assert.Equal(reference.LogEndOffset, log.LogEndOffset);
            Assert.Equal(reference.HighWatermark, log.HighWatermark);
            Assert.Equal(reference.Epochs, log.Epochs);
        });
        Assert.Equal(3, reference.Epochs.Count);
        // What the truncations removed had only been acknowledged with acks=1: those records are the loss.
        var lost = o.Entries("lost").ToList();
        Assert.NotEmpty(lost);
        Assert.All(lost, l => Assert.Contains(truncations, t => t.FirstOffset <= l.FirstOffset && l.LastOffset <= t.LastOffset));
    }

    /// <summary>Source: KIP-279 / KIP-101: a follower that is behind but has not diverged keeps its whole log and fetches only what it missed (before KIP-101 it truncated to its high watermark).</summary>
    [Fact]
    public void AFollowerThatIsOnlyBehindTruncatesNothingAndCatchesUp()
    {
        var o = Scenario.Run(FollowerRestart);
        output.WriteLine(o.Brief());
        var logs = o.ReplicaLogs("orders-0");
        foreach (var (id, log) in logs) output.WriteLine($"broker {id}: LEO {log.LogEndOffset} HW {log.HighWatermark} epochs {string.Join(", ", log.Epochs)}");
        Assert.Empty(o.Entries("truncation"));
        Assert.NotNull(o.Find("orders-0: the ISR expands", "broker 3 caught up"));
        Assert.Single(logs.Values.Select(l => l.LogEndOffset).Distinct());
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }
}
