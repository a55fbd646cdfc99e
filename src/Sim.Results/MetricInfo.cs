namespace Sim.Results;

/// <summary>
/// One metric's declaration: its column name in runs.csv (units and qualifiers last:
/// <c>produce_latency_ms_p99</c>), a label for axes and tables, its unit (empty for counts and ratios) and
/// its definition. <see cref="MetricCatalog"/> holds every declaration; the run's probes fill values by
/// referring to them.
/// </summary>
public sealed record MetricInfo(string Name, string Label, string Unit, string Definition)
{
    /// <summary>
    /// The resource this metric is the utilisation of (<c>CPU</c>, <c>NIC in</c>, <c>disk</c>), as a fraction
    /// of its capacity from 0 to 1; null for every other metric. A capacity search names the most utilised of
    /// these at the load just above its limit as the binding resource, so a utilisation metric declared with
    /// this tag is picked up there without further change.
    /// </summary>
    public string? UtilisationOf { get; init; }

    /// <summary>
    /// True for the few metrics where more is better (availability, a hit ratio); false for latencies, losses,
    /// recovery times and costs. A target on a metric (<c>targets:</c>) is met at or above its threshold when
    /// this is true, at or below it otherwise.
    /// </summary>
    public bool HigherIsBetter { get; init; }

    /// <summary>The label with its unit, as plots and tables show it: <c>produce latency p99 (ms)</c>.</summary>
    public string LabelWithUnit => Unit.Length == 0 ? Label : $"{Label} ({Unit})";
}
