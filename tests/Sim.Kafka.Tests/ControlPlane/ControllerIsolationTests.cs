using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Controller;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.ControlPlane;

/// <summary>
/// An active controller that is alive but cut off from the other voters (KIP-595, Raft's check quorum
/// in KRaft's LeaderState): it resigns once no majority has fetched from it for 1.5x the fetch timeout,
/// the majority side elects a leader at a higher epoch, and nothing the minority writes is committed.
/// </summary>
public class ControllerIsolationTests(ITestOutputHelper output)
{
    /// <summary>KIP-595 and QuorumConfig: a leader without fetches from a majority for 1.5x controller.quorum.fetch.timeout.ms resigns; the majority elects a new leader at a higher epoch; the minority commits nothing; one leader per epoch.</summary>
    // Cut at two moments relative to the followers' fetches, as Kafka's bound holds whatever the phase.
    [Theory]
    [InlineData(20_000)]
    [InlineData(20_300)]
    public void AnActiveControllerCutOffFromTheMajorityResignsAndTheMajorityElectsALeaderAtAHigherEpoch(int cutAtMs)
    {
        // The restarted broker registers at once (no log recovery to wait for), so its registration reaches the
        // isolated controller inside the cut, before it resigns.
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithSeed(31)
            .WithBroker(b => b with { StartupTimeUnclean = SimDuration.Zero }).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 300));
        // A broker that is down when the cut starts and returns into the minority's side gives the
        // isolated controller something to write: its registration.
        t.Cluster.CrashBroker(3, powerLoss: false);
        t.RunUntil(SimTime.FromSeconds(cutAtMs / 1000.0));

        int isolated = Assert.Single(t.ActiveControllers());
        var minority = t.Cluster.Controller(isolated);
        var others = t.Cluster.Controllers.Where(c => c.Id != isolated).Select(c => c.Node).ToArray();
        var cut = t.CutBetween([minority.Node], others);
        var cutAt = t.Now;
        long committedAtCut = minority.HighWatermark;
        int epochAtCut = minority.Epoch;
        t.Cluster.RestartBroker(3);

        long minorityCommitted = committedAtCut;
        t.RunUntil(() => { minorityCommitted = Math.Max(minorityCommitted, minority.HighWatermark); return false; }, SimDuration.FromSeconds(15));

        var q = new QuorumConfig();
        var resigned = Assert.Single(t.Trace.Resigned, r => r.Controller == isolated && r.At >= cutAt);
        output.WriteLine($"cut {cutAt}; controller {isolated} resigned {resigned.At} ({resigned.At - cutAt} after the cut): {resigned.Cause}");
        foreach (var e in t.Trace.Elected) output.WriteLine($"{e.At} controller {e.Controller} elected at epoch {e.Epoch}");
        output.WriteLine($"isolated log end {minority.LogEndOffset}, committed {minority.HighWatermark} (at the cut {committedAtCut})");
        Assert.False(string.IsNullOrWhiteSpace(resigned.Cause));
        Assert.Equal(epochAtCut, resigned.Epoch);
        Assert.True(resigned.At - cutAt <= q.FetchTimeout.Scale(1.5), $"resigned {resigned.At - cutAt} after the cut, check quorum is {q.FetchTimeout.Scale(1.5)}");

        var elected = Assert.Single(t.Trace.Elected, e => e.At >= cutAt);
        Assert.NotEqual(isolated, elected.Controller);
        Assert.True(elected.Epoch > epochAtCut);
        Assert.Equal([elected.Controller], t.ActiveControllers());

        // The isolated controller took the returning broker's registration but could never commit it.
        Assert.True(minority.LogEndOffset > committedAtCut, "the isolated controller wrote nothing after the cut, so the test shows nothing about commits");
        Assert.Equal(committedAtCut, minorityCommitted);
        Assert.NotEqual(RaftRole.Leader, minority.Role);

        // One leader per epoch, from the trace as well as from the invariant.
        Assert.All(t.Trace.Elected.GroupBy(e => e.Epoch), g => Assert.Single(g.Select(e => e.Controller).Distinct()));

        // Healed, the old leader follows the active controller and drops what it wrote alone (KIP-595 log reconciliation).
        t.Network.RemoveCut(cut);
        t.RunFor(SimDuration.FromSeconds(10));
        var leader = t.Cluster.Controller(Assert.Single(t.ActiveControllers()));
        output.WriteLine($"after healing: controller {leader.Id} leads epoch {leader.Epoch}; controller {isolated} is {minority.Role} at epoch {minority.Epoch}");
        Assert.Equal(RaftRole.Follower, minority.Role);
        Assert.Equal(leader.Epoch, minority.Epoch);
        Assert.DoesNotContain(minority.Log, e => e.Offset >= committedAtCut && e.Epoch == epochAtCut);
        int common = (int)Math.Min(minority.LogEndOffset, leader.HighWatermark);
        Assert.True(minority.Log.Take(common).SequenceEqual(leader.Log.Take(common)), "the old leader's log differs from the committed log");
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
