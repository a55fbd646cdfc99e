using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class UncleanElectionTests(ITestOutputHelper output)
{
    /// <summary>Source: ReplicationConfigs / TopicConfig unclean.leader.election.enable; design.html 4.7 "Unclean leader election: What if they all die?".</summary>
    [Fact]
    public void UncleanElectionLosesExactlyTheAcknowledgedRecordsTheNewLeaderNeverHad()
    {
        var run = RunOutOfSyncFollowerThenLeaderCrash(unclean: true);
        var t = run.T;
        var election = Assert.Single(t.Trace.PartitionChanges, c => c.After.Leader == run.Follower && c.Before?.Leader != run.Follower);
        Assert.Contains("unclean", election.Cause);
        Assert.Equal([run.Follower], election.After.Isr);
        Assert.True(run.StateBeforeRestart.Leader == run.Follower, $"before the restart: {run.StateBeforeRestart}");
        // The new leader's epoch starts at the end of what it had when it fell out of sync.
        var newLeaderLog = t.Cluster.Broker(run.Follower).Replica(0)!.Log;
        Assert.Equal(run.FollowerEndAtCrash, newLeaderLog.Epochs.Single(e => e.Epoch == election.After.LeaderEpoch).StartOffset);

        long expected = run.Acks.Acks
            .Where(a => a.LeaderEpoch < election.After.LeaderEpoch)
            .Sum(a => Math.Max(0, a.BaseOffset + a.Count - Math.Max(a.BaseOffset, run.FollowerEndAtCrash)));
        var audit = t.Audit();
        output.WriteLine($"new leader had {run.FollowerEndAtCrash}; acked beyond it {expected}; audit lost {audit.LostRecords} of {audit.AuditedRecords}");
        Assert.True(expected > 10_000, $"only {expected} acknowledged records beyond the new leader's end");
        Assert.Equal(expected, audit.LostRecords);
        // The returning old leader truncates to the unclean leader's log.
        Assert.Contains(t.Trace.Truncations, tr => tr.Broker == run.Leader && tr.To == run.FollowerEndAtCrash);
    }

    /// <summary>Source: ReplicationConfigs unclean.leader.election.enable (default false): with the whole ISR gone the partition stays offline until an ISR member returns; design.html 4.7.</summary>
    [Fact]
    public void WithUncleanElectionOffThePartitionStaysOfflineUntilTheIsrReturnsAndLosesNothing()
    {
        var run = RunOutOfSyncFollowerThenLeaderCrash(unclean: false);
        var t = run.T;
        Assert.True(run.StateBeforeRestart.Leader == PartitionState.NoLeader, $"before the restart: {run.StateBeforeRestart}");
        Assert.Equal([run.Leader], run.StateBeforeRestart.Isr);
        Assert.DoesNotContain(t.Trace.PartitionChanges, c => c.After.Leader == run.Follower);
        Assert.DoesNotContain(t.Trace.PartitionChanges, c => c.Cause.Contains("unclean"));
        Assert.Equal(run.Leader, t.Cluster.PartitionState(0).Leader);
        var audit = t.Audit();
        output.WriteLine($"audit lost {audit.LostRecords} of {audit.AuditedRecords}");
        Assert.True(audit.AuditedRecords > 50_000, $"audited {audit.AuditedRecords}");
        Assert.Equal(0, audit.LostRecords);
    }

    private sealed record Run(KafkaScenario T, AckTimeline Acks, int Leader, int Follower, long FollowerEndAtCrash, PartitionState StateBeforeRestart);

    /// <summary>
    /// RF 2, min ISR 1, acks=all at 1000 records/s. At 10 s the follower is cut off from the leader (not
    /// from the controllers) and leaves the ISR by the lag rule; the leader goes on alone. At 70 s the
    /// leader's process crashes, so no ISR member is alive; at 95 s the cut heals and the old leader restarts.
    /// </summary>
    private Run RunOutOfSyncFollowerThenLeaderCrash(bool unclean)
    {
        var t = KafkaScenario.Create().WithSeed(606).WithTopic("orders", partitions: 1, rf: 2, minIsr: 1, unclean: unclean).Build();
        var acks = new AckTimeline();
        t.Events.Add(acks);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunUntil(SimTime.FromSeconds(10));
        var ps = t.Cluster.PartitionState(0);
        int leader = ps.Leader, follower = ps.Replicas.Single(r => r != leader);
        var cut = t.CutBetween([t.BrokerNode(leader)], [t.BrokerNode(follower)]);
        t.RunUntil(SimTime.FromSeconds(70));
        Assert.Equal([leader], t.Cluster.PartitionState(0).Isr);
        long followerEnd = t.Cluster.Broker(follower).Replica(0)!.Log.LogEndOffset;
        t.Cluster.CrashBroker(leader, powerLoss: false);
        t.RunUntil(SimTime.FromSeconds(95));
        var beforeRestart = t.Cluster.PartitionState(0);
        t.Network.RemoveCut(cut);
        t.Cluster.RestartBroker(leader);
        t.RunUntil(SimTime.FromSeconds(115));
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        foreach (var tr in t.Trace.Truncations) output.WriteLine($"{tr.At} broker {tr.Broker} truncated to {tr.To} removing {tr.Removed}: {tr.Cause}");
        return new Run(t, acks, leader, follower, followerEnd, beforeRestart);
    }
}
