using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Results;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Storage;

/// <summary>
/// The shipped seven-architectures study: tiered storage with DR is active-passive plus a remote tier whose object
/// store replicates to the DR region, so its result row must differ from active-passive's for that mechanism
/// alone. Sources: KIP-405 (RemoteLogManager copies closed segments; local.retention.* bounds local disks), Amazon S3
/// Cross-Region Replication (asynchronous, its own lag), MirrorMaker 2 (KIP-382) carrying the hot data.
/// </summary>
public class TieredStorageDrScenarios(ITestOutputHelper output)
{
    private static readonly string File = Path.Combine(Scenario.RepoRoot, "experiments", "seven-architectures.yaml");

    /// <summary>
    /// Plays the study's run of <paramref name="architecture"/> (one replication, so the run id is the point's) as
    /// <c>sim run</c> does, without the per-event invariant checks: the rows compared are the study's own.
    /// </summary>
    private static TracedRun Play(string architecture)
    {
        var experiment = ExperimentLoader.Load(File, ["replications=1"]);
        return TracedRun.Play(experiment, experiment.Points.Single(p => p.Architecture == architecture).PointId);
    }

    /// <summary>Source: KIP-405 (closed segments copied by the leader), S3 Cross-Region Replication; MirrorMaker 2 copies the hot data in both designs.</summary>
    [Fact]
    public void TieredDrDiffersFromActivePassiveInColdRpoAndDrTransferBecauseItsSegmentsAreUploadedAndReplicated()
    {
        var passiveRun = Play("active-passive");
        var run = Play("tiered-dr");
        double passive(MetricInfo m) => passiveRun.Result.Metric(m);
        double tiered(MetricInfo m) => run.Result.Metric(m);
        foreach (var m in new[] { MetricCatalog.RpoHotS, MetricCatalog.RpoColdS, MetricCatalog.DrTransferGb, MetricCatalog.RemoteTierUploadedGb, MetricCatalog.RemoteTierReplicatedGb })
            output.WriteLine($"{m.Name}: active-passive {passive(m)}, tiered-dr {tiered(m)}");
        // Hot data rides MirrorMaker 2 in both: its recovery point is the mirror's lag, well under the cold one.
        Assert.InRange(tiered(MetricCatalog.RpoHotS), 0, 5);
        Assert.InRange(passive(MetricCatalog.RpoHotS), 0, 5);
        // Cold data exists only with a remote tier; its recovery point is segment age + task wait + upload + replication
        // lag, up to the whole minute before the fault when a partition's first segment is still on its way.
        Assert.True(double.IsNaN(passive(MetricCatalog.RpoColdS)));
        Assert.InRange(tiered(MetricCatalog.RpoColdS), 10, 60);
        Assert.True(tiered(MetricCatalog.RemoteTierUploadedGb) > 0 && tiered(MetricCatalog.RemoteTierReplicatedGb) > 0);
        Assert.Equal(0, passive(MetricCatalog.RemoteTierUploadedGb));
        // The DR region receives the mirror's copies in both and the store's replicated segments only in tiered-dr
        // (the mirror's own bytes differ a little between the two runs, so only the order is pinned).
        Assert.True(tiered(MetricCatalog.DrTransferGb) > passive(MetricCatalog.DrTransferGb),
            $"DR transfer: tiered {tiered(MetricCatalog.DrTransferGb)} GB, active-passive {passive(MetricCatalog.DrTransferGb)} GB");
        // local.retention.ms: the primary deleted local segments once they were copied.
        var primary = run.Run.Simulation.Cluster("a");
        Assert.Contains(primary.Brokers.SelectMany(b => b.Replicas), p => p.Info.Topic.Name == "orders" && p.Log.LogStartOffset > 0);
    }
}
