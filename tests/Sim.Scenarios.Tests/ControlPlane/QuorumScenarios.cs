using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// The KRaft controller quorum. Source: KIP-595 ("A Raft Protocol for the Metadata Quorum": a leader is
/// elected, and records committed, by a majority of voters); KIP-500/KIP-631 (the active controller is the
/// quorum leader, and it alone fences brokers, elects partition leaders and changes ISRs); Confluent,
/// "Multi-Region Clusters" and the two-datacenter guidance (a stretch cluster over two sites must put the
/// majority of voters in one of them, and loses its control plane with that site; a third site breaks the tie).
/// </summary>
public class QuorumScenarios(ITestOutputHelper output)
{
    // Two sites, two brokers each, RF 4 so that either site alone still holds min.insync.replicas replicas. The run
    // goes on 25 s past the outage: site a's brokers, back from a power loss, recover their logs for 10 s
    // (sim.broker.startup.unclean) before they register and are fenced, and only then does leadership leave them.
    private const string TwoSites = """
        name: two-site-quorum
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 75s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b]
            brokers_per_site: 2
            controllers: { a: 2, b: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 2, replication.factor: 4, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: b, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 15s, kind: site-outage, target: a, duration: 35s }
        """;

    private const string ControllerCrash = """
        name: controller-crash
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 40s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: controller-crash, target: active-controller, duration: 10s }
        """;

    /// <summary>Source: KIP-595 (a quorum leader needs the votes of a majority of voters, and records commit on a majority); KIP-631 (only the active controller fences brokers, elects leaders and changes ISRs).</summary>
    [Fact]
    public void ATwoSiteStretchClusterLosesItsControlPlaneWithTheSiteHoldingTheVoterMajorityButNotWithTheOther()
    {
        var majorityLost = Scenario.Run(TwoSites);
        var minorityLost = Scenario.Run(TwoSites, 0, "architectures.stretch.controllers={a: 1, b: 2}");
        output.WriteLine(majorityLost.Brief());
        output.WriteLine("---- voter majority in b ----");
        output.WriteLine(minorityLost.Brief());

        // Voters 5 and 6 in a, 7 in b: voter 7 alone cannot win an election, so nothing is decided until a returns.
        var during = (double t) => t > 15 && t < 50;
        Assert.DoesNotContain(majorityLost.Entries("controller"), e => during(e.TimeS) && e.Text.Contains("wins"));
        Assert.DoesNotContain(majorityLost.Entries("fenced"), e => during(e.TimeS));
        Assert.DoesNotContain(majorityLost.Entries("leader"), e => during(e.TimeS));
        // Not even the partitions led in b can shrink their ISR (AlterPartition needs the controller), so acks=all stalls everywhere.
        long ackedDuring = majorityLost.Sum(r => r.Acked, 20, 45);
        Assert.Equal(0, ackedDuring);

        double elected = minorityLost.FirstTime("controller", "wins the quorum election") ;
        double moved = minorityLost.FirstTime("leader", "orders-0: the leader moves from broker 1");
        long ackedDuringMinority = minorityLost.Sum(r => r.Acked, 30, 45);
        output.WriteLine($"majority in a: no election, fencing or acknowledgement from 15 s to 50 s; majority in b: controller elected at {F(elected)} s, orders-0 moved at {F(moved)} s, {ackedDuringMinority} records acknowledged 30-45 s");
        Assert.InRange(elected, 15, 20);
        Assert.InRange(moved, elected + 7, elected + 9.5);
        Assert.True(ackedDuringMinority > 0, "the surviving majority did not restore writes");
        Assert.Equal(0, majorityLost.Result.AckedRecordsLost + minorityLost.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KIP-595 (a follower voter that hears nothing for <c>controller.quorum.fetch.timeout.ms</c> (2 s) stands
    /// for election); QuorumController / BrokerHeartbeatManager (a new active controller starts every broker's session
    /// afresh rather than fencing brokers it has not yet heard from).
    /// </summary>
    [Fact]
    public void WhenTheActiveControllerCrashesAnotherVoterTakesOverWithinSecondsAndNoBrokerIsFenced()
    {
        var o = Scenario.Run(ControllerCrash);
        output.WriteLine(o.Brief());
        double resigned = o.FirstTime("controller", "stops leading the quorum");
        double elected = o.FirstTime("controller", "wins the quorum election", "epoch 2");
        output.WriteLine($"active controller lost at {F(resigned)} s, successor at {F(elected)} s; producer RTO {F(o.Result.ProducerRto.Seconds)} s");
        Assert.InRange(elected - resigned, 1.0, 5.0);
        Assert.Empty(o.Entries("fenced"));
        Assert.Equal(0, o.Result.LeaderElections);
        Assert.Equal(0, o.Result.ProducerRto.AffectedStreams);
    }
}
