using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// A combined-mode node (<c>process.roles=broker,controller</c>) loses its disks. With no log directory left the
/// broker halts its process (LogManager.handleLogDirFailure: "Shutdown broker because all log dirs ... have
/// failed", Exit.halt), and the KRaft controller in the same JVM goes with it: the quorum loses that voter, the other
/// two elect a new leader (KIP-595), which fences the broker once its session lapses (broker.session.timeout.ms) and
/// moves its leadership. Nothing restarts the process until the disk is replaced at the end of the fault; then broker
/// and voter start again. Sources: KIP-112, KIP-631 (combined mode shares one process), KIP-595.
/// </summary>
public class CombinedModeDiskFailureScenarios(ITestOutputHelper output)
{
    private const string Yaml = """
        name: combined-mode-disk
        model: tests/Sim.Scenarios.Tests/Data/combined-mode.yaml
        seed: 4
        duration: 60s
        warmup: 5s
        architectures:
          custom: { client_clusters: { z1: main } }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: z1, topic: orders, rate: 1000/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 15s, kind: disk-failure, target: main-broker-1, duration: 25s }
        """;

    /// <summary>Source: LogManager.handleLogDirFailure (Exit.halt), KIP-631 (one process for both roles), KIP-595 (a majority elects a new leader).</summary>
    [Fact]
    public void ADiskFailureHaltsTheWholeCombinedProcessUntilTheDiskIsReplaced()
    {
        var o = Scenario.Run(Yaml);
        output.WriteLine(o.Narration);
        // The voter on the halted node was the active controller: the other two elect a new one.
        Assert.Equal(15, o.FirstTime("controller", "controller 1 stops leading the quorum", "controller crashed"), 3);
        var elected = o.Matching("controller", "wins the quorum election").Where(e => e.TimeS > 15).ToList();
        Assert.NotEmpty(elected);
        Assert.InRange(elected[0].TimeS, 15, 25);
        Assert.DoesNotContain("controller 1 ", elected[0].Text);
        double fenced = o.FirstTime("fenced", "broker 1");
        Assert.InRange(fenced, 15, 30);
        Assert.NotNull(o.Find("orders-0: the leader moves from broker 1"));
        // The process stays down until the disk is replaced at 40 s: broker 1 is unfenced again only after that.
        var unfenced = o.Matching("unfenced", "broker 1").Where(e => e.TimeS > 15).ToList();
        Assert.NotEmpty(unfenced);
        Assert.True(unfenced[0].TimeS > 40, $"broker 1 unfenced at {unfenced[0].TimeS} s, before the disk was replaced at 40 s");
        // The producer recovers after the fencing and election, not after a 30 s request timeout.
        Assert.InRange(o.Result.ProducerRto.Seconds, 1, 20);
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }
}
