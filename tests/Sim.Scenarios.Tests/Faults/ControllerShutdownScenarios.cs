using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Faults;

/// <summary>
/// The active controller, found by role when the fault fires, leaves the quorum at 10 s: crashed, or shut
/// down gracefully.
/// </summary>
public class ControllerShutdownScenarios(ITestOutputHelper output)
{
    private const string ActiveControllerStops = """
        name: controller-shutdown
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 30s
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
          - { at: 10s, kind: controller-crash, target: active-controller, mode: clean, duration: 10s }
        """;

    /// <summary>
    /// Source: KafkaRaftClient.shutdown / resign (KIP-595): a leader shutting down gracefully sends
    /// EndQuorumEpoch with its preferred successors, and the first of them stands at once
    /// (KafkaRaftClient.handleEndQuorumEpochRequest, endEpochElectionBackoff 0 for position 0); a crashed
    /// leader is replaced only after controller.quorum.fetch.timeout.ms (2 s), as RaftEventSimulationTest's
    /// leader-kill cases wait for. KafkaRaftClientTest.testGracefulShutdown and
    /// testEndQuorumEpochSentBasedOnFetchOffset check the same two steps.
    /// </summary>
    [Fact]
    public void AnActiveControllerThatShutsDownGracefullyIsReplacedInARoundTripNotAFetchTimeout()
    {
        var clean = Scenario.Run(ActiveControllerStops);
        var hard = Scenario.Run(ActiveControllerStops, 0, "faults.0.mode=hard");
        output.WriteLine(clean.Narration);
        double cleanGap = Handover(clean, "graceful shutdown");
        double hardGap = Handover(hard, "controller crashed");
        output.WriteLine($"successor elected {F(cleanGap * 1000)} ms after a graceful shutdown, {F(hardGap * 1000)} ms after a crash");
        Assert.InRange(cleanGap, 0, 0.2);
        // A crashed leader is noticed when the voters' fetch timeout (2 s) runs out, counted from their last fetch (up to 0.5 s earlier).
        Assert.InRange(hardGap, 1.0, 5.0);
        Assert.Empty(clean.Entries("fenced"));
        Assert.Equal(0, clean.Result.AckedRecordsLost + hard.Result.AckedRecordsLost);
    }

    private static double Handover(Outcome o, string cause)
    {
        double resigned = o.FirstTime("controller", "stops leading the quorum", cause);
        double elected = o.Entries("controller").First(e => e.TimeS >= resigned && e.Text.Contains("wins the quorum election", StringComparison.Ordinal)).TimeS;
        return elected - resigned;
    }
}
