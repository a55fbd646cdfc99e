using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// A controller quorum that has lost its majority (KIP-595; kafka-facts, Controller): no metadata
/// changes at all, so no elections, no ISR changes and no fencing, while leaders already serving go on
/// serving. ISR changes need the controller (AlterPartition), so a dead follower can no longer be
/// dropped from the ISR and acks=all writes to its partitions wait for it.
/// </summary>
public class QuorumLossTests(ITestOutputHelper output)
{
    private const int Partitions = 12;
    private const short AcksAll = -1;
    private const short AcksLeader = 1;

    /// <summary>With about 25 records a second per partition and producer, a pause this long means the partition stopped serving.</summary>
    private static readonly SimDuration Stall = SimDuration.FromSeconds(1);

    /// <summary>kafka-facts (Controller) and KIP-595: without a majority of voters, no elections, no ISR changes, no fencing, and leaders already serving go on serving; no acknowledged record is lost.</summary>
    [Fact]
    public void WithoutAControllerMajorityNoMetadataChangesButEveryLeaderKeepsServing()
    {
        var (t, acks, quorumLostAt, active) = LoseTheQuorum(seed: 41);
        t.RunFor(SimDuration.FromSeconds(10));

        foreach (var r in t.Trace.Resigned) output.WriteLine($"{r.At} controller {r.Controller} resigned epoch {r.Epoch}: {r.Cause}");
        Assert.Empty(t.ActiveControllers());
        Assert.DoesNotContain(t.Trace.Elected, e => e.At >= quorumLostAt);
        Assert.Empty(t.Trace.Fenced);
        Assert.Empty(t.Trace.PartitionChanges);
        for (int p = 0; p < Partitions; p++)
        {
            foreach (var level in new[] { AcksAll, AcksLeader })
            {
                var gap = acks.LongestGap(p, quorumLostAt, t.Now, level);
                Assert.True(gap < Stall, $"p{p} stopped acknowledging acks={level} for {gap} after the quorum was lost");
            }
        }
        Assert.Equal(0, t.Ledger.RecordsFailed);
        Assert.Equal(0, t.Audit().LostRecords);
        Assert.Equal(active, t.Trace.Resigned.Single(r => r.At >= quorumLostAt).Controller);
    }

    /// <summary>kafka-facts (Controller): fencing and ISR changes are controller actions, so without a quorum a crashed broker is not fenced, its partitions are not moved, a leader cannot drop it from the ISR (AlterPartition) and acks=all stalls on every partition it holds, while acks=1 goes on wherever the leader lives.</summary>
    [Fact]
    public void WithoutAControllerMajorityACrashedBrokerIsNotFencedAndAcksAllStallsOnItsPartitions()
    {
        var (t, acks, quorumLostAt, active) = LoseTheQuorum(seed: 42);
        t.RunFor(SimDuration.FromSeconds(5));

        var states = Enumerable.Range(0, Partitions).Select(t.Cluster.PartitionState).ToArray();
        int victim = states[0].Leader;
        t.Cluster.CrashBroker(victim, powerLoss: false);
        var crashAt = t.Now;
        // Longer than replica.lag.time.max.ms (30 s) and its check, so a leader would have shrunk its ISR if it could.
        t.RunFor(SimDuration.FromSeconds(50));
        var end = t.Now;

        output.WriteLine($"quorum lost {quorumLostAt}, broker {victim} crashed {crashAt}; fenced {t.Trace.Fenced.Count}, partition changes {t.Trace.PartitionChanges.Count}");
        Assert.Empty(t.ActiveControllers());
        Assert.DoesNotContain(t.Trace.Elected, e => e.At >= quorumLostAt);
        Assert.Empty(t.Trace.Fenced);
        Assert.Empty(t.Trace.PartitionChanges);
        Assert.False(t.Cluster.Controller(active).Image.IsFenced(victim), $"broker {victim} is fenced in the surviving controller's log");

        var settle = crashAt + SimDuration.FromSeconds(1);
        foreach (var ps in states)
        {
            long all = acks.RecordsAcked(ps.Partition, settle, end, AcksAll);
            long one = acks.RecordsAcked(ps.Partition, settle, end, AcksLeader);
            output.WriteLine($"{ps}: after the crash acks=all {all}, acks=1 {one} records acknowledged");
            if (ps.Leader == victim)
            {
                Assert.Equal(0, all + one);
                continue;
            }
            var leaderIsr = t.Cluster.Broker(ps.Leader).Replica(ps.Partition)!.State.Isr;
            if (ps.InIsr(victim))
            {
                Assert.Equal(0, all);
                Assert.Contains(victim, leaderIsr);
            }
            var gap = acks.LongestGap(ps.Partition, crashAt, end, AcksLeader);
            Assert.True(gap < Stall, $"{ps}: acks=1 stopped for {gap} although its leader lives");
        }
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>Six brokers in three zones, an acks=all and an acks=1 producer, then every controller but the active one crashes.</summary>
    private static (KafkaScenario T, AckRecorder Acks, SimTime QuorumLostAt, int Active) LoseTheQuorum(ulong seed)
    {
        var t = KafkaScenario.Create().WithBrokersPerZone(2).WithTopic("orders", partitions: Partitions, rf: 3, minIsr: 2).WithSeed(seed).Build();
        var acks = t.TrackAcks();
        t.Producer("a", KafkaScenario.Steady("orders", 300));
        t.Producer("a", KafkaScenario.Steady("orders", 300), new ProducerConfig { Acks = AcksLeader });
        t.RunFor(SimDuration.FromSeconds(10));
        int active = Assert.Single(t.ActiveControllers());
        foreach (var c in t.Cluster.Controllers.Where(c => c.Id != active).ToList()) t.Cluster.CrashController(c.Id);
        return (t, acks, t.Now, active);
    }
}
