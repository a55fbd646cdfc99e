namespace Sim.Results;

/// <summary>
/// One interval of the monitoring dashboard the seed asks for (seed 003, Monitoring Strategy), as a Kafka
/// operator's JMX metrics would read at its end: partition health, ISR churn, active controllers, replica and
/// MirrorMaker 2 lag, checkpoint age, consumer lag, produce and end-to-end p99 over the interval, the busiest
/// broker's bytes in and out and the busiest inter-zone link. Written as <c>timeseries/RUN.monitoring.csv</c>.
/// Figures a run has nothing to measure for (no MirrorMaker 2, no consumer, nothing acknowledged) are NaN.
/// The model's side is MonitoringRow (Sim.Architectures), whose values come in <see cref="Columns"/> order.
/// </summary>
public sealed record MonitoringSample(double TimeS, IReadOnlyList<double> Values)
{
    /// <summary>The CSV header; <see cref="Values"/> holds one value per column, <c>time_s</c> first.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "time_s", "under_replicated", "offline", "isr_shrinks_per_s", "isr_expands_per_s", "active_controllers_min",
        "active_controllers_max", "replica_lag_max", "mirror_records_behind", "mirror_lag_s", "checkpoint_age_s",
        "consumer_lag_max", "produce_p99_ms", "e2e_p99_ms", "bytes_in_mbps_max", "bytes_out_mbps_max", "link_util_max",
    ];
}
