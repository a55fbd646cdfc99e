using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// KRaft pre-vote. Source: KIP-996 ("Pre-Vote", Kafka 4.0) and its implementation in KafkaRaftClient and
/// ProspectiveState: a voter whose fetch timeout expires becomes Prospective and sends Vote requests with
/// PreVote=true at its current epoch; a voter grants a pre-vote only if the prospective's log is up to date and
/// it has not fetched from a leader within <c>controller.quorum.fetch.timeout.ms</c>; only a majority of
/// pre-votes makes it a Candidate. Without it (Kafka 3.x, KIP-595) the timed-out voter bumps the epoch at once.
/// Three sites, one broker and one controller each; controller 4 (site a) leads the quorum from the start.
/// </summary>
public class PreVoteScenarios(ITestOutputHelper output)
{
    // Three sites, one broker and one controller each; the faults are each test's.
    private const string ThreeSites = """
        model: models/three-metro-dcs.yaml
        seed: 5
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
        """;

    // What controller 5 sends to the leader (controller 4) is lost; everything else flows. Broker 2 dies meanwhile.
    private const string CutFromLeader = ThreeSites + "\n" + """
        name: pre-vote-cut-from-leader
        duration: 60s
        faults:
          - { at: 10s, kind: network-partition, target: stretch-controller-5, to: stretch-controller-4, one_way: true, duration: 45s }
          - { at: 12s, kind: broker-crash, target: stretch-broker-2, mode: process }
        """;

    // Controller 6 is cut off from every node for 20 s, then returns.
    private const string IsolatedVoterReturns = ThreeSites + "\n" + """
        name: pre-vote-isolated-voter
        duration: 45s
        faults:
          - { at: 10s, kind: network-partition, target: stretch-controller-6, duration: 20s }
        """;

    private const string Kafka3 = "architectures.stretch.broker.sim.controller.quorum.pre.vote.enable=false";

    private static int Elections(Outcome o, double fromS) => o.Matching("controller", "wins the quorum election").Count(e => e.TimeS >= fromS);

    /// <summary>
    /// Source: KIP-996 (a follower that still fetches from the leader rejects pre-votes, so a voter cut off from the
    /// leader alone cannot start an election); KafkaRaftClient (Prospective does not bump the epoch);
    /// QuorumController / BrokerHeartbeatManager (each new active controller starts broker sessions afresh, so
    /// repeated elections keep a dead broker unfenced); KRaftConfigs <c>broker.session.timeout.ms</c> 9000.
    /// </summary>
    [Fact]
    public void AVoterCutOffFromTheLeaderAloneNeitherStartsElectionsNorDelaysFencingWithPreVote()
    {
        var preVote = Scenario.Run(CutFromLeader);
        var kafka3 = Scenario.Run(CutFromLeader, 0, Kafka3);
        output.WriteLine(preVote.Brief());
        output.WriteLine("---- without pre-vote (Kafka 3.x) ----");
        output.WriteLine(kafka3.Brief());

        int withElections = Elections(preVote, 10), withoutElections = Elections(kafka3, 10);
        double fenced = preVote.FirstTime("fenced", "fences broker 2") - 12;
        var kafka3Fenced = kafka3.Matching("fenced", "fences broker 2").Select(e => e.TimeS - 12).FirstOrDefault(double.NaN);
        output.WriteLine($"pre-vote: {withElections} elections after the cut, broker 2 fenced {F(fenced)} s after its crash, writes to orders-1 back " +
            $"{F(preVote.FirstTime("recovered", "orders-1") - 12)} s after it; without: {withoutElections} elections, fenced {F(kafka3Fenced)} s after the crash, " +
            $"writes back {F(kafka3.FirstTime("recovered", "orders-1") - 12)} s after it");

        Assert.Equal(0, withElections);
        Assert.Empty(preVote.Matching("controller", "stops leading the quorum"));
        // The last heartbeat came up to one heartbeat interval (2 s) before the crash.
        Assert.InRange(fenced, 9 - 2, 9 + 0.2);
        // Without pre-vote controller 5 keeps standing, every new active controller restarts broker 2's session.
        Assert.True(withoutElections >= 4, $"without pre-vote only {withoutElections} elections");
        Assert.True(double.IsNaN(kafka3Fenced) || kafka3Fenced > fenced + 15, $"without pre-vote fenced after {kafka3Fenced} s");
        Assert.Equal(0, preVote.Result.AckedRecordsLost + kafka3.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KIP-996 (motivation: a voter returning from a partition with a higher epoch forces the healthy
    /// leader to step down; with pre-vote it never raised its epoch, and the voters that fetch from the leader
    /// reject its pre-votes, so it follows the leader again); KafkaRaftClient / ProspectiveState.
    /// </summary>
    [Fact]
    public void AVoterReturningFromIsolationDoesNotUnseatAHealthyLeaderWithPreVote()
    {
        var preVote = Scenario.Run(IsolatedVoterReturns);
        var kafka3 = Scenario.Run(IsolatedVoterReturns, 0, Kafka3);
        output.WriteLine(preVote.Brief());
        output.WriteLine("---- without pre-vote (Kafka 3.x) ----");
        output.WriteLine(kafka3.Brief());

        int withElections = Elections(preVote, 10);
        var unseated = kafka3.Matching("controller", "controller 6 wins the quorum election").FirstOrDefault(e => e.TimeS >= 30);
        output.WriteLine($"pre-vote: {withElections} elections, controller 4 leads throughout; without: {unseated?.Text ?? "no election"} at {unseated?.TimeS}");

        Assert.Equal(0, withElections);
        Assert.Empty(preVote.Matching("controller", "stops leading the quorum"));
        // Without pre-vote the isolated voter raised its epoch at every try; back, its Vote request deposes controller 4.
        Assert.NotNull(unseated);
    }
}
