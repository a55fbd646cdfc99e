using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// The whole ISR dies and an out-of-sync replica comes back first. Broker 3 crashes for good; broker 2
/// crashes at 20 s and is restarted at 30 s, and after recovering its logs (a crash leaves no clean-shutdown
/// marker: <c>sim.broker.startup.unclean</c>, 10 s) returns at 40 s with a log that ends at 20 s; broker 1, by
/// then alone in the ISR (<c>min.insync.replicas=1</c>), crashes at 32 s and is restarted at 52 s, back at 62 s.
/// Source: Kafka documentation, design section 4.7, "Unclean leader election: What if they all die?"
/// ("wait for a replica in the ISR to come back to life ... or choose the first replica (not necessarily in
/// the ISR) that comes back to life as the leader"); broker/topic config <c>unclean.leader.election.enable</c>
/// (default false since 0.11).
/// </summary>
public class UncleanLeaderElectionScenarios(ITestOutputHelper output)
{
    private const string WholeIsrDies = """
        name: unclean-leader-election
        model: models/three-metro-dcs.yaml
        seed: 11
        duration: 80s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 1, unclean.leader.election.enable: false }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: stretch-broker-3, mode: process }
          - { at: 20s, kind: broker-crash, target: stretch-broker-2, mode: process, duration: 10s }
          - { at: 32s, kind: broker-crash, target: stretch-broker-1, mode: process, duration: 20s }
        """;

    /// <summary>Source: design.html 4.7 (the first option, "wait for a replica in the ISR"), <c>unclean.leader.election.enable=false</c>.</summary>
    [Fact]
    public void WithUncleanElectionOffThePartitionStaysOfflineUntilItsLastInSyncReplicaReturnsAndLosesNothing()
    {
        var o = Scenario.Run(WholeIsrDies);
        output.WriteLine(o.Brief());
        double offline = o.FirstTime("leader", "orders-0 has no leader");
        double back = o.FirstTime("leader", "orders-0 gets a leader again: broker 1");
        output.WriteLine($"offline from {F(offline)} s to {F(back)} s; lost {o.Result.AckedRecordsLost}");
        // Broker 2 is back from 40 s, but it is not in the ISR, so it is not elected.
        Assert.InRange(offline, 32, 45);
        Assert.InRange(back, 62, 70);
        Assert.Empty(o.Matching("leader", "orders-0", "broker 2 at"));
        Assert.Empty(o.Matching("leader", "unclean"));
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: design.html 4.7 (the second option: the first replica to come back leads, in the ISR or not, and what
    /// it lacks is lost); <c>unclean.leader.election.enable=true</c>. The old leader, returning,
    /// truncates its log to the new leader's (KIP-101), and the records only it had are gone.
    /// </summary>
    [Fact]
    public void WithUncleanElectionOnAnOutOfSyncReplicaLeadsAndTheAcknowledgedRecordsItLackedAreLost()
    {
        var o = Scenario.Run(WholeIsrDies, 0, "topics.orders.unclean.leader.election.enable=true");
        output.WriteLine(o.Brief());
        double elected = o.FirstTime("leader", "orders-0 gets a leader again: broker 2", "unclean election");
        var truncation = Assert.Single(o.Matching("truncation", "broker 1 truncates orders-0"));
        var lost = o.Entries("lost").ToList();
        output.WriteLine($"broker 2 elected at {F(elected)} s; {truncation.Text}; lost {o.Result.AckedRecordsLost} records, offsets {lost.Min(l => l.FirstOffset)}-{lost.Max(l => l.LastOffset)}");
        Assert.InRange(elected, 40, 45);
        // Exactly the truncated offsets were acknowledged and lost: from where broker 2's log ended at its crash.
        Assert.Equal(truncation.FirstOffset, lost.Min(l => l.FirstOffset));
        Assert.Equal(truncation.LastOffset, lost.Max(l => l.LastOffset));
        Assert.Equal(truncation.LastOffset - truncation.FirstOffset + 1, o.Result.AckedRecordsLost);
        Assert.All(lost, l => Assert.Contains(l.Because, s => s.Contains("unclean.leader.election.enable=true")));
    }
}
