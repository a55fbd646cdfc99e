using Sim.Core.Time;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// Broker liveness through the controller session: a broker silent for <c>broker.session.timeout.ms</c>
/// is fenced, and in the same controller action it leaves every ISR and its partitions get leaders
/// from their ISR (KRaftConfigs, BrokerHeartbeatManager, ReplicationControlManager; kafka-facts, Controller).
/// </summary>
public class BrokerFencingTests(ITestOutputHelper output)
{
    private static readonly SimDuration SessionTimeout = SimDuration.FromSeconds(9);

    /// <summary>KRaftConfigs broker.session.timeout.ms (9000) and BrokerHeartbeatManager: fencing counts from the last heartbeat received; the fence and the new leaders are one controller action.</summary>
    [Fact]
    public void ACrashedBrokerIsFencedASessionTimeoutAfterItsLastHeartbeatAndItsPartitionsGetLeadersFromTheIsrInTheSameStep()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithSeed(11).Build();
        var heartbeats = ControllerTap.Heartbeats(t);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromMilliseconds(10_500));

        int victim = t.Cluster.PartitionState(0).Leader;
        var before = Enumerable.Range(0, 6).Select(t.Cluster.PartitionState).ToArray();
        var led = before.Where(ps => ps.Leader == victim).ToArray();
        Assert.NotEmpty(led);
        t.Cluster.CrashBroker(victim, powerLoss: false);
        var crashAt = t.Now;
        t.RunFor(SimDuration.FromSeconds(15));

        var lastHeartbeat = heartbeats.Where(h => h.Broker == victim && h.At <= crashAt).Max(h => h.At);
        var fence = Assert.Single(t.Trace.Fenced);
        output.WriteLine($"crash {crashAt}, last heartbeat {lastHeartbeat}, fenced {fence.At} ({fence.At - lastHeartbeat} after the heartbeat, {fence.At - crashAt} after the crash): {fence.Cause}");
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.Before} -> {c.After}: {c.Cause}");
        Assert.Equal(victim, fence.Broker);
        var sinceHeartbeat = fence.At - lastHeartbeat;
        Assert.True(sinceHeartbeat >= SessionTimeout, $"fenced only {sinceHeartbeat} after the last heartbeat");
        Assert.True(sinceHeartbeat <= SessionTimeout + SimDuration.FromMilliseconds(250), $"fenced {sinceHeartbeat} after the last heartbeat");

        foreach (var ps in before.Where(ps => ps.InIsr(victim)))
        {
            var change = Assert.Single(t.Trace.PartitionChanges, c => c.After.Partition == ps.Partition);
            Assert.Equal(fence.At, change.At);
            Assert.False(change.After.InIsr(victim), $"{change.After} still has broker {victim} in its ISR");
            if (ps.Leader != victim)
            {
                Assert.Equal(ps.Leader, change.After.Leader);
                continue;
            }
            Assert.NotEqual(victim, change.After.Leader);
            Assert.Contains(change.After.Leader, ps.Isr);
            Assert.Equal(ps.LeaderEpoch + 1, change.After.LeaderEpoch);
        }
    }

    /// <summary>kafka-facts (Controller): fenced 9 s after the last heartbeat (heartbeats every 2 s) and new leaders in the same step, so with the defaults a moved partition takes writes again within ten seconds of the crash.</summary>
    [Theory]
    [InlineData(10_500)]
    [InlineData(10_050)]
    public void ANewLeaderAcknowledgesWritesWithinTenSecondsOfItsLeadersCrash(int crashAtMs)
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithSeed(12).Build();
        var acks = t.TrackAcks();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunUntil(SimTime.FromSeconds(crashAtMs / 1000.0));

        int victim = t.Cluster.PartitionState(0).Leader;
        var moved = Enumerable.Range(0, 6).Select(t.Cluster.PartitionState).Where(ps => ps.Leader == victim).ToArray();
        t.Cluster.CrashBroker(victim, powerLoss: false);
        var crashAt = t.Now;
        t.RunFor(SimDuration.FromSeconds(15));

        var fence = Assert.Single(t.Trace.Fenced);
        foreach (var ps in moved)
        {
            var served = acks.FirstAck(ps.Partition, crashAt, minEpoch: ps.LeaderEpoch + 1);
            output.WriteLine($"p{ps.Partition}: crash {crashAt}, fenced {fence.At}, first write acknowledged by the new leader {served} ({(served - crashAt)?.ToString() ?? "never"} after the crash)");
            Assert.NotNull(served);
            Assert.True(served.Value - crashAt <= SimDuration.FromSeconds(10), $"p{ps.Partition} served again only {served.Value - crashAt} after the crash");
        }
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>
    /// BrokerHeartbeatManager.calculateNextBrokerState with QuorumController's registerBrokerRecordOffset: a fenced broker
    /// is unfenced once its metadata has reached its own registration record. A broker cut off past its session and
    /// back without a restart already has, so it is unfenced by its heartbeats after the cut heals even while its
    /// metadata fetches still fail (a filter drops them here), not only once it has fetched what was written meanwhile.
    /// </summary>
    [Fact]
    public void ABrokerFencedWhileCutOffIsUnfencedByItsHeartbeatsAfterTheCutHealsBeforeItFetchesTheMetadata()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithSeed(17).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        var node = t.BrokerNode(3);
        var cut = t.CutBetween([node], [.. t.Topology.Nodes.Where(n => n != node)]);
        t.RunFor(SimDuration.FromSeconds(15));
        var fence = Assert.Single(t.Trace.Fenced, f => f.Broker == 3);
        long metadataAtFence = t.Cluster.Broker(3).Metadata.NextOffset;
        t.Network.RemoveCut(cut);
        t.Network.AddCut(cut with { Name = "metadata fetches of broker 3", Only = m => m is Sim.Kafka.Protocol.QuorumFetchRequest });
        var healed = t.Now;
        t.RunFor(SimDuration.FromSeconds(10));

        var unfenced = Assert.Single(t.Trace.Unfenced, u => u.Broker == 3);
        output.WriteLine($"fenced at {fence.At}, cut healed at {healed}, unfenced at {unfenced.At} ({unfenced.At - healed} after); metadata still at {t.Cluster.Broker(3).Metadata.NextOffset}");
        Assert.Equal(metadataAtFence, t.Cluster.Broker(3).Metadata.NextOffset);
        Assert.InRange((unfenced.At - healed).TotalSeconds, 0, 4.1);
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
