using Sim.Core.Time;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class IsrLagTests(ITestOutputHelper output)
{
    /// <summary>Source: ReplicationConfigs replica.lag.time.max.ms (30 s) and Partition.scala maybeShrinkIsr (checked every half lag time); design.html 4.7.</summary>
    [Fact]
    public void AFollowerCutOffFromItsLeaderButNotTheControllerLeavesTheIsrByTheLagRuleAndRejoinsAfterTheHeal()
    {
        var t = KafkaScenario.Create().WithSeed(303).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunUntil(SimTime.FromSeconds(20.3));
        var ps = t.Cluster.PartitionState(0);
        int leader = ps.Leader, follower = ps.Replicas[^1];
        Assert.NotEqual(leader, follower);
        var cut = t.CutBetween([t.BrokerNode(leader)], [t.BrokerNode(follower)]);
        var cutAt = t.Now;
        t.RunUntil(SimTime.FromSeconds(40));
        // Nothing reaches the leader from the follower any more, so this is when it last caught up.
        var lastCaughtUp = t.Cluster.Broker(leader).Replica(0)!.Follower(follower)!.LastCaughtUp;
        t.RunUntil(SimTime.FromSeconds(70));
        t.Network.RemoveCut(cut);
        var healAt = t.Now;
        t.RunUntil(SimTime.FromSeconds(110));

        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        var lag = t.Cluster.Context.Broker.ReplicaLagTimeMax;
        var left = Assert.Single(t.Trace.PartitionChanges, c => c.Before is { } b && b.InIsr(follower) && !c.After.InIsr(follower));
        var rejoined = Assert.Single(t.Trace.PartitionChanges, c => c.Before is { } b && !b.InIsr(follower) && c.After.InIsr(follower));
        output.WriteLine($"cut {cutAt}, last caught up {lastCaughtUp}, left after {left.At - lastCaughtUp}, healed {healAt}, rejoined after {rejoined.At - healAt}");

        Assert.True(cutAt - lastCaughtUp < SimDuration.FromMilliseconds(600), $"last caught up at {lastCaughtUp}, cut at {cutAt}");
        // Removal lands between 1x and 1.5x the lag time after the follower last caught up, plus the AlterPartition round trip.
        Assert.InRange((left.At - lastCaughtUp).TotalSeconds, lag.TotalSeconds, 1.5 * lag.TotalSeconds + 0.3);
        Assert.Contains("replica.lag.time.max.ms", left.Cause);
        Assert.Equal(leader, left.After.Leader);
        Assert.Equal(ps.LeaderEpoch, left.After.LeaderEpoch);
        // The follower kept its controller session: it is never fenced, so only the lag rule removed it.
        Assert.Empty(t.Trace.Fenced);
        // It rejoins once a fetch gets through: at worst after its fetch in flight during the cut times out
        // (replica.socket.timeout.ms) and the fetch backoff (replica.fetch.backoff.ms) passes.
        var cfg = t.Cluster.Context.Broker;
        Assert.True(rejoined.At > healAt, $"rejoined at {rejoined.At}, before the heal at {healAt}");
        Assert.True(rejoined.At - healAt < cfg.ReplicaSocketTimeout + cfg.ReplicaFetchBackoff + SimDuration.FromSeconds(2), $"rejoined {rejoined.At - healAt} after the heal");
        Assert.Contains("caught up", rejoined.Cause);
        Assert.Equal(ps.Replicas.Length, t.Cluster.PartitionState(0).Isr.Length);
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
