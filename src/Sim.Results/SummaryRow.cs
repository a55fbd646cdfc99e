namespace Sim.Results;

/// <summary>The mean of one metric over a sweep point's replications and the half-width of its 95% confidence interval (Student's t; 0 with one replication; NaN when no replication measured it).</summary>
public sealed record MetricSummary(string Name, double Mean, double Ci95, int Count);

/// <summary>One sweep point: its architecture, swept values and each metric summarised over replications.</summary>
public sealed record SummaryRow(int PointId, string Architecture, IReadOnlyList<Parameter> Parameters, int Replications, IReadOnlyList<MetricSummary> Metrics)
{
    public MetricSummary? Metric(string name)
    {
        foreach (var m in Metrics)
        {
            if (m.Name == name) return m;
        }
        return null;
    }
}
