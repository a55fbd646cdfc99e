using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// Losing the active controller (KIP-595, QuorumConfig): the followers notice after
/// <c>controller.quorum.fetch.timeout.ms</c> and elect a new leader; a new active controller gives
/// every broker a fresh session instead of fencing it (kafka-facts, Controller), and the data plane
/// does not need the controller to go on serving.
/// </summary>
public class ControllerFailoverTests(ITestOutputHelper output)
{
    /// <summary>KIP-595 and QuorumConfig: replaced within the fetch timeout (2 s), plus a randomised election timeout (1-2 s) and the election backoff (up to 1 s) for each election round that failed (split vote); kafka-facts: a new controller resets broker sessions, leaders go on serving.</summary>
    [Theory]
    [InlineData(21UL)]
    [InlineData(22UL)]
    [InlineData(23UL)]
    public void ACrashedActiveControllerIsReplacedWithinTheFetchAndElectionTimeoutsAndNoBrokerIsFenced(ulong seed)
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithSeed(seed).Build();
        var acks = t.TrackAcks();
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.RunFor(SimDuration.FromSeconds(10));

        var old = Assert.Single(t.ActiveControllers());
        t.Cluster.CrashController(old);
        var crashAt = t.Now;
        var q = new QuorumConfig();
        var activeAt = t.RunUntil(() => t.ActiveControllers().Length == 1, SimDuration.FromSeconds(10));
        t.RunUntil(crashAt + SimDuration.FromSeconds(20));

        var elected = t.Trace.Elected.Where(e => e.At >= crashAt).ToList();
        foreach (var e in elected) output.WriteLine($"{e.At} controller {e.Controller} elected at epoch {e.Epoch} ({e.At - crashAt} after the crash)");
        output.WriteLine($"crash {crashAt}, new controller active at {activeAt} ({(activeAt - crashAt)?.ToString() ?? "never"} after the crash)");
        var winner = Assert.Single(elected);
        Assert.NotEqual(old, winner.Controller);
        Assert.True(winner.Epoch > 1);
        // A follower stands as candidate when the fetch timeout expires; every round that fails (a split
        // vote) costs a randomised election timeout and a backoff before the next. Votes take round trips.
        int failedRounds = winner.Epoch - 2;
        var bound = q.FetchTimeout + (q.ElectionTimeout * 2 + q.ElectionBackoffMax) * failedRounds + SimDuration.FromMilliseconds(50);
        output.WriteLine($"{failedRounds} failed election round(s); bound {bound}");
        Assert.True(winner.At - crashAt <= bound, $"elected {winner.At - crashAt} after the crash, bound {bound}");
        Assert.NotNull(activeAt);
        Assert.True(activeAt.Value - crashAt <= bound + SimDuration.FromMilliseconds(100), $"active {activeAt.Value - crashAt} after the crash");
        Assert.Equal([winner.Controller], t.ActiveControllers());

        Assert.Empty(t.Trace.Fenced);
        Assert.Empty(t.Trace.PartitionChanges);
        for (int p = 0; p < 6; p++)
        {
            var gap = acks.LongestGap(p, crashAt, t.Now);
            output.WriteLine($"p{p}: longest pause in acknowledgements after the crash {gap}");
            Assert.True(gap < SimDuration.FromMilliseconds(500), $"p{p} stopped acknowledging for {gap}");
        }
        Assert.Equal(0, t.Ledger.RecordsFailed);
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
