using Sim.Experiments.Running;
using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>
/// Finds a probe's runs and judges them: the runs of probe <c>k</c> of a sweep point have fixed ids (see
/// <see cref="Spec.ExperimentDefinition.ProbeRun"/>) and carry the searched key's value, so a stored run
/// is the probe's only if both match. Used while searching (to reuse runs kept by an interrupted search)
/// and afterwards (to rebuild every outcome from the stored runs alone, as <c>sim merge</c> must).
/// </summary>
public static class ProbeJudge
{
    /// <summary>The summary point id of probe <paramref name="probe"/> of sweep point <paramref name="sweepPoint"/>.</summary>
    public static int PointId(SearchSpec spec, int sweepPoint, int probe) => sweepPoint * spec.MaxProbes + probe;

    /// <summary>The run id of one replication of a probe.</summary>
    public static int RunId(SearchSpec spec, int replications, int sweepPoint, int probe, int replication) =>
        PointId(spec, sweepPoint, probe) * replications + replication;

    /// <summary>The stored run of that replication if it is this probe's (same id and same value of the key); null otherwise.</summary>
    public static RunRecord? Stored(SearchSpec spec, IReadOnlyDictionary<int, RunRecord> runs, int replications, int sweepPoint, int probe, int replication, double x)
    {
        if (!runs.TryGetValue(RunId(spec, replications, sweepPoint, probe, replication), out var run)) return null;
        return run.Parameters.Any(p => p.Key == spec.Key && p.Value == spec.Scale.Format(x)) ? run : null;
    }

    /// <summary>The probe's summary over its runs (one row, each metric's mean and 95% half-width).</summary>
    public static SummaryRow Summary(IReadOnlyList<RunRecord> runs) => Summarizer.Summarize(runs)[0];

    /// <summary>The SLA predicates its runs break, in the SLA's order; empty when the probe meets the SLA.</summary>
    public static IReadOnlyList<string> Failed(SearchSpec spec, IReadOnlyList<RunRecord> runs) => SlaCheck.Failed(spec.Sla, Summary(runs), spec.Judge);

    /// <summary>
    /// What binds at a probe: the machine resource (cores, card in or out, disks, storage) with the highest mean utilisation
    /// over <paramref name="runs"/>, or the producer pipeline (<see cref="MetricCatalog.BrokerProducePipelineUtilMax"/>) when
    /// it is saturated while every machine resource is under half busy. Once produce latency grows past the SLA every
    /// producer connection is busy nearly all the time whatever causes it (Kafka reads one request at a time per
    /// connection and each acks=all request waits a replication round), so a saturated pipeline alone says nothing; but a
    /// resource under half busy adds less than one service time of queueing (ρ / (1 − ρ) &lt; 1 for a single server), so
    /// when none is busier the rounds are made of round trips, linger and serialisation, and the pipeline is what binds.
    /// Null when no metric tagged as a utilisation was measured.
    /// </summary>
    public static (string? Metric, double Value) Binding(IReadOnlyList<RunRecord> runs)
    {
        var row = Summary(runs);
        string? best = null;
        double value = double.NaN;
        foreach (var m in MetricCatalog.Utilisations)
        {
            if (m == MetricCatalog.BrokerProducePipelineUtilMax) continue;
            double mean = row.Metric(m.Name)?.Mean ?? double.NaN;
            if (double.IsFinite(mean) && (best is null || mean > value)) (best, value) = (m.Name, mean);
        }
        double pipeline = row.Metric(MetricCatalog.BrokerProducePipelineUtilMax.Name)?.Mean ?? double.NaN;
        if (pipeline >= PipelineSaturated && (best is null || value < MachineHalfBusy)) return (MetricCatalog.BrokerProducePipelineUtilMax.Name, pipeline);
        return (best, value);
    }

    /// <summary>
    /// A producer connection held this share of the time or more is saturated: the broker holds it from reading a request to
    /// sending the response, so with one request in flight it is free for the response's and the next request's trip (about a
    /// twentieth of a cross-AZ acks=all round), and with requests pipelined behind it hardly at all.
    /// </summary>
    public const double PipelineSaturated = 0.9;

    /// <summary>Below this utilisation a machine resource queues less than one service time on average.</summary>
    public const double MachineHalfBusy = 0.5;

    /// <summary>
    /// The broker most often busiest in <paramref name="metric"/> over <paramref name="runs"/> (the lowest cluster
    /// and id on a tie) and the binding resource named with it (<c>broker 2 nic_in</c>).
    /// </summary>
    public static (BusiestBroker? Broker, string Resource) BindingBroker(IReadOnlyList<RunRecord> runs, string metric)
    {
        string resource = ResourceName(metric);
        var broker = runs.SelectMany(r => r.Busiest).Where(b => b.Metric == metric)
            .GroupBy(b => (b.Cluster, b.Broker))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Cluster, StringComparer.Ordinal).ThenBy(g => g.Key.Broker)
            .Select(g => g.First()).FirstOrDefault();
        if (broker is null) return (null, resource);
        bool severalClusters = runs.SelectMany(r => r.Busiest).Select(b => b.Cluster).Distinct().Count() > 1;
        return (broker, $"{(severalClusters ? broker.Cluster + " " : "")}broker {broker.Broker} {resource}");
    }

    /// <summary>A utilisation metric's resource as the search names it: <c>broker_nic_in_util_max</c> is <c>nic_in</c>.</summary>
    public static string ResourceName(string metric)
    {
        string name = metric.StartsWith("broker_", StringComparison.Ordinal) ? metric["broker_".Length..] : metric;
        return name.EndsWith("_util_max", StringComparison.Ordinal) ? name[..^"_util_max".Length] : name;
    }
}
