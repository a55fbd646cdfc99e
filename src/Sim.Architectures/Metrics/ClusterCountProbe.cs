using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// How many Kafka clusters the design runs (seed 003's comparison matrix, "Clusters": 1 for a stretch cluster, 2 for
/// active-active, active-passive and tiered storage, 3+ for an aggregate, N+1 for hub-and-spoke and observer), counted
/// from the clusters the run built: MirrorMaker 2's Connect clusters are not Kafka clusters.
/// </summary>
public sealed class ClusterCountProbe(RunContext context) : IRunProbe
{
    public RunResult Contribute(RunResult result) => result.With((MetricCatalog.KafkaClusters, context.Simulation.Clusters.Count));
}
