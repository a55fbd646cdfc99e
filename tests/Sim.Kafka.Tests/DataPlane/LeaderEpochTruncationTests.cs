using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class LeaderEpochTruncationTests(ITestOutputHelper output)
{
    /// <summary>Source: KIP-101 (leader epoch replaces the high watermark for truncation) and KIP-279 (truncate to the diverging epoch's end).</summary>
    [Fact]
    public void ADivergedFormerLeaderTruncatesToTheNewLeaderAndEveryInSyncReplicaEndsWithTheSameLog()
    {
        var t = KafkaScenario.Create().WithSeed(505).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        // acks=1 without idempotence: the old leader acknowledges writes its followers never get, and the new
        // leader takes other writes at the same offsets.
        var producer = new ProducerConfig { Acks = 1, EnableIdempotence = false };
        t.Producer("a", KafkaScenario.Steady("orders", 1000) with { Stop = SimTime.FromSeconds(50) }, producer);
        t.RunUntil(SimTime.FromSeconds(10));
        var ps = t.Cluster.PartitionState(0);
        int oldLeader = ps.Leader;
        var cut = t.CutBetween([t.BrokerNode(oldLeader)], ps.Replicas.Where(r => r != oldLeader).Select(t.BrokerNode).ToArray());
        t.RunUntil(SimTime.FromSeconds(12));
        t.Cluster.CrashBroker(oldLeader, powerLoss: false);
        long oldLeaderEnd = t.Cluster.Broker(oldLeader).Replica(0)!.Log.LogEndOffset;
        t.RunUntil(SimTime.FromSeconds(30));
        var newLeaderLog = t.Cluster.FinalLog(0)!;
        long newEpochStart = newLeaderLog.Epochs[^1].StartOffset;
        Assert.True(newLeaderLog.LogEndOffset > oldLeaderEnd, "the new leader wrote past the old leader's end at the same offsets");
        t.Network.RemoveCut(cut);
        t.Cluster.RestartBroker(oldLeader);
        t.RunUntil(SimTime.FromSeconds(70));

        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        foreach (var tr in t.Trace.Truncations) output.WriteLine($"{tr.At} broker {tr.Broker} truncated to {tr.To} removing {tr.Removed}: {tr.Cause}");
        var final = t.Cluster.PartitionState(0);
        var truncation = Assert.Single(t.Trace.Truncations, tr => tr.Broker == oldLeader);
        Assert.Contains("KIP-101", truncation.Cause);
        // The old leader keeps exactly the prefix it shares with the new leader: up to where epoch 1 starts.
        Assert.Equal(newEpochStart, truncation.To);
        Assert.Equal(oldLeaderEnd - newEpochStart, truncation.Removed);
        Assert.Equal(ps.Replicas.Length, final.Isr.Length);
        AssertIdenticalLogs(t, final.Isr, output);
        Assert.Equal(oldLeaderEnd - newEpochStart, t.Audit().LostRecords);
    }

    /// <summary>Source: KIP-101/KIP-279 ("a follower that is only behind truncates nothing"): the leader's end offset for the follower's last epoch is at or past the follower's end.</summary>
    [Fact]
    public void AFollowerThatIsOnlyBehindAcrossALeaderChangeTruncatesNothing()
    {
        var t = KafkaScenario.Create().WithSeed(506).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000) with { Stop = SimTime.FromSeconds(50) });
        t.RunUntil(SimTime.FromSeconds(10));
        var ps = t.Cluster.PartitionState(0);
        int oldLeader = ps.Leader;
        int behind = ps.Replicas[^1];
        t.Cluster.CrashBroker(behind, powerLoss: false);
        long behindEnd = t.Cluster.Broker(behind).Replica(0)!.Log.LogEndOffset;
        t.RunUntil(SimTime.FromSeconds(20));
        t.Cluster.CrashBroker(oldLeader, powerLoss: false);
        t.RunUntil(SimTime.FromSeconds(32));
        var newLeaderLog = t.Cluster.FinalLog(0)!;
        Assert.Equal(1, newLeaderLog.LatestEpoch);
        // The returning follower is behind in epoch 0, and epoch 1 starts after its end.
        Assert.True(newLeaderLog.Epochs[^1].StartOffset > behindEnd, $"epoch 1 starts at {newLeaderLog.Epochs[^1].StartOffset}, follower ends at {behindEnd}");
        t.Cluster.RestartBroker(behind);
        t.RunUntil(SimTime.FromSeconds(70));

        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        foreach (var tr in t.Trace.Truncations) output.WriteLine($"{tr.At} broker {tr.Broker} truncated to {tr.To} removing {tr.Removed}: {tr.Cause}");
        Assert.DoesNotContain(t.Trace.Truncations, tr => tr.Broker == behind);
        var final = t.Cluster.PartitionState(0);
        Assert.Contains(behind, final.Isr);
        AssertIdenticalLogs(t, final.Isr, output);
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>
    /// Every in-sync replica holds the same log: the same end offset, high watermark and leader epoch cache
    /// (so the same epoch at every offset, KIP-101's log matching), with epochs and start offsets in order.
    /// </summary>
    private static void AssertIdenticalLogs(KafkaScenario t, int[] isr, ITestOutputHelper output)
    {
        var logs = isr.Select(id => (Id: id, Log: t.Cluster.Broker(id).Replica(0)!.Log)).ToList();
        foreach (var (id, log) in logs)
            output.WriteLine($"broker {id}: LEO {log.LogEndOffset} HW {log.HighWatermark} epochs {string.Join(" ", log.Epochs)}");
        var reference = logs[0].Log;
        foreach (var (id, log) in logs)
        {
            Assert.True(log.LogEndOffset == reference.LogEndOffset, $"broker {id} ends at {log.LogEndOffset}, broker {logs[0].Id} at {reference.LogEndOffset}");
            Assert.True(log.HighWatermark == reference.HighWatermark, $"broker {id} HW {log.HighWatermark}, broker {logs[0].Id} HW {reference.HighWatermark}");
            Assert.Equal<EpochEntry>(reference.Epochs, log.Epochs);
            for (int i = 1; i < log.Epochs.Count; i++)
            {
                Assert.True(log.Epochs[i].Epoch > log.Epochs[i - 1].Epoch, $"broker {id}: epochs out of order");
                Assert.True(log.Epochs[i].StartOffset >= log.Epochs[i - 1].StartOffset, $"broker {id}: epoch start offsets go backwards");
            }
        }
    }
}
