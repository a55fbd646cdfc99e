using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Operations;

/// <summary>
/// A partition written for 20 s on brokers 1, 2 and 3 is moved to brokers 4, 5 and 6 while the run goes on,
/// with and without a replication throttle (kafka-reassign-partitions --throttle).
/// </summary>
public class ReassignmentScenarios(ITestOutputHelper output)
{
    private const string MoveOrders = """
        name: move-orders
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 100s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 2
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2, replicas: [[1, 2, 3]] }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 1000/s, keys: 100, record.size: 1KiB, stop: 20s, config: { acks: all } }
        faults:
          - { at: 25s, kind: reassign-partitions, target: orders/0, replicas: [4, 5, 6] }
        """;

    /// <summary>
    /// Source: kafkatest's reassign_partitions_test and ReassignPartitionsIntegrationTest
    /// (testReassignment: the partition ends on exactly its target replicas, all in sync, and no
    /// acknowledged record is lost); KIP-455: the adding replicas catch up, then the old ones are removed.
    /// </summary>
    [Fact]
    public void AReassignedPartitionEndsOnItsTargetReplicasAllInSyncWithNothingLost()
    {
        var o = Scenario.Run(MoveOrders);
        output.WriteLine(o.Narration);
        var cluster = o.Run.Simulation.Clusters.Values.First();
        int index = cluster.Context.Partitions.First(p => p.Topic.Name == "orders").Index;
        var state = cluster.PartitionState(index);
        output.WriteLine(state.ToString());
        Assert.Equal([4, 5, 6], state.Replicas);
        Assert.Equal([4, 5, 6], state.Isr.Order());
        Assert.Contains(state.Leader, state.Replicas);
        Assert.False(state.Reassigning);
        foreach (int old in new[] { 1, 2, 3 }) Assert.Null(cluster.Broker(old).Replica(index));
        long end = cluster.Broker(state.Leader).Replica(index)!.Log.LogEndOffset;
        foreach (int b in state.Replicas) Assert.Equal(end, cluster.Broker(b).Replica(index)!.Log.LogEndOffset);
        Assert.Equal(0, o.Result.AckedRecordsLost);
        Assert.True(o.Result.RecordsAcked > 15_000);
    }

    /// <summary>
    /// Source: kafkatest's throttling_test (test_throttled_reassignment: with --throttle the move of the
    /// produced bytes takes at least their size divided by the throttle) and KIP-73: the leader and follower
    /// replication throttles bound the catching-up replicas only.
    /// </summary>
    [Fact]
    public void AThrottledReassignmentTakesAtLeastTheDataOverTheThrottle()
    {
        var fast = Scenario.Run(MoveOrders);
        var slow = Scenario.Run(MoveOrders, 0, "faults.0.throttle=1MiB");
        double fastS = Completed(fast), slowS = Completed(slow);
        var cluster = slow.Run.Simulation.Clusters.Values.First();
        int index = cluster.Context.Partitions.First(p => p.Topic.Name == "orders").Index;
        long bytes = cluster.Broker(cluster.PartitionState(index).Leader).Replica(index)!.Log.LogEndOffset * 1024;
        double floor = bytes / (1024.0 * 1024.0);
        output.WriteLine($"unthrottled: done {F(fastS - 25)} s after it began; throttled at 1 MiB/s: {F(slowS - 25)} s for 3 copies of about {F(floor)} MiB");
        Assert.InRange(fastS - 25, 0, 5);
        // The leader's throttle is one budget for all three new replicas, so the move takes three copies' time.
        Assert.True(slowS - 25 >= 3 * floor * 0.9, $"throttled reassignment took {slowS - 25:0.0} s, less than 3 x {floor:0.0} MiB at 1 MiB/s");
        Assert.True(slowS - 25 <= 3 * floor * 1.2 + 3, $"throttled reassignment took {slowS - 25:0.0} s, far more than 3 x {floor:0.0} MiB at 1 MiB/s");
        Assert.Equal(0, slow.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: AbstractFetcherThread.fetchOffsetAndTruncate (a follower whose log ends before the leader's log start
    /// truncates fully and starts at the leader's log start offset) and kafkatest's reassign_partitions_test, which
    /// reassigns while retention deletes old segments. Here retention (5 s, segments rolled every second) has deleted
    /// the start of the leader's log, still written to, by the time the new replicas, whose logs are empty, fetch from
    /// offset 0.
    /// </summary>
    [Fact]
    public void ANewReplicaOfALogWhoseStartWasDeleted_StartsAtTheLeadersLogStartAndJoinsTheIsr()
    {
        string yaml = MoveOrders
            .Replace("broker: { offsets.topic.num.partitions: 1 }", "broker: { offsets.topic.num.partitions: 1, log.retention.check.interval.ms: 1s }")
            .Replace("min.insync.replicas: 2, replicas:", "min.insync.replicas: 2, retention.ms: 5s, segment.ms: 1s, replicas:")
            .Replace("stop: 20s", "stop: 50s").Replace("{ at: 25s, kind: reassign-partitions", "{ at: 45s, kind: reassign-partitions");
        var o = Scenario.Run(yaml);
        var cluster = o.Run.Simulation.Clusters.Values.First();
        int index = cluster.Context.Partitions.First(p => p.Topic.Name == "orders").Index;
        var state = cluster.PartitionState(index);
        var leaderLog = cluster.Broker(state.Leader).Replica(index)!.Log;
        output.WriteLine(o.Narration);
        foreach (int b in state.Replicas) output.WriteLine($"broker {b}: log {cluster.Broker(b).Replica(index)!.Log.LogStartOffset}..{cluster.Broker(b).Replica(index)!.Log.LogEndOffset}");
        output.WriteLine($"{state}; leader's log {leaderLog.LogStartOffset}..{leaderLog.LogEndOffset}; reassignment completed at {F(Completed(o))} s");
        Assert.True(leaderLog.LogStartOffset > 0, "retention deleted nothing, so the scenario does not test what it names");
        Assert.Equal([4, 5, 6], state.Replicas);
        Assert.Equal([4, 5, 6], state.Isr.Order());
        Assert.InRange(Completed(o) - 45, 0, 5);
        foreach (int b in state.Replicas) Assert.Equal(leaderLog.LogEndOffset, cluster.Broker(b).Replica(index)!.Log.LogEndOffset);
        // Retention deleted every acknowledged record by the end: expired, not lost.
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    private static double Completed(Outcome o) =>
        o.Trace.Entries.First(e => e.Text.Contains("reassignment to", StringComparison.Ordinal) && e.Text.Contains("completed", StringComparison.Ordinal)).TimeS;
}
