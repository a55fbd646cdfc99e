using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>
/// Rebuilds the outcome of every sweep point's search from stored runs alone: the bisection is replayed,
/// each probe answered by its stored runs (a probe whose runs are missing ends that search as incomplete).
/// Since the search is deterministic, the replay takes exactly the path the search took, so the same runs
/// give the same search.csv whether they came from one run, a resumed one or a merge.
/// </summary>
public static class SearchReplay
{
    public static IReadOnlyList<SearchOutcome> Outcomes(SearchSpec spec, int replications, int sweepPoints, IReadOnlyList<RunRecord> runs)
    {
        var byId = runs.ToDictionary(r => r.RunId);
        var outcomes = new List<SearchOutcome>();
        for (int p = 0; p < sweepPoints; p++)
        {
            var first = runs.FirstOrDefault(r => r.PointId / spec.MaxProbes == p);
            // A point none of whose probes ran has nothing to report yet.
            if (first is null) continue;
            outcomes.Add(Outcome(spec, replications, p, first, byId));
        }
        return outcomes;
    }

    private static SearchOutcome Outcome(SearchSpec spec, int replications, int point, RunRecord first, Dictionary<int, RunRecord> byId)
    {
        var probes = new List<SearchProbe>();
        var runsOf = new Dictionary<int, IReadOnlyList<RunRecord>>();
        var result = Bisection.Run(spec.Min, spec.Max, spec.Precision, spec.Scale.Integer, spec.MaxProbes, (probe, x) =>
        {
            var runs = Enumerable.Range(0, replications).Select(r => ProbeJudge.Stored(spec, byId, replications, point, probe, r, x)).ToList();
            if (runs.Any(r => r is null)) return null;
            var found = runs.OfType<RunRecord>().ToList();
            var failed = ProbeJudge.Failed(spec, found);
            runsOf[probe] = found;
            probes.Add(new SearchProbe(probe, spec.Scale.Format(x), x, ProbeJudge.PointId(spec, point, probe), failed.Count == 0, failed));
            return failed.Count == 0;
        });
        var parameters = first.Parameters.Where(x => x.Key != spec.Key).ToList();
        var at = result.Steps.FirstOrDefault(s => s.Passed && s.X == result.Low);
        var cost = at is null ? [] : CostOf(runsOf[at.Probe]);
        var above = result.Steps.FirstOrDefault(s => !s.Passed && s.X == result.High);
        if (above is null) return new SearchOutcome(point, first.Architecture, parameters, result.Verdict, result.Low, result.High, probes, []) { CostAtLimit = cost };
        var (metric, utilisation) = ProbeJudge.Binding(runsOf[above.Probe]);
        var (broker, resource) = metric is null ? (null, null) : ProbeJudge.BindingBroker(runsOf[above.Probe], metric);
        return new SearchOutcome(point, first.Architecture, parameters, result.Verdict, result.Low, result.High, probes, probes[above.Probe].Failed)
        {
            BindingMetric = metric,
            BindingUtilisation = utilisation,
            BindingBroker = broker,
            BindingResource = resource,
            CostAtLimit = cost,
        };
    }

    /// <summary>The bill's columns, their means over the runs of the probe at the limit.</summary>
    private static IReadOnlyList<MetricValue> CostOf(IReadOnlyList<RunRecord> runs)
    {
        var row = ProbeJudge.Summary(runs);
        return MetricCatalog.Costs.Select(m => new MetricValue(m.Name, row.Metric(m.Name)?.Mean ?? double.NaN)).ToList();
    }
}
