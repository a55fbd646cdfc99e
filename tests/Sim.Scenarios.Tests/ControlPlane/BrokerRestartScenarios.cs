using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// Source: Kafka's broker lifecycle. A controlled shutdown (KIP-631) ends with the process exiting, and a restart
/// then starts it; at start LogManager.loadLogs skips recovery when the <c>.kafka_cleanshutdown</c> marker is
/// there and otherwise recovers every log from its recovery point checkpoint
/// (<c>num.recovery.threads.per.data.dir</c>), before the broker registers (BrokerLifecycleManager). Broker 2
/// stops at 10 s for only 1 s: cleanly, or by a process crash.
/// </summary>
public class BrokerRestartScenarios(ITestOutputHelper output)
{
    private const string QuickRestart = """
        name: quick-restart
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
          - { at: 10s, kind: broker-crash, target: stretch-broker-2, mode: clean, duration: 1s }
        """;

    /// <summary>Source: KIP-631 (controlled shutdown, then the process exits); LogManager.loadLogs (clean shutdown marker, log recovery).</summary>
    [Fact]
    public void ABrokerRestartedOneSecondAfterACleanShutdownComesBackAndAnUncleanRestartRejoinsLater()
    {
        var clean = Scenario.Run(QuickRestart);
        var crash = Scenario.Run(QuickRestart, 0, "faults.0.mode=process");
        output.WriteLine(clean.Brief());
        output.WriteLine(crash.Brief());
        double cleanBack = clean.FirstTime("unfenced", "broker 2 is unfenced");
        double crashBack = crash.FirstTime("unfenced", "broker 2 is unfenced");
        double cleanIsr = clean.FirstTime("isr", "orders-0", "broker 2 caught up");
        output.WriteLine($"clean 1 s restart: broker 2 unfenced at {F(cleanBack)} s, back in the orders-0 ISR at {F(cleanIsr)} s; " +
                         $"process crash 1 s: unfenced at {F(crashBack)} s");
        Assert.True(clean.Run.Cluster("stretch").Broker(2).Alive);
        Assert.InRange(cleanBack, 12, 17);
        Assert.InRange(cleanIsr, 12, 17);
        Assert.True(crashBack > cleanBack + 5, $"unclean rejoin {crashBack} s, clean {cleanBack} s");
        Assert.Equal(0, clean.Result.AckedRecordsLost + crash.Result.AckedRecordsLost);
    }
}
