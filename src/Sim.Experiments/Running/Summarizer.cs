using MathNet.Numerics.Distributions;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// One summary row per sweep point: each metric's mean over the point's replications and the
/// half-width of its 95% confidence interval from Student's t with n-1 degrees of freedom. Runs that
/// could not measure a metric (NaN) are left out of that metric's mean and counted in none.
/// </summary>
public static class Summarizer
{
    public static IReadOnlyList<SummaryRow> Summarize(IReadOnlyList<RunRecord> runs)
    {
        var rows = new List<SummaryRow>();
        foreach (var point in runs.GroupBy(r => r.PointId).OrderBy(g => g.Key))
        {
            var list = point.OrderBy(r => r.RunId).ToList();
            var metrics = MetricCatalog.All.Select(m => Summary(m.Name, list.Select(r => r.Metric(m.Name)))).ToList();
            rows.Add(new SummaryRow(point.Key, list[0].Architecture, list[0].Parameters, list.Count, metrics));
        }
        return rows;
    }

    public static MetricSummary Summary(string name, IEnumerable<double> values)
    {
        var xs = values.Where(v => !double.IsNaN(v)).ToList();
        if (xs.Count == 0) return new MetricSummary(name, double.NaN, double.NaN, 0);
        double mean = xs.Average();
        if (xs.Count == 1) return new MetricSummary(name, mean, 0, 1);
        double variance = xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
        double t = StudentT.InvCDF(0, 1, xs.Count - 1, 0.975);
        return new MetricSummary(name, mean, t * Math.Sqrt(variance / xs.Count), xs.Count);
    }
}
