namespace Sim.Results;

/// <summary>
/// One metric's declaration: its column name in runs.csv (units and qualifiers last:
/// <c>produce_latency_ms_p99</c>), a label for axes and tables, its unit (empty for counts and ratios) and
/// its definition. <see cref="MetricCatalog"/> holds every declaration; the run's probes fill values by
/// referring to them.
/// </summary>
public sealed record MetricInfo(string Name, string Label, string Unit, string Definition)
{
    /// <summary>The label with its unit, as plots and tables show it: <c>produce latency p99 (ms)</c>.</summary>
    public string LabelWithUnit => Unit.Length == 0 ? Label : $"{Label} ({Unit})";
}
