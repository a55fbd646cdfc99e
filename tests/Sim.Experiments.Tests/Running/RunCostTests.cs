using Sim.Architectures.Faults;
using Sim.Architectures.Runtime;
using Sim.Core.Time;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Experiments.Tests.Support;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// Sweep runs start longest expected first (simulated time × brokers × produce rate), with equal costs in run-id
/// order; the order they run in is not the order results are written in.
/// </summary>
public sealed class RunCostTests
{
    private static readonly string RateSweep = Minimal + """

        replications: 2
        sweep:
          grid:
            workload.producers.0.rate: [10/s, 5000/s, 500/s]
        """;

    [Fact]
    public void Expected_HigherRate_CostsMore()
    {
        var d = Load(RateSweep);

        Assert.True(RunCost.Expected(d.Run(2)) > RunCost.Expected(d.Run(4)));
        Assert.True(RunCost.Expected(d.Run(4)) > RunCost.Expected(d.Run(0)));
    }

    [Fact]
    public void LongestFirst_RateSweep_HighestRateFirstEqualCostsByRunId()
    {
        var d = Load(RateSweep);
        var runs = Enumerable.Range(0, d.TotalRuns).Select(d.Run).ToList();

        var order = RunCost.LongestFirst(runs).Select(r => r.RunId).ToArray();

        Assert.Equal([2, 3, 4, 5, 0, 1], order);
    }

    // availability-year over 90 days: the replications' seeds draw different broker, disk and zone failures.
    private static ExperimentDefinition Quarter() =>
        ExperimentLoader.Load(Path.Combine(RepoRoot.Path, "experiments", "availability-year.yaml"), ["duration=2160h", "replications=4"]);

    [Fact]
    public void DetailedLength_OfAHybridRun_IsTheDetailedClockItsFaultsOpen()
    {
        var d = Quarter();
        var lengths = new List<SimDuration>();
        foreach (int id in new[] { 0, 1 })
        {
            var spec = d.Run(id);
            var run = new DeploymentRun(spec.Point.Plan, spec.Point.Faults, spec.Options);
            var expected = FaultInjector.DetailedLength(spec.Point.Plan, spec.Point.Faults, spec.Options);
            Assert.Equal(run.Faults!.Hybrid!.DetailEnd - SimTime.Zero, expected);
            lengths.Add(expected);
        }
        Assert.NotEqual(lengths[0], lengths[1]);
        Assert.All(lengths, l => Assert.True(l < SimDuration.FromHours(24), $"{l} of detail in 90 days"));
    }

    [Fact]
    public void Expected_HybridReplications_FollowTheirDetailWindowsNotTheHorizon()
    {
        var d = Quarter();
        var runs = Enumerable.Range(0, d.TotalRuns).Select(d.Run).ToList();
        var costs = runs.Select(RunCost.Expected).ToList();
        var lengths = runs.Select(r => FaultInjector.DetailedLength(r.Point.Plan, r.Point.Faults, r.Options)).ToList();
        Assert.True(costs.Distinct().Count() > 1);
        // Ordered as their detailed lengths, each far below what the 90-day horizon would cost.
        Assert.Equal(Enumerable.Range(0, 4).OrderByDescending(i => lengths[i]).ThenBy(i => i), RunCost.LongestFirst(runs).Select(r => r.RunId));
        var detailed = ExperimentLoader.Load(Path.Combine(RepoRoot.Path, "experiments", "availability-year.yaml"), ["duration=168h", "fidelity=detailed"]);
        // A detailed week costs far more than a hybrid quarter.
        Assert.All(costs, c => Assert.True(c < RunCost.Expected(detailed.Run(0)) / 10));
    }
}
