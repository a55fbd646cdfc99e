using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// A cluster in KRaft combined mode (<c>process.roles=broker,controller</c>): each of three nodes is a broker and a
/// voter. Losing the node that is both a leader and the active controller costs the quorum its leader and the
/// cluster a broker at once; the remaining voters elect a new controller, which fences the broker and moves its
/// leadership. Source: KIP-631 ("combined mode", https://cwiki.apache.org/confluence/display/KAFKA/KIP-631%3A+The+Quorum-based+Kafka+Controller)
/// and KIP-595; Kafka docs, KRaft "Deploying Considerations" (combined mode shares one process, so a failure takes
/// both roles). The model file is the test's own (<c>Data/combined-mode.yaml</c>) run through the <c>custom</c> template.
/// </summary>
public class CombinedModeScenarios(ITestOutputHelper output)
{
    private const string Combined = """
        name: combined-mode
        model: tests/Sim.Scenarios.Tests/Data/combined-mode.yaml
        seed: 4
        duration: 40s
        warmup: 5s
        architectures:
          custom: { client_clusters: { z1: main } }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: z1, topic: orders, rate: 1000/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 15s, kind: broker-crash, target: main-broker-1, mode: hard, duration: 15s }
        """;

    /// <summary>Source: KIP-631 (combined mode; the quorum controller fences a broker whose session expires), KIP-595 (a voter majority elects a new leader).</summary>
    [Fact]
    public void LosingACombinedNodeCostsTheQuorumItsLeaderAndTheClusterABrokerAndBothRecover()
    {
        var experiment = Scenario.Load(Combined);
        var voters = experiment.Points[0].Plan.Model.Clusters.Single().Controllers.Select(c => c.Name).ToList();
        Assert.Equal(["main-broker-1", "main-broker-2", "main-broker-3"], voters);

        var o = Scenario.Run(Combined);
        output.WriteLine(o.Brief());
        output.WriteLine($"acked {o.Result.RecordsAcked}, lost {o.Result.AckedRecordsLost}, elections {o.Result.LeaderElections}, producer RTO {o.Result.ProducerRto}");
        Assert.NotNull(o.Find("broker 1", "fenced"));
        Assert.NotNull(o.Find("orders-0: the leader moves from broker 1"));
        Assert.True(o.Result.RecordsAcked > 30_000, $"acked {o.Result.RecordsAcked}");
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KIP-631 (combined mode runs the broker and the controller in one JVM) and KafkaRaftServer.shutdown (the
    /// broker shuts down first, then the controller, whose Raft client resigns with EndQuorumEpoch, KIP-595). A process
    /// crash takes the active controller with it at once; a controlled shutdown ends with the controller resigning, so
    /// the quorum elects a new leader at once instead of waiting out its fetch timeout. Node 1 leads the quorum here. The
    /// broker process ends its controlled shutdown at its first heartbeat after the other brokers have reported the moves
    /// in theirs (BrokerHeartbeatManager.lowestActiveOffset), one broker.heartbeat.interval.ms (2 s) after they were made.
    /// </summary>
    [Theory]
    [InlineData("process", "controller crashed", 15.0)]
    [InlineData("clean", "graceful shutdown", 17.05)]
    public void TheControllerOfACombinedNodeStopsWithItsBrokerProcess(string mode, string cause, double stopsAt)
    {
        var o = Scenario.Run(Combined.Replace("mode: hard", $"mode: {mode}"));
        output.WriteLine(o.Brief());
        double stopped = o.FirstTime("controller", "controller 1 stops leading the quorum", cause);
        double elected = o.FirstTime("controller", "wins the quorum election");
        output.WriteLine($"{mode}: controller 1 stops leading at {stopped:0.000} s, a new controller is elected at {elected:0.000} s");
        Assert.InRange(stopped, stopsAt, stopsAt + 0.05);
        // A resigned leader's voters elect at once; a crashed one's after the fetch timeout's random part at most.
        Assert.InRange(elected - stopped, 0, 2.0);
        Assert.Equal(0, o.Result.AckedRecordsLost);
        if (mode == "clean")
        {
            // The broker is told to stop only once its fence is committed (QuorumController answers a heartbeat after its
            // records commit), so the controller resigning with the process does not lose the fence to a session timeout.
            var fenced = Assert.Single(o.Entries("fenced"), e => e.Text.Contains("broker 1", StringComparison.Ordinal) && e.TimeS < 30);
            Assert.Contains("finished its controlled shutdown", fenced.Text);
            Assert.True(fenced.TimeS <= stopped, $"fenced at {fenced.TimeS} s, controller stopped at {stopped} s");
        }
    }
}
