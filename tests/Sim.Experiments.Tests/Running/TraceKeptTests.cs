using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Results;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// <c>outputs.trace</c>: the runs it names keep their narrated trace (the sentences of <c>sim trace</c>) in their run
/// record, which report.html shows as a timeline; the trace is the one <c>sim trace</c> tells for the same run, the
/// record's measurements, event count and fingerprint are those of the run played alone, and the stored run carries
/// the trace through <c>runs/NNNNNN.json</c> (what <c>--resume</c> and <c>sim merge</c> read).
/// </summary>
public sealed class TraceKeptTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sim-trace-kept-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_directory)) System.IO.Directory.Delete(_directory, recursive: true);
    }

    // Two replications: run ids 0 and 1. The leader of orders-0 crashes at 8 s and returns at 13 s.
    private static string Experiment(string outputs) => """
        name: traced
        model: model.yaml
        seed: 7
        duration: 20s
        warmup: 5s
        replications: 2
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            broker:
              offsets.topic.num.partitions: 1
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 200/s, keys: 100, config: { acks: all, linger.ms: 5 } }
        faults:
          - { at: 8s, kind: broker-crash, target: "leader-of:orders/0", duration: 5s }

        """ + outputs;

    [Theory]
    [InlineData("", new int[0])]
    [InlineData("outputs:\n  trace: none\n", new int[0])]
    [InlineData("outputs:\n  trace: all\n", new[] { 0, 1 })]
    [InlineData("outputs:\n  trace: [1]\n", new[] { 1 })]
    public void Run_TraceOption_KeepsTheTraceOfTheRunsItSelects(string outputs, int[] expected)
    {
        var d = Load(Experiment(outputs));

        Assert.Equal(expected, Enumerable.Range(0, d.TotalRuns).Where(id => d.Run(id).KeepTrace).ToArray());
    }

    [Fact]
    public void Load_UnknownTraceOption_ListsTheOptions()
    {
        string yaml = Experiment("outputs:\n  trace: first\n");

        var diag = Expect(yaml, "unknown value 'first'", key: "outputs.trace", line: LineOf(yaml, "trace: first"));
        Assert.Equal("expected one of: none, all", diag.Hint);
    }

    [Fact]
    public void Execute_TracedRun_KeepsTheTraceSimTraceTellsAndTheMeasurementsOfTheRunAlone()
    {
        var plain = RunExecutor.Execute(Load(Experiment("")).Run(0));
        var traced = Load(Experiment("outputs:\n  trace: [0]\n"));

        var record = RunExecutor.Execute(traced.Run(0));

        Assert.Null(plain.Trace);
        Assert.NotNull(record.Trace);
        var told = TracedRun.Play(traced, 0).Trace.Entries;
        Assert.Equal(told.Select(e => (e.TimeS, e.Kind, e.Text)), record.Trace!.Select(e => (e.TimeS, e.Kind, e.Text)));
        Assert.Contains(record.Trace!, e => e.Kind == "fault" && e.TimeS == 8);
        Assert.Contains(record.Trace!, e => e.Kind == "leader" && e.Partition == "orders-0");
        Assert.Equal(record.Trace!.OrderBy(e => e.TimeS).Select(e => e.TimeS), record.Trace!.Select(e => e.TimeS));
        // The trace is played on its own: the record is the run's, event count and fingerprint included.
        Assert.Equal((plain.Events, plain.Fingerprint), (record.Events, record.Fingerprint));
        Assert.Equal(plain.Metrics, record.Metrics);
    }

    [Fact]
    public void SaveThenLoad_TracedRun_KeepsTheTraceAndAnUntracedRunStoresNone()
    {
        var d = Load(Experiment("outputs:\n  trace: [0]\n"));
        var traced = RunExecutor.Execute(d.Run(0));
        var untraced = RunExecutor.Execute(d.Run(1));
        var store = new RunStore(_directory);

        store.Save("h", traced);
        store.Save("h", untraced);
        var loaded = store.LoadAll().Select(x => x.Run).ToList();

        Assert.Equal(traced.Trace!.Select(e => (e.TimeS, e.Kind, e.Text, e.Partition, e.Client, e.LeaderEpoch)),
            loaded[0].Trace!.Select(e => (e.TimeS, e.Kind, e.Text, e.Partition, e.Client, e.LeaderEpoch)));
        Assert.Equal(traced.Trace!.Select(e => string.Join("|", e.Brokers) + ";" + string.Join("|", e.Because)),
            loaded[0].Trace!.Select(e => string.Join("|", e.Brokers) + ";" + string.Join("|", e.Because)));
        Assert.Null(loaded[1].Trace);
        Assert.DoesNotContain("\"trace\"", System.IO.File.ReadAllText(store.PathOf(1)));
    }
}
