using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// When the controller lets a broker in a controlled shutdown go (BrokerHeartbeatManager.calculateNextBrokerState): a
/// broker leading partitions waits until it leads none and every active broker (unfenced, not shutting down) has
/// reported in a heartbeat a metadata offset past the shutdown's records (lowestActiveOffset), so the new leaders have
/// applied them before it stops; a broker leading nothing is fenced and let go at its first request.
/// </summary>
public class ControlledShutdownCompletionTests(ITestOutputHelper output)
{
    [Fact]
    public void TheShutdownEndsOnlyOnceEveryActiveBrokerHasReportedTheMovesApplied()
    {
        var t = KafkaScenario.Create().WithSeed(37).WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).Build();
        var heartbeats = ControllerTap.HeartbeatRequests(t);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        // Half-way between two heartbeats: the broker's second shutdown heartbeat, 50 ms after the first answer
        // (BrokerLifecycleManager), comes after the moves are committed but before the others have reported them.
        t.RunFor(SimDuration.FromSeconds(10.5));
        const int victim = 2;
        var controller = t.Cluster.Controllers.Single(c => c.Id == Assert.Single(t.ActiveControllers()));
        t.Cluster.Broker(victim).BeginControlledShutdown();
        var asked = t.RunUntil(() => heartbeats.Any(h => h.Request.BrokerId == victim && h.Request.WantShutdown), SimDuration.FromSeconds(3));
        Assert.NotNull(asked);
        // The controller applies what it proposes at once: this is one past the shutdown's records.
        long end = controller.Image.NextOffset;
        t.RunFor(SimDuration.FromSeconds(10));

        var fence = Assert.Single(t.Trace.Fenced, f => f.Broker == victim);
        var reported = new[] { 1, 3 }.Select(b => heartbeats.First(h => h.Request.BrokerId == b && h.Request.MetadataOffset >= end).At).Max();
        var shutdownBeats = heartbeats.Where(h => h.Request.BrokerId == victim && h.Request.WantShutdown).Select(h => h.At).ToList();
        output.WriteLine($"asked at {asked}; records end at offset {end}; brokers 1 and 3 reported them by {reported}; broker {victim} heartbeats {string.Join(", ", shutdownBeats)}; fenced at {fence.At}: {fence.Cause}");
        Assert.Contains("finished its controlled shutdown", fence.Cause);
        Assert.True(fence.At >= reported, $"fenced at {fence.At}, before the active brokers reported the moves at {reported}");
        // Let go at its first heartbeat after that (the fence is traced once committed), and not at an earlier one.
        var letGo = shutdownBeats.First(at => at >= reported);
        Assert.True(fence.At >= letGo && fence.At - letGo < SimDuration.FromMilliseconds(100), $"fenced at {fence.At}, let go at {letGo}");
        Assert.True(shutdownBeats.Count(at => at < reported) >= 2, "the 50 ms re-check came before the others reported");
        Assert.False(t.Cluster.Broker(victim).Alive);
        Assert.All(Enumerable.Range(0, 6), p => Assert.NotEqual(victim, t.Cluster.PartitionState(p).Leader));
    }

    [Fact]
    public void ABrokerLeadingNothingIsFencedAndLetGoAtItsFirstRequest()
    {
        var b = KafkaScenario.Create().WithSeed(41);
        b.Topics.Add(new TopicConfig("orders", 2, 3) { Replicas = [[1, 2, 3], [3, 2, 1]] });
        var t = b.Build();
        var heartbeats = ControllerTap.HeartbeatRequests(t);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        const int victim = 2;
        Assert.All(Enumerable.Range(0, 2), p => Assert.NotEqual(victim, t.Cluster.PartitionState(p).Leader));
        t.Cluster.Broker(victim).BeginControlledShutdown();
        t.RunFor(SimDuration.FromSeconds(5));

        var first = heartbeats.First(h => h.Request.BrokerId == victim && h.Request.WantShutdown).At;
        var fence = Assert.Single(t.Trace.Fenced, f => f.Broker == victim);
        output.WriteLine($"first shutdown heartbeat at {first}; fenced at {fence.At}: {fence.Cause}");
        Assert.True(fence.At >= first && fence.At - first < SimDuration.FromMilliseconds(100), $"fenced at {fence.At}, asked at {first}");
        Assert.Contains("leads no partition", fence.Cause);
        Assert.Single(heartbeats, h => h.Request.BrokerId == victim && h.Request.WantShutdown);
        Assert.False(t.Cluster.Broker(victim).Alive);
        // Fencing takes it out of both ISRs (handleBrokerFenced), with no controlled-shutdown registration change.
        Assert.All(Enumerable.Range(0, 2), p => Assert.False(t.Cluster.PartitionState(p).InIsr(victim)));
        Assert.False(t.Cluster.Controllers.Single(c => c.IsActive).Image.IsInControlledShutdown(victim));
    }

    /// <summary>
    /// BrokerServer.shutdown waits for the controller's approval 5 minutes at most, then shuts down all the same (its
    /// logs flushed, so the next start is clean).
    /// </summary>
    [Fact]
    public void WithNoControllerToApproveIt_TheBrokerShutsDownAfterFiveMinutes()
    {
        var t = KafkaScenario.Create().WithSeed(43).WithTopic("orders", partitions: 3, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 100));
        t.RunFor(SimDuration.FromSeconds(10));
        foreach (var c in t.Cluster.Controllers.ToList()) t.Cluster.CrashController(c.Id);
        const int victim = 2;
        var begin = t.Now;
        t.Cluster.Broker(victim).BeginControlledShutdown();
        var stopped = t.RunUntil(() => !t.Cluster.Broker(victim).Alive, SimDuration.FromMinutes(6), SimDuration.FromMilliseconds(100));
        output.WriteLine($"shutdown begun at {begin}; the process stopped at {stopped}");
        Assert.NotNull(stopped);
        Assert.True(stopped!.Value - begin >= SimDuration.FromMinutes(5) && stopped.Value - begin < SimDuration.FromMinutes(5) + SimDuration.FromMilliseconds(200),
            $"stopped {stopped.Value - begin} after the shutdown began");
        Assert.True(t.Cluster.Broker(victim).LastShutdownClean);
        Assert.DoesNotContain(t.Trace.Fenced, f => f.Broker == victim);
    }
}
