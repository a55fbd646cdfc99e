using Sim.Results;

namespace Sim.Experiments.Tests.Support;

/// <summary>
/// Run records made by hand for tests of what is computed and written from runs (summaries, tables, the
/// run store), so those tests need no simulation: every catalogued metric is present, NaN unless given.
/// </summary>
internal static class RunRecords
{
    public static RunRecord Of(int runId, int pointId = 0, int replication = 0, string architecture = "stretch",
        IReadOnlyDictionary<string, double>? metrics = null, IReadOnlyList<Parameter>? parameters = null,
        IReadOnlyList<FaultInterval>? faults = null, IReadOnlyList<TimeseriesPoint>? timeseries = null) =>
        new(
            runId,
            pointId,
            replication,
            Seed: 1000UL + (ulong)replication,
            architecture,
            parameters ?? [],
            MetricCatalog.All.Select(m => new MetricValue(m.Name, metrics is not null && metrics.TryGetValue(m.Name, out var v) ? v : double.NaN)).ToList(),
            [new CdfPoint(50, 1.25), new CdfPoint(99, 7.5)],
            faults ?? [],
            timeseries,
            Events: 12_345,
            Fingerprint: $"fp-{runId}");

    /// <summary>A record whose one metric <paramref name="name"/> is <paramref name="value"/>.</summary>
    public static RunRecord With(int runId, int pointId, string name, double value) =>
        Of(runId, pointId, metrics: new Dictionary<string, double> { [name] = value });
}
