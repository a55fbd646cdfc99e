using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Faults;

/// <summary>
/// Faults that wait for the cluster's state rather than a clock: a follower of orders-0 crashes at 10 s;
/// the other follower crashes as soon as the ISR is down to two, and the leader as soon as it is down to
/// one, roles resolved when each fires.
/// </summary>
public class ConditionalFaultScenarios(ITestOutputHelper output)
{
    private const string LastReplicaStanding = """
        name: last-replica-standing
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 60s
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
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: "follower-of:orders/0", mode: process }
          - kind: broker-crash
            target: "follower-of:orders/0"
            mode: process
            when: { isr-size: { partition: orders/0, equals: 2 } }
            at: 11s
            timeout: 30s
          - kind: broker-crash
            target: "leader-of:orders/0"
            mode: process
            when: { isr-size: { partition: orders/0, equals: 1 } }
            timeout: 40s
        """;

    /// <summary>
    /// Source: kafkatest's replication and KIP-966 (Eligible Leader Replicas) tests wait for the ISR to shrink
    /// (<c>wait_until(lambda: len(self.kafka.isr_idx_list(topic, partition)) == n)</c>) before the next kill.
    /// Kafka's documentation (min.insync.replicas; unclean.leader.election.enable=false): once the ISR is the
    /// leader alone, acks=all writes fail with NOT_ENOUGH_REPLICAS, and when that last replica dies the
    /// partition stays offline rather than electing an out-of-sync replica, so nothing acknowledged is lost.
    /// </summary>
    [Fact]
    public void EachCrashWaitsForTheIsrToShrinkAndTheLastReplicaStandingKeepsEveryAcknowledgedRecord()
    {
        var o = Scenario.Run(LastReplicaStanding);
        output.WriteLine(o.Narration);
        var faults = o.Result.Faults;
        double toTwo = o.FirstTime("isr", "orders-0: the ISR shrinks", "to {", "} (broker");
        double toOne = o.Entries("isr").First(e => e.TimeS > toTwo && e.Text.Contains("orders-0: the ISR shrinks", StringComparison.Ordinal)).TimeS;
        output.WriteLine($"ISR to 2 at {F(toTwo)} s, second crash at {F(S(faults[1].Start))} s; ISR to 1 at {F(toOne)} s, leader crash at {F(S(faults[2].Start))} s");
        Assert.Equal(3, faults.Count);
        // A condition reads the active controller's metadata image, which has a decision some 27 ms (append
        // linger and a round trip to the voters) before the trace reports it committed; the check tick is 100 ms.
        Assert.InRange(S(faults[1].Start) - toTwo, -0.05, 0.1 + 1e-9);
        Assert.InRange(S(faults[2].Start) - toOne, -0.05, 0.1 + 1e-9);
        Assert.DoesNotContain(o.Entries("leader"), e => e.TimeS > S(faults[2].Start) && e.Text.Contains("orders-0: the leader moves", StringComparison.Ordinal));
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>A condition that never holds within its timeout leaves the fault unfired, and faults.csv says so.</summary>
    [Fact]
    public void AConditionThatNeverHoldsLeavesTheFaultUnfiredAndSaysSo()
    {
        var o = Scenario.Run(LastReplicaStanding, 0, "faults.0.at=59s");
        var second = o.Result.Faults.Single(f => f.Resolved.Contains("= 2", StringComparison.Ordinal));
        var third = o.Result.Faults.Single(f => f.Resolved.Contains("= 1", StringComparison.Ordinal));
        output.WriteLine($"{second.Kind} {second.Resolved} at {F(S(second.Start))} s");
        Assert.StartsWith("not fired: isr-size of orders/0 = 2 did not hold by", second.Resolved, StringComparison.Ordinal);
        Assert.Equal(41, S(second.Start), 3);
        Assert.StartsWith("not fired", third.Resolved, StringComparison.Ordinal);
        Assert.Equal(40, S(third.Start), 3);
        Assert.Empty(o.Entries("fenced"));
    }

    private static double S(Sim.Core.Time.SimTime t) => (t - Sim.Core.Time.SimTime.Zero).TotalSeconds;
}
