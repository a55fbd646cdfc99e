using Sim.Core.Time;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// Playing one run end to end: a 20-second stretch cluster with a broker crash, loaded from YAML, played
/// in slices and mapped to a run record that carries the run's identity, seed, swept values, every
/// catalogued metric, the fault window and the time series it was asked to keep.
/// </summary>
public sealed class RunExecutorTests
{
    private const string Tiny = """
        name: tiny
        model: model.yaml
        seed: 7
        duration: 20s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            broker:
              offsets.topic.num.partitions: 3
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 200/s, keys: 100, config: { acks: all, linger.ms: 5 } }
          consumers:
            - { zone: b, group: billing, topic: orders }
        faults:
          - { at: 8s, kind: broker-crash, target: stretch-broker-2, duration: 5s }
        sweep:
          grid:
            network.links.a/b.rtt: [3ms]
        """;

    [Fact]
    public void Execute_TinyRunWithABrokerCrash_RecordsItsIdentityMetricsFaultAndSeries()
    {
        var definition = Load(Tiny);
        var spec = definition.Run(0);
        var progress = new RunProgress();

        var record = RunExecutor.Execute(spec, progress);

        Assert.Equal((0, 0, 0, "stretch"), (record.RunId, record.PointId, record.Replication, record.Architecture));
        Assert.Equal(ExperimentDefinition.RunSeed(7, 0), record.Seed);
        Assert.Equal([new Parameter("network.links.a/b.rtt", "3ms")], record.Parameters);
        Assert.Equal(MetricCatalog.All.Select(m => m.Name), record.Metrics.Select(m => m.Name));
        // Fifteen measured seconds at 200 records per second, with acks=all and min.insync.replicas=2
        // holding through the crash of one of three replicas.
        Assert.InRange(record.Metric("records_produced"), 2000, 4000);
        Assert.True(record.Metric("records_acked") > 0.9 * record.Metric("records_produced"));
        Assert.Equal(0, record.Metric("acked_records_lost"));
        var fault = Assert.Single(record.Faults);
        Assert.Equal("broker-crash", fault.Kind);
        Assert.Equal(8, fault.StartS, 6);
        // The first replication keeps its time series (the default); the run was played in full.
        Assert.NotNull(record.Timeseries);
        Assert.NotEmpty(record.Timeseries);
        Assert.Equal(definition.Duration.Nanoseconds, progress.SimulatedNanos);
        Assert.True(record.Events > 0);
        Assert.False(string.IsNullOrEmpty(record.Fingerprint));
    }

    [Fact]
    public void Execute_AHybridRun_CountsProgressInItsDetailWindowsNotItsHorizon()
    {
        // An hour's horizon with one 5 s crash at 30 min: in hybrid fidelity only the warm-up and the windows around the
        // crash and its repair are played, and progress must plan and count that, not the hour.
        string yaml = Tiny.Replace("duration: 20s", "duration: 1h\nfidelity: hybrid\nhybrid: { before: 5s, after: 20s }")
            .Replace("{ at: 8s, kind: broker-crash", "{ at: 30m, kind: broker-crash");
        var spec = Load(yaml).Run(0);
        var progress = new RunProgress();

        RunExecutor.Execute(spec, progress);

        Assert.True(progress.InDetail);
        Assert.Equal(progress.SimulatedNanosTotal, progress.SimulatedNanos);
        // Warm-up 5 s + 5 s before, then one window from 5 s before the crash to 20 s after its repair: 40 s in all.
        Assert.Equal(SimDuration.FromSeconds(40).Nanoseconds, progress.SimulatedNanos);
    }

    [Fact]
    public void Execute_AHybridRunWhoseWindowClosesOnceRecovered_EndsItsProgressWithTheShorterClock()
    {
        // The same hour and crash with settled windows: the window around the repair closes once the cluster has been
        // recovered for 3 s, before the 20 s `after`, and progress then counts the shorter clock to its end.
        string yaml = Tiny.Replace("duration: 20s", "duration: 1h\nfidelity: hybrid\nhybrid: { before: 5s, after: 20s, settle: 3s }")
            .Replace("{ at: 8s, kind: broker-crash", "{ at: 30m, kind: broker-crash");
        var spec = Load(yaml).Run(0);
        var progress = new RunProgress();

        RunExecutor.Execute(spec, progress);

        Assert.Equal(progress.SimulatedNanosTotal, progress.SimulatedNanos);
        Assert.True(progress.SimulatedNanos < SimDuration.FromSeconds(40).Nanoseconds, $"{progress.SimulatedNanos} ns simulated");
    }
}
