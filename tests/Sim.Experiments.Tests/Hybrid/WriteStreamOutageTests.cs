using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Hybrid;

/// <summary>
/// The long-horizon figures (HorizonProbe) count a write stream down while a record of it waits for its
/// acknowledgement, not while it merely has nothing to send: a partition written a couple of times a second has
/// gaps of seconds between acknowledgements, and a detail window that closes in one of them must not charge the
/// whole skipped span to it. An application that fails over to another cluster keeps its streams: its outage ends
/// when the standby acknowledges its writes, not at the end of the run.
/// </summary>
public sealed class WriteStreamOutageTests
{
    // 600 partitions written 1,200 times a second in all (2 per partition per second, each record its own batch):
    // the steady state measured before the first skip is only `before` (5 s) long, as when a fault comes early.
    private const string Sparse = """
        name: sparse-streams
        model: model.yaml
        seed: 11
        duration: 6h
        warmup: 20s
        fidelity: hybrid
        hybrid: { before: 5s, after: 30s }
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
        topics:
          events: { partitions: 600, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: events, rate: 1200/s, keys: 100000, config: { acks: all } }
        faults:
          - { at: 3h, kind: broker-crash, target: stretch-broker-2, mode: hard, duration: 20s }
        """;

    private static readonly Lazy<RunRecord> SparseRun = new(() => RunExecutor.Execute(Load(Sparse).Run(0), new RunProgress()));

    private static double M(RunRecord r, MetricInfo m) => r.Metrics.Single(x => x.Name == m.Name).Value;

    [Fact]
    public void IdleGapsAtAWindowsEnd_AreNotChargedTheSkippedSpan()
    {
        var r = SparseRun.Value;
        Assert.Equal(0, M(r, MetricCatalog.HybridUnsettledWindows));
        Assert.Equal(1, M(r, MetricCatalog.Incidents));
        // The crash stalls writes for seconds (detection and election), not hours.
        double rto = M(r, MetricCatalog.IncidentRtoMax);
        Assert.InRange(rto, 1, 120);
        // Six hours less the warm-up: every stream down for the whole incident would still be above 0.99.
        Assert.InRange(M(r, MetricCatalog.TimeAvailability), 0.99, 1);
        Assert.True(M(r, MetricCatalog.TimeAvailability) < 1, "the crash's stall counts");
    }

    [Fact]
    public void AnApplicationThatFailsOver_KeepsItsStreams_AndRecoversOnTheStandby()
    {
        string file = Path.Combine(Support.RepoRoot.Path, "experiments", "drills", "q3-site-failure.yaml");
        var r = RunExecutor.Execute(ExperimentLoader.Load(file, []).Run(0), new RunProgress());
        double rto = M(r, MetricCatalog.RtoS), incident = M(r, MetricCatalog.IncidentRtoMax);
        // The primary site stays dark to the end (2 of the 4 minutes); the application writes on the standby
        // after detection, the DNS redirect and reconnection, so its incident ends then, near the producer RTO.
        Assert.True(rto > 0, $"rto_s {rto}");
        Assert.InRange(incident, rto, rto + 30);
        Assert.InRange(M(r, MetricCatalog.TimeAvailability), 0.8, 0.95);
    }
}
