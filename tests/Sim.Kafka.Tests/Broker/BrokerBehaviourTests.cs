using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.Broker;

public class BrokerBehaviourTests
{
    /// <summary>Source: num.io.threads and num.network.threads are thread pools with request queues; a saturated pool queues.</summary>
    [Fact]
    public void ABusyBrokerGetsSlowerAsItsRequestHandlersSaturate()
    {
        double MeanLatency(double rate)
        {
            var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2)
                .WithBroker(b => b with { NumIoThreads = 1, RequestCost = SimDuration.FromMicroseconds(400) }).Build();
            var lat = new LatencyRecorder();
            t.Events.Add(lat);
            t.Producer("a", KafkaScenario.Steady("orders", rate), new ProducerConfig { Linger = SimDuration.Zero });
            t.RunFor(SimDuration.FromSeconds(10));
            return lat.Mean(SimTime.FromSeconds(2), SimTime.FromSeconds(10));
        }
        double light = MeanLatency(100), heavy = MeanLatency(1500);
        Assert.True(heavy > light * 1.5, $"mean produce latency {light:F2} ms at light load, {heavy:F2} ms at heavy load");
    }

    /// <summary>Source: auto.leader.rebalance.enable and leader.imbalance.check.interval.seconds (ServerConfigs).</summary>
    [Fact]
    public void LeadershipReturnsToThePreferredReplicaAfterItRejoinsTheIsr()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2)
            .WithBroker(b => b with { LeaderImbalanceCheckInterval = SimDuration.FromSeconds(30) }).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(5));
        t.Cluster.CrashBroker(1, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(15));
        Assert.NotEqual(1, t.Cluster.PartitionState(0).Leader);
        t.Cluster.RestartBroker(1);
        t.RunFor(SimDuration.FromSeconds(60));
        Assert.Equal(1, t.Cluster.PartitionState(0).Leader);
        Assert.Contains(t.Trace.PartitionChanges, c => c.After.Leader == 1 && c.Cause.Contains("preferred leader"));
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>Source: controlled shutdown (KafkaConfig controlled.shutdown.enable): leadership moves before the broker stops.</summary>
    [Fact]
    public void AControlledShutdownMovesLeadershipFirstSoWritesBarelyPause()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2).Build();
        var acks = t.TrackAcks();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        var at = t.Now;
        t.Cluster.Broker(1).BeginControlledShutdown();
        t.RunFor(SimDuration.FromSeconds(20));
        Assert.False(t.Cluster.Broker(1).Alive);
        // The leaderships move first; the broker is fenced once they are committed (BrokerHeartbeatManager's
        // SHUTDOWN_NOW, handleBrokerFenced), not a session timeout after it stopped heartbeating.
        var moved = t.Trace.PartitionChanges.Where(c => c.Cause.Contains("controlled shutdown")).ToList();
        Assert.NotEmpty(moved);
        var fence = Assert.Single(t.Trace.Fenced, f => f.At < at + SimDuration.FromSeconds(5));
        Assert.Contains("finished its controlled shutdown", fence.Cause);
        Assert.True(moved.Max(c => c.At) <= fence.At, $"fenced at {fence.At}, before the last move at {moved.Max(c => c.At)}");
        // Without waiting for a session timeout, the longest pause on the partition broker 1 led is well under a second.
        Assert.True(acks.LongestGap(0, at, t.Now) < SimDuration.FromSeconds(1), $"gap {acks.LongestGap(0, at, t.Now)}");
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>A workload burst multiplies the producing rate while it lasts.</summary>
    [Fact]
    public void ABurstMultipliesTheRateWhileItLasts()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).Build();
        var lat = new LatencyRecorder();
        t.Events.Add(lat);
        var w = KafkaScenario.Steady("orders", 1000) with { Bursts = [new Burst(SimTime.FromSeconds(10), SimDuration.FromSeconds(5), 3)] };
        t.Producer("a", w);
        t.RunFor(SimDuration.FromSeconds(20));
        long before = t.Ledger.RecordsAcked;
        Assert.True(before > 0);
        double normal = RecordsIn(t, 3, 8), burst = RecordsIn(t, 11, 14);
        Assert.InRange(burst / normal, 2.5, 3.5);
    }

    private static double RecordsIn(KafkaScenario t, double fromS, double toS) =>
        t.Ledger.AckedRanges.Where(r => r.FirstAckedAt >= SimTime.FromSeconds(fromS) && r.FirstAckedAt < SimTime.FromSeconds(toS)).Sum(r => (double)r.Count) / (toS - fromS);
}
