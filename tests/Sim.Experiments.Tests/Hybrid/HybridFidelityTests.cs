using Sim.Experiments.Spec;
using Sim.Experiments.Tests.Support;
using Sim.Experiments.Tracing;
using Sim.Results;

namespace Sim.Experiments.Tests.Hybrid;

/// <summary>
/// experiments/hybrid-check.yaml run in hybrid fidelity and again in full (<c>--set fidelity=detailed</c>): the
/// detail windows keep every fault's mechanism, and the steady model of the skipped spans (HorizonProbe, and the
/// steady latencies LatencyProbe weights over them) gives the horizon's figures, so the two must agree.
/// </summary>
public class HybridFidelityTests
{
    private static readonly Lazy<(TracedRun Hybrid, TracedRun Detailed)> Runs = new(() =>
    {
        string file = Path.Combine(RepoRoot.Path, "experiments", "hybrid-check.yaml");
        return (TracedRun.Play(ExperimentLoader.Load(file, []), 0), TracedRun.Play(ExperimentLoader.Load(file, ["fidelity=detailed"]), 0));
    });

    private static double M(TracedRun r, MetricInfo m) => r.Result.Metrics[m.Name];

    [Fact]
    public void HybridSimulatesFewerEventsOverTheSameHorizon()
    {
        var (h, d) = Runs.Value;
        Assert.Equal(M(d, MetricCatalog.SimulatedS), M(h, MetricCatalog.SimulatedS));
        Assert.True(h.Result.Events < d.Result.Events / 2, $"hybrid {h.Result.Events} events, detailed {d.Result.Events}");
    }

    [Fact]
    public void HybridGivesTheSameLossRpoAndIncidents()
    {
        var (h, d) = Runs.Value;
        Assert.Equal(M(d, MetricCatalog.AckedRecordsLost), M(h, MetricCatalog.AckedRecordsLost));
        Assert.Equal(M(d, MetricCatalog.IncidentRpoMax), M(h, MetricCatalog.IncidentRpoMax));
        Assert.Equal(M(d, MetricCatalog.Incidents), M(h, MetricCatalog.Incidents));
        Assert.Equal(3, M(h, MetricCatalog.Incidents));
    }

    /// <summary>faults.csv of a hybrid run: the faults' times on the horizon are the detailed run's, their times on the run's clock earlier.</summary>
    [Fact]
    public void HybridFaultsAreReportedOnTheHorizonAsWellAsOnTheDetailedClock()
    {
        var (h, d) = Runs.Value;
        Assert.Null(d.Result.FaultsOnHorizon);
        var onHorizon = Assert.IsAssignableFrom<IReadOnlyList<(Sim.Core.Time.SimTime Start, Sim.Core.Time.SimTime? End)>>(h.Result.FaultsOnHorizon);
        Assert.Equal(d.Result.Faults.Select(f => (f.Start, f.End)), onHorizon);
        Assert.Equal(3, onHorizon.Count);
        Assert.All(h.Result.Faults.Zip(onHorizon), p => Assert.True(p.First.Start < p.Second.Start, $"{p.First.Kind} at {p.First.Start} on the run's clock, {p.Second.Start} on the horizon"));
    }

    // incident_rto_s_p50 is the network partition's incident: the partitions broker 2 leads when the cut opens differ
    // between the two histories (hybrid: orders-1 and orders-5; detailed: orders-1 and orders-3), and a stream whose
    // batches are stranded behind the cut retries OUT_OF_ORDER_SEQUENCE_NUMBER until they resolve, which ends one of
    // them later than the other (26.46 s against 26.01 s; 26.82 s against 25.98 s before the unfencing followed Kafka's
    // registration-offset rule): within 5 %, not 1 %.
    [Theory]
    [InlineData("incident_rto_s_p50", 0.05)]
    [InlineData("incident_rto_s_max", 0.10)]
    [InlineData("rto_s", 0.01)]
    [InlineData("produce_latency_ms_p50", 0.10)]
    [InlineData("produce_latency_ms_p99", 0.10)]
    [InlineData("time_availability", 0.01)]
    [InlineData("records_acked", 0.02)]
    [InlineData("cross_zone_gb", 0.10)]
    [InlineData("transfer_cost_usd", 0.10)]
    public void HybridFigureIsWithinItsBoundOfTheDetailedOne(string metric, double bound)
    {
        var (h, d) = Runs.Value;
        double hv = h.Result.Metrics[metric], dv = d.Result.Metrics[metric];
        Assert.True(dv > 0, $"{metric} detailed {dv}");
        Assert.True(Math.Abs(hv - dv) <= bound * dv, $"{metric}: hybrid {hv}, detailed {dv}, bound {bound:P0}");
    }
}
