using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Results;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Observation;

/// <summary>
/// The shipped observer-isolation study: an analytics job of three catch-up readers on production cluster a or on
/// the observer cluster. Sources: seed 003 "Observer Cluster Pattern" ("Isolates non-production workloads ... from
/// production performance impact"); Kafka's operations documentation, "Understanding Linux OS Flush Behavior" (reads
/// of data no longer in the page cache go to disk, and writes wait once dirty pages reach vm.dirty_ratio).
/// </summary>
public class ObserverIsolationScenarios(ITestOutputHelper output)
{
    private static readonly string File = Path.Combine(Scenario.RepoRoot, "experiments", "observer-isolation.yaml");

    /// <summary>Point 0 puts the readers in site a (production), point 1 in site c (the observer); <paramref name="sets"/> as --set.</summary>
    private static TracedRun Play(int point, params string[] sets)
    {
        var experiment = ExperimentLoader.Load(File, sets);
        return TracedRun.Play(experiment, point);
    }

    [Fact]
    public void CatchUpReadersRaiseProductionP99OnlyWhenTheyReadProduction()
    {
        // Without the readers (they would start after the run): the production p99 the readers are measured against.
        var none = Play(0, "workload.consumers.1.start=1000s", "workload.consumers.2.start=1000s", "workload.consumers.3.start=1000s").Result;
        var onProduction = Play(0).Result;
        var onObserver = Play(1).Result;
        foreach (var (name, r) in new[] { ("no readers", none), ("readers on production", onProduction), ("readers on the observer", onObserver) })
        {
            output.WriteLine($"{name}: produce p99 {r.Metric(MetricCatalog.ProduceLatencyP99)} ms, write stall {r.Metric(MetricCatalog.WriteStallSMax)} s, " +
                             $"page-cache hits {r.Metric(MetricCatalog.PageCacheHitRatio)}, mirror lag p99 {r.Metric(MetricCatalog.MirrorLagP99)} ms");
        }
        double p99(Sim.Architectures.Metrics.RunResult r) => r.Metric(MetricCatalog.ProduceLatencyP99);
        // No reader reaches a disk without the job.
        Assert.Equal(1, none.Metric(MetricCatalog.PageCacheHitRatio));
        // On production: cluster a's disks serve the backlog ahead of write-back, appends stall, p99 goes to seconds.
        Assert.True(p99(onProduction) > 20 * p99(none), $"readers on production: p99 {p99(onProduction)} ms against {p99(none)} ms without");
        Assert.True(onProduction.Metric(MetricCatalog.PageCacheHitRatio) < 1);
        // On the observer: the same reads hit the observer's disks (it stalls and its MirrorMaker 2 lag grows), production is untouched.
        Assert.InRange(p99(onObserver), 0, 1.2 * p99(none));
        Assert.True(onObserver.Metric(MetricCatalog.WriteStallSMax) > 0, "the observer's own disks pay for the catch-up");
        Assert.True(onObserver.Metric(MetricCatalog.MirrorLagP99) > 10 * none.Metric(MetricCatalog.MirrorLagP99));
    }
}
