using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class AcksDurabilityTests(ITestOutputHelper output)
{
    /// <summary>Source: ProducerConfig acks ("acks=1 ... if the leader fails immediately after acknowledging but before the followers have replicated it, the record will be lost"); design.html 4.7.</summary>
    [Fact]
    public void WithAcks1ALeaderThatDiesBeforeItsFollowersFetchLosesAcknowledgedRecords()
    {
        var (t, acks, cutAt, crashAt) = RunLeaderCrashAfterFollowersAreCutOff(acks: 1);
        var audit = t.Audit();
        long newEpochStart = NewLeaderEpochStart(t);
        var beyond = acks.Acks.Where(a => a.LeaderEpoch == 0 && a.BaseOffset + a.Count > newEpochStart).ToList();
        long expected = beyond.Sum(a => a.BaseOffset + a.Count - Math.Max(a.BaseOffset, newEpochStart));
        output.WriteLine($"lost {audit.LostRecords} of {audit.AuditedRecords}; acked at offsets >= {newEpochStart}: {expected}");
        // About two seconds of acks=1 writes at 1000 records/s reached only the old leader.
        Assert.InRange(audit.LostRecords, 1500, 2500);
        // Exactly the acknowledged records at offsets the new leader never had are lost, and they were
        // all acknowledged while the followers could not fetch.
        Assert.Equal(expected, audit.LostRecords);
        Assert.All(beyond, a => Assert.True(a.At >= cutAt - SimDuration.FromMilliseconds(100) && a.At <= crashAt, $"acked at {a.At}"));
        Assert.Contains(t.Trace.Truncations, tr => tr.Removed >= expected && tr.To == newEpochStart && tr.Cause.Contains("KIP-101"));
    }

    /// <summary>Source: the model's LostRange contract (Observation/LostRange.cs: "which offsets ... when they were acknowledged"), the basis of RPO.</summary>
    [Fact]
    public void TheAuditReportsWhichOffsetsWereLostAndWhenTheyWereAcknowledged()
    {
        var (t, _, cutAt, crashAt) = RunLeaderCrashAfterFollowersAreCutOff(acks: 1);
        var audit = t.Audit();
        long newEpochStart = NewLeaderEpochStart(t);
        foreach (var l in audit.Lost) output.WriteLine($"lost {l}");
        Assert.NotEmpty(audit.Lost);
        Assert.All(audit.Lost, l =>
        {
            Assert.True(l.BaseOffset >= newEpochStart, $"{l} starts below {newEpochStart}, where the new leader's epoch starts");
            Assert.True(l.FirstAckedAt >= cutAt - SimDuration.FromMilliseconds(100) && l.LastAckedAt <= crashAt, $"{l} reaches back before the cut at {cutAt}");
        });
    }

    /// <summary>Source: ProducerConfig acks ("acks=all ... the record will not be lost as long as at least one in-sync replica remains alive"); design.html 4.7.</summary>
    [Fact]
    public void WithAcksAllTheSameLeaderCrashLosesNoAcknowledgedRecord()
    {
        var (t, _, _, _) = RunLeaderCrashAfterFollowersAreCutOff(acks: -1);
        var audit = t.Audit();
        output.WriteLine($"lost {audit.LostRecords} of {audit.AuditedRecords}, failed {t.Ledger.RecordsFailed}");
        Assert.True(audit.AuditedRecords > 30_000, $"audited {audit.AuditedRecords}");
        Assert.Equal(0, audit.LostRecords);
        Assert.Empty(audit.Lost);
    }

    /// <summary>Source: OutOfOrderSequenceException javadoc ("idempotence only ... it is possible to continue sending"), TransactionManager.canRetry, KIP-360.</summary>
    [Fact]
    public void AnIdempotentAcks1ProducerKeepsWritingAfterTheNewLeaderLostItsLatestSequences()
    {
        var (t, acks, _, _) = RunLeaderCrashAfterFollowersAreCutOff(acks: 1);
        var elected = t.Trace.PartitionChanges.First(c => c.After.LeaderEpoch == 1).At;
        long ackedAfter = acks.Acks.Where(a => a.At > elected).Sum(a => (long)a.Count);
        double offered = 1000 * (t.Now - elected).TotalSeconds;
        output.WriteLine($"new leader at {elected}; acked {ackedAfter} records after it of ~{offered:F0} offered");
        // Some records may fail with OUT_OF_ORDER_SEQUENCE_NUMBER; the partition must not stay blocked behind them.
        Assert.True(ackedAfter > 0.8 * offered, $"acked {ackedAfter} of ~{offered:F0} records after the failover");
        Assert.False(t.Ledger.FailuresByError.ContainsKey(ErrorCode.BufferExhausted), "the producer's buffer filled up");
    }

    /// <summary>
    /// One partition, RF 3, min ISR 2, 1000 records/s. At 10 s the leader is cut off from both followers
    /// (not from the controllers), keeps taking writes for 2 s, then its process crashes; the controller
    /// fences it and a follower leads; at 32 s the cut heals and the old leader restarts.
    /// </summary>
    private (KafkaScenario T, AckTimeline Acks, SimTime CutAt, SimTime CrashAt) RunLeaderCrashAfterFollowersAreCutOff(short acks)
    {
        var t = KafkaScenario.Create().WithSeed(202).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        var timeline = new AckTimeline();
        t.Events.Add(timeline);
        t.Producer("a", KafkaScenario.Steady("orders", 1000), new ProducerConfig { Acks = acks });
        t.RunFor(SimDuration.FromSeconds(10));
        int leader = t.Cluster.PartitionState(0).Leader;
        var followers = t.Cluster.PartitionState(0).Replicas.Where(r => r != leader).Select(t.BrokerNode).ToArray();
        var cut = t.CutBetween([t.BrokerNode(leader)], followers);
        var cutAt = t.Now;
        t.RunFor(SimDuration.FromSeconds(2));
        t.Cluster.CrashBroker(leader, powerLoss: false);
        var crashAt = t.Now;
        t.RunFor(SimDuration.FromSeconds(20));
        t.Network.RemoveCut(cut);
        t.Cluster.RestartBroker(leader);
        t.RunFor(SimDuration.FromSeconds(20));
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        foreach (var tr in t.Trace.Truncations) output.WriteLine($"{tr.At} broker {tr.Broker} truncated to {tr.To} removing {tr.Removed}: {tr.Cause}");
        output.WriteLine($"acked {t.Ledger.RecordsAcked} failed {t.Ledger.RecordsFailed} retried {t.Ledger.RecordsRetried} buffered {t.Cluster.Producers[0].BufferedBytes} B");
        foreach (var e in t.Ledger.RetriesByError) output.WriteLine($"retried {e.Key}: {e.Value}");
        foreach (var e in t.Ledger.FailuresByError) output.WriteLine($"failed {e.Key}: {e.Value}");
        return (t, timeline, cutAt, crashAt);
    }

    /// <summary>Where the new leader's epoch (1) starts in its log: the end of what it had when elected.</summary>
    private static long NewLeaderEpochStart(KafkaScenario t)
    {
        var log = t.Cluster.FinalLog(0)!;
        return log.Epochs.Single(e => e.Epoch == 1).StartOffset;
    }
}
