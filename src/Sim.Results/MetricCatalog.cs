namespace Sim.Results;

/// <summary>A metric's column name (units and qualifiers last), a label for axes and tables, and its definition (docs/metrics.md has the full text).</summary>
public sealed record MetricInfo(string Name, string Label, string Definition);

/// <summary>Every metric of runs.csv, in column order. One list, so the CSV, the summary, the plots, the report and <c>sim list metrics</c> agree.</summary>
public static class MetricCatalog
{
    public static readonly IReadOnlyList<MetricInfo> All =
    [
        new("produce_latency_ms_p50", "produce latency p50 (ms)", "median time from send to acknowledgement of acknowledged produce requests after warm-up"),
        new("produce_latency_ms_p99", "produce latency p99 (ms)", "99th percentile of the same"),
        new("produce_latency_ms_p999", "produce latency p99.9 (ms)", "99.9th percentile of the same"),
        new("produce_latency_ms_max", "produce latency max (ms)", "slowest acknowledged request"),
        new("e2e_latency_ms_p50", "end-to-end latency p50 (ms)", "median time from a record's creation to its delivery to a consumer"),
        new("e2e_latency_ms_p99", "end-to-end latency p99 (ms)", "99th percentile of the same"),
        new("records_produced", "records produced", "records handed to producers after warm-up"),
        new("records_acked", "records acknowledged", "records whose produce request was acknowledged"),
        new("records_failed", "records failed", "records whose delivery failed (delivery.timeout.ms or a fatal error)"),
        new("availability", "availability", "acknowledged / (acknowledged + failed) records after warm-up"),
        new("unavailable_s", "unavailable (s)", "seconds in which producers sent but got no write acknowledged"),
        new("acked_records_lost", "acknowledged records lost", "acknowledged records consumers can no longer read: permanent plus failover loss"),
        new("acked_records_lost_permanent", "acknowledged records lost for good", "acknowledged records found in no cluster's log at the end"),
        new("acked_records_lost_failover", "acknowledged records stranded by failover", "acknowledged records not on the cluster consumers read after failover"),
        new("rpo_s", "RPO (s)", "from the acknowledgement of the oldest lost record to the start of the first fault"),
        new("rto_s", "producer RTO (s)", "from the start of the first fault to the first acknowledged write, worst affected producer"),
        new("rto_detection_s", "RTO: detection (s)", "part of the producer RTO spent before the failure was detected"),
        new("rto_election_s", "RTO: election (s)", "part spent electing new leaders or controllers"),
        new("rto_propagation_s", "RTO: propagation (s)", "part spent before clients learned the new metadata"),
        new("rto_redirection_s", "RTO: redirection (s)", "part spent redirecting clients (DNS, reconnection, retries)"),
        new("rto_streams_affected", "producer streams affected", "producer streams whose first write after the fault came more than 1 s later"),
        new("rto_recovered", "producers recovered", "1 if every affected producer wrote again before the run ended, else 0"),
        new("consumer_rto_s", "consumer RTO (s)", "from the start of the first fault to the first delivery, worst affected consumer"),
        new("duplicates", "duplicates", "records delivered to a consumer group more than once"),
        new("records_skipped", "records skipped", "acknowledged records a consumer group never received though they still exist"),
        new("cross_zone_gb", "cross-zone transfer (GB)", "bytes sent between zones, including between regions, in GB (10^9)"),
        new("cross_region_gb", "cross-region transfer (GB)", "bytes sent between regions in GB"),
        new("transfer_cost_usd", "transfer cost (USD)", "cross-zone and cross-region bytes at the configured prices per GB"),
        new("leader_elections", "leader elections", "partition leader changes after warm-up"),
        new("isr_shrinks", "ISR shrinks", "ISR shrinks after warm-up"),
        new("mirror_lag_ms_p99", "MirrorMaker 2 lag p99 (ms)", "99th percentile of heartbeat replication lag"),
        new("remote_tier_uploaded_gb", "remote tier uploaded (GB)", "bytes uploaded to the remote tier"),
        new("remote_tier_replicated_gb", "remote tier replicated (GB)", "bytes replicated between object stores"),
    ];

    public static MetricInfo? Find(string name)
    {
        foreach (var m in All)
        {
            if (m.Name == name) return m;
        }
        return null;
    }
}
