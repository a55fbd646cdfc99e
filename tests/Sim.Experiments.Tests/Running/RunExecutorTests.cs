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
}
