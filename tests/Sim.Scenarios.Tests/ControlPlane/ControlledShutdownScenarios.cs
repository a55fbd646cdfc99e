using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// Source: Kafka documentation, operations section "Graceful shutdown" (with <c>controlled.shutdown.enable=true</c>
/// the broker "will migrate all partitions the server is the leader for to other replicas prior to shutting
/// down. This will make the leadership transfer faster and minimize the time each partition is unavailable to a
/// few milliseconds"); KIP-631 (in KRaft the
/// broker asks for it in its heartbeat and the controller moves leadership before it lets the broker go).
/// Broker 2 leads orders-1; it stops at 10 s, cleanly or by a process crash, and is back at 25 s.
/// </summary>
public class ControlledShutdownScenarios(ITestOutputHelper output)
{
    private const string BrokerStops = """
        name: controlled-shutdown
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
          - { at: 10s, kind: broker-crash, target: stretch-broker-2, mode: clean, duration: 15s }
        """;

    /// <summary>Source: Kafka documentation, operations "Graceful shutdown" (<c>controlled.shutdown.enable</c>); KIP-631 (controlled shutdown through the broker heartbeat).</summary>
    [Fact]
    public void AControlledShutdownMovesLeadershipAwayBeforeTheBrokerStopsSoWritesBarelyPause()
    {
        var clean = Scenario.Run(BrokerStops);
        var crash = Scenario.Run(BrokerStops, 0, "faults.0.mode=process");
        output.WriteLine(clean.Brief());
        double moved = clean.FirstTime("leader", "orders-1: the leader moves from broker 2 to broker 3", "controlled shutdown");
        double movedAfterCrash = crash.FirstTime("leader", "orders-1: the leader moves from broker 2 to broker 3", "fenced");
        output.WriteLine($"clean: leader moved {F((moved - 10) * 1000)} ms after the stop, max produce latency {F(clean.Result.ProduceLatency.MaxMs)} ms, RTO {F(clean.Result.ProducerRto.Seconds)} s; " +
                         $"crash: moved {F(movedAfterCrash - 10)} s after, max latency {F(crash.Result.ProduceLatency.MaxMs)} ms, RTO {F(crash.Result.ProducerRto.Seconds)} s");
        Assert.InRange(moved - 10, 0, 0.1);
        // Fenced at the broker's first heartbeat after every active broker has reported the moves applied
        // (BrokerHeartbeatManager's SHUTDOWN_NOW once lowestActiveOffset passes them, then handleBrokerFenced): within
        // one broker.heartbeat.interval.ms (2 s) of the moves, not by a session timeout (9 s).
        var fenced = Assert.Single(clean.Entries("fenced"), e => e.TimeS < 15);
        Assert.Contains("finished its controlled shutdown", fenced.Text);
        Assert.InRange(fenced.TimeS - moved, 0, 2.2);
        Assert.True(clean.Result.ProduceLatency.MaxMs < 100, $"max produce latency {clean.Result.ProduceLatency.MaxMs} ms");
        Assert.Equal(0, clean.Result.ProducerRto.AffectedStreams);
        Assert.InRange(movedAfterCrash - 10, 7, 9.2);
        Assert.True(crash.Result.ProducerRto.Seconds > 6, $"crash RTO {crash.Result.ProducerRto.Seconds} s");
        Assert.Equal(0, clean.Result.AckedRecordsLost + crash.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KIP-631 (a controlled shutdown ends with the process exiting; a restart then starts it);
    /// LogManager.loadLogs (the <c>.kafka_cleanshutdown</c> marker skips log recovery, otherwise logs are recovered
    /// from the recovery point checkpoint before the broker registers). The same stop, but for only 1 s.
    /// </summary>
    [Fact]
    public void ABrokerRestartedOneSecondAfterACleanShutdownComesBackAndAnUncleanRestartRejoinsLater()
    {
        var clean = Scenario.Run(BrokerStops, 0, "faults.0.duration=1s");
        var crash = Scenario.Run(BrokerStops, 0, "faults.0.duration=1s", "faults.0.mode=process");
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
