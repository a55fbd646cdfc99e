using Sim.Architectures.Conflicts;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Write conflicts of designs with more than one writing site (active-active, hub-and-spoke fanned out):
/// a <see cref="ConflictLedger"/> over the run, reported as conflicts per second, updates each resolution
/// strategy loses, convergence time and the most keys in disagreement (seed, "Conflict Resolution").
/// </summary>
public sealed class ConflictProbe(RunContext context) : IRunProbe
{
    private readonly ConflictLedger _ledger = new(context);

    public void ClustersBuilt() => _ledger.ClustersBuilt();

    public RunResult Contribute(RunResult result)
    {
        _ledger.Finish(context.Now);
        double measuredS = result.Measured.TotalSeconds;
        return result.With(
            (MetricCatalog.ConflictsPerS, measuredS > 0 ? Math.Round(_ledger.ConflictKeys / measuredS, 3) : 0),
            (MetricCatalog.UpdatesLostLww, Math.Round(_ledger.LostLastWriteWins, 1)),
            (MetricCatalog.UpdatesLostPriority, Math.Round(_ledger.LostSitePriority, 1)),
            (MetricCatalog.ConflictConvergenceSMax, Math.Round(_ledger.ConvergenceMax.TotalSeconds, 3)),
            (MetricCatalog.ConflictKeysDivergedMax, Math.Round(_ledger.DivergedKeysMax, 1)));
    }
}
