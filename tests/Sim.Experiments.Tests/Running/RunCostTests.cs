using Sim.Experiments.Running;
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
}
