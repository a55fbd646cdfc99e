using Sim.Experiments.Spec;
using Sim.Experiments.Tests.Support;
using Sim.Experiments.Tracing;

namespace Sim.Experiments.Tests.Demos;

/// <summary>
/// The shipped site-outage demo (experiments/site-outage-demo.yaml): the two-metro-DC stretch cluster, with
/// two of its three controllers in site a, run through the same pipeline as every experiment.
/// </summary>
public class SiteOutageDemoTests
{
    private static TracedRun Run(string zone, ulong seed = 42) =>
        TracedRun.Play(ExperimentLoader.Load(Path.Combine(RepoRoot.Path, "experiments", "site-outage-demo.yaml"), [$"faults.0.target={zone}", $"seed={seed}"]), 0);

    private static long AckedBetween(TracedRun r, double fromS, double toS) => r.Result.Timeseries.Where(t => t.TimeS > fromS && t.TimeS <= toS).Sum(t => t.Acked);

    [Fact]
    public void LosingTheSiteWithOneControllerKeepsTheQuorumAndMovesLeadersWithoutLosingData()
    {
        var r = Run("b");
        Assert.True(r.Result.LeaderElections > 0);
        Assert.Equal(0, r.Result.AckedRecordsLost);
        Assert.Contains(r.Trace.Entries, e => e.Kind == "fenced");
        Assert.True(AckedBetween(r, 30, 90) > 0, "partitions whose ISR kept two replicas in site a keep taking writes");
    }

    [Fact]
    public void LosingTheSiteWithTwoControllersStopsEveryElectionUntilItReturns()
    {
        var r = Run("a");
        Assert.DoesNotContain(r.Trace.Entries, e => e.Kind == "fenced" && e.TimeS < 90);
        Assert.True(AckedBetween(r, 30, 90) < AckedBetween(r, 5, 30) / 100, $"{AckedBetween(r, 30, 90)} acknowledged during the outage");
        Assert.Equal(0, r.Result.AckedRecordsLost);
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrajectoryAndAnotherSeedAnother()
    {
        Assert.Equal(Run("b", 7).Result.Fingerprint, Run("b", 7).Result.Fingerprint);
        Assert.NotEqual(Run("b", 7).Result.Fingerprint, Run("b", 8).Result.Fingerprint);
    }
}
