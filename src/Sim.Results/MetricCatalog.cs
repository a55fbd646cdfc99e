namespace Sim.Results;

/// <summary>
/// Every metric of runs.csv, declared once, in column order. The CSV and summary columns, the plots' labels,
/// <c>sim list metrics</c> and the table of docs/metrics.md (<see cref="MetricTable"/>) all come from this
/// list; the run's probes fill values by referring to these declarations. A new metric is one declaration
/// here (placed in <see cref="All"/> where its column goes) plus the probe line that measures it.
/// </summary>
public static class MetricCatalog
{
    private const string AfterWarmup = "after the warm-up";

    /// <summary>What a total adds in hybrid fidelity for the spans it does not simulate (HorizonProbe).</summary>
    private const string Skipped = "; in hybrid fidelity, plus what the steady state carries in the skipped spans";

    public static readonly MetricInfo ProduceLatencyP50 = new("produce_latency_ms_p50", "produce latency p50", "ms",
        "Median time from a batch's first record entering the producer to its acknowledgement, per acknowledged produce request, " + AfterWarmup +
        "; HdrHistogram, 3 significant digits, microsecond resolution. Also kept per site (the zone the producer runs in) and as a distribution (latency_cdf.csv).");
    public static readonly MetricInfo ProduceLatencyP99 = new("produce_latency_ms_p99", "produce latency p99", "ms", "99th percentile of the produce latency.");
    public static readonly MetricInfo ProduceLatencyP999 = new("produce_latency_ms_p999", "produce latency p99.9", "ms", "99.9th percentile of the produce latency.");
    public static readonly MetricInfo ProduceLatencyMax = new("produce_latency_ms_max", "produce latency max", "ms", "The slowest acknowledged produce request.");
    public static readonly MetricInfo E2eLatencyP50 = new("e2e_latency_ms_p50", "end-to-end latency p50", "ms",
        "For each record delivered to a consumer application " + AfterWarmup + ": the consumer's clock at delivery minus the record's timestamp " +
        "(CreateTime, stamped by the producer's clock), weighted by records; the median. Clock skew shows up here as it would on a dashboard. " +
        "Mirrored records keep their timestamp, so cross-site reads include MirrorMaker 2's lag.");
    public static readonly MetricInfo E2eLatencyP99 = new("e2e_latency_ms_p99", "end-to-end latency p99", "ms", "99th percentile of the end-to-end latency.");
    public static readonly MetricInfo E2eLatencyP999 = new("e2e_latency_ms_p999", "end-to-end latency p99.9", "ms", "99.9th percentile of the end-to-end latency (the tail Kafka's end-to-end latency tests and OMB report beside p99).");
    public static readonly MetricInfo RecordsProduced = new("records_produced", "records produced", "", "Records the applications produced (handed to send()) " + AfterWarmup + Skipped + ".");
    public static readonly MetricInfo RecordsAcked = new("records_acked", "records acknowledged", "", "Records the applications had acknowledged " + AfterWarmup + Skipped + ".") { HigherIsBetter = true };
    public static readonly MetricInfo RecordsFailed = new("records_failed", "records failed", "",
        "Records whose delivery failed " + AfterWarmup + ": delivery timeout, buffer exhausted, non-retriable error, or still buffered when the application's host went down or it switched cluster.");
    public static readonly MetricInfo Availability = new("availability", "availability", "",
        "Records served over records asked for, " + AfterWarmup + ": records_acked less those produced while their cluster was unreachable, over that plus records_failed " +
        "plus the records produced by an application whose host was up while every broker of its cluster was down (a client left without a cluster and without failover " +
        "is unavailable, whatever later became of those records). Applications whose own host was down are not in it: see app_down_s. Records still pending at the end count in neither.") { HigherIsBetter = true };
    public static readonly MetricInfo UnavailableS = new("unavailable_s", "unavailable", "s",
        "Time-series intervals " + AfterWarmup + " in which at least one producer application whose host was up produced records but had none acknowledged, " +
        "or could reach no broker of its cluster (every one down) at the interval's end, in seconds.");
    public static readonly MetricInfo AppDownS = new("app_down_s", "application-seconds down", "s",
        "Application-seconds " + AfterWarmup + " during which applications' own hosts were down (gone dark with their zone): per time-series interval, the applications " +
        "down at its end times the interval. Such applications count neither in availability nor in the RTOs, so this says how much of the workload went dark.");
    public static readonly MetricInfo AckedRecordsLost = new("acked_records_lost", "acknowledged records lost", "",
        "Acknowledged records consumers can no longer read: permanent plus failover loss.");
    public static readonly MetricInfo AckedRecordsLostPermanent = new("acked_records_lost_permanent", "acknowledged records lost for good", "",
        "Acknowledged records found in no cluster's final log: not on their own cluster (truncated, or lost with the page cache of every replica) and not in any mirror.");
    public static readonly MetricInfo AckedRecordsLostFailover = new("acked_records_lost_failover", "acknowledged records stranded by failover", "",
        "Acknowledged records written before the first outage on a cluster it took, missing from the target of that cluster's MirrorMaker 2 flow " +
        "(its failover standby's flow when there is one) when the outage ended (or the run did), less those already counted as permanent. These are the records a failover strands.");
    public static readonly MetricInfo RpoS = new("rpo_s", "RPO", "s",
        "The start of the first fault minus the earliest acknowledgement time of any lost record (0 when nothing was lost): how far back before the fault data was lost.");
    public static readonly MetricInfo RpoHotS = new("rpo_hot_s", "RPO of hot data", "s",
        "For a design with a failover standby, at the start of the first fault: how far MirrorMaker 2's copy on the standby was behind the primary, the largest over the " +
        "failover flow's source partitions of the fault start minus the append time of the first record not yet replicated (0 when caught up). The hot data a failover to the standby " +
        "would lack. Empty without a failover standby or a fault.");
    public static readonly MetricInfo RpoColdS = new("rpo_cold_s", "RPO of cold data", "s",
        "For a design whose primary tiers its log (KIP-405) to an object store replicated to the DR region, at the start of the first fault: how far the DR region's copy of the " +
        "store was behind, the largest over partitions of the fault start minus the append time of the first committed record the copy lacks. It adds up the age of the " +
        "open segment (segment.bytes, segment.ms), the wait for the next remote log manager task, the upload and the store's replication lag. Empty without a replicated remote tier.");
    public static readonly MetricInfo RtoS = new("rto_s", "producer RTO", "s",
        "For each stream (an application's writes to one partition, keyed by application, cluster, topic and partition number) that was writing in the 5 s before the first fault and whose application stayed up: the stream is affected " +
        "when a silence longer than 1 s began by the fault plus 1 s; its recovery is the first acknowledgement that ends that silence " +
        "(for an application that switched cluster, also one on the same partition number of the cluster it moved to). " +
        "The RTO is the slowest affected stream's time from the fault start.");
    public static readonly MetricInfo RtoDetectionS = new("rto_detection_s", "RTO: detection", "s",
        "Part of the producer RTO along the slowest stream's path until the failure was detected: the first broker fenced in its cluster, or the failover declaration.");
    public static readonly MetricInfo RtoElectionS = new("rto_election_s", "RTO: election", "s", "Part of the producer RTO from detection to the partition's next leader change.");
    public static readonly MetricInfo RtoPropagationS = new("rto_propagation_s", "RTO: propagation", "s",
        "The rest of the producer RTO: clients learning the new metadata, request timeouts and retries.");
    public static readonly MetricInfo RtoRedirectionS = new("rto_redirection_s", "RTO: redirection", "s",
        "Part of the producer RTO from the failover declaration to the application's switch of cluster.");
    public static readonly MetricInfo RtoStreamsAffected = new("rto_streams_affected", "producer streams affected", "",
        "Producer streams whose first write after the fault came more than 1 s later.");
    public static readonly MetricInfo RtoRecovered = new("rto_recovered", "producers recovered", "",
        "1 if every affected producer stream wrote again before the run ended, else 0.") { HigherIsBetter = true };
    public static readonly MetricInfo ConsumerRtoS = new("consumer_rto_s", "consumer RTO", "s", "The producer RTO's definition applied to deliveries to consumer applications.");
    public static readonly MetricInfo Duplicates = new("duplicates", "duplicates", "",
        "Records delivered to a consumer group more than once, by first-written identity (a record and its mirrored copies are one record).");
    public static readonly MetricInfo RecordsSkipped = new("records_skipped", "records skipped", "",
        "Records in the logs a group's consumer reads now, below its position, that were never delivered to the group on any cluster.");
    public static readonly MetricInfo Rebalances = new("rebalances", "consumer group rebalances", "",
        "Generations the group coordinators settled " + AfterWarmup + " (each completed JoinGroup and SyncGroup round of a consumer group, GroupCoordinator), over every group and cluster.");
    public static readonly MetricInfo RebalancePauseS = new("rebalance_pause_s", "rebalance pause", "s",
        "Seconds " + AfterWarmup + ", summed over consumer groups, during which a group with a running member had no partition assigned to any running member: " +
        "the stop-the-world pause of eager rebalances (every member revokes everything before rejoining). Cooperative rebalances (KIP-429) only take the moving partitions away, so they leave it at 0.");
    public static readonly MetricInfo CrossZoneGb = new("cross_zone_gb", "cross-zone transfer", "GB",
        "Bytes carried between zones (including between regions) " + AfterWarmup +
        ", every message on the simulated network (produce, replication, MirrorMaker 2, metadata, remote tier), in GB (10^9 bytes)" + Skipped + ".");
    public static readonly MetricInfo CrossRegionGb = new("cross_region_gb", "cross-region transfer", "GB", "Bytes carried between regions " + AfterWarmup + ", in GB" + Skipped + ".");
    public static readonly MetricInfo TransferCostUsd = new("transfer_cost_usd", "transfer cost", "USD",
        "Cross-zone bytes within a region times the cross-zone price plus cross-region bytes times the cross-region price (see Prices below).");
    public static readonly MetricInfo LeaderElections = new("leader_elections", "leader elections", "", "Partition changes " + AfterWarmup + " that changed the leader epoch.");
    public static readonly MetricInfo IsrShrinks = new("isr_shrinks", "ISR shrinks", "", "Partition changes " + AfterWarmup + " that shrank the ISR.");
    public static readonly MetricInfo MirrorLagP99 = new("mirror_lag_ms_p99", "MirrorMaker 2 lag p99", "ms",
        "99th percentile, over the time-series samples " + AfterWarmup + ", of MirrorMaker 2's time behind (the mirror_lag_ms column): at each sample, whether or not anything " +
        "was replicated since the last, the largest over flows and source partitions of now minus the append time of the first record not yet replicated " +
        "(source high watermark above the offset up to which the target acknowledged the flow's copies; 0 when caught up). " +
        "The counterpart of MirrorSourceMetrics' replication-latency-ms (KIP-382), measured at the sample rather than at arrival, so a stopped flow reads as growing lag.");
    public static readonly MetricInfo MirrorRecordsBehindMax = new("mirror_records_behind_max", "MirrorMaker 2 records behind max", "",
        "The largest, over the time-series samples " + AfterWarmup + ", of the records MirrorMaker 2 had yet to replicate, summed over flows and source partitions: " +
        "the source high watermark minus the offset up to which the target acknowledged the flow's copies (the source consumer's records-lag, counted at the target's acknowledgement).");
    public static readonly MetricInfo MirrorInRecordsPerSMax = new("mirror_in_records_per_s_max", "mirrored records in (busiest cluster)", "records/s",
        "Records MirrorMaker 2 appended to the busiest target cluster " + AfterWarmup + " (leader appends of mirrored batches), per second of the measured time: " +
        "the load a hub, an aggregate or an observer cluster carries, the sum of what its sources write.");
    public static readonly MetricInfo ConflictsPerS = new("conflicts_per_s", "write conflicts", "keys/s",
        "Keys written in two sites within the replication window, per second " + AfterWarmup + ": for each pair of partner sites (each writes the topic with keys and " +
        "receives the other's writes through MirrorMaker 2), each pair of batches of the same partition neither of which had reached the other site when the other was " +
        "appended, counted by the expected keys the two batches share (batches draw uniformly from the producers' murmur2 key domain of that partition). 0 with one writer.");
    public static readonly MetricInfo UpdatesLostLww = new("updates_lost_lww", "updates lost (last-write-wins)", "keys",
        "Key updates discarded " + AfterWarmup + " if the application resolves by last-write-wins on the record timestamp (CreateTime, the producer's clock): " +
        "the earlier-stamped side of every conflict, plus sequential writes stamped earlier than a partner's write they followed (clock skew reversed them).");
    public static readonly MetricInfo UpdatesLostPriority = new("updates_lost_priority", "updates lost (site priority)", "keys",
        "Key updates discarded " + AfterWarmup + " if the application resolves conflicts by site priority (the first site of the architecture wins): the other side of every conflict.");
    public static readonly MetricInfo ConflictConvergenceSMax = new("conflict_convergence_s_max", "conflict convergence (slowest)", "s",
        "The longest time from a conflict's later write until both of its writes were in both sites (so any strategy gives both the same value); to the run's end if never.");
    public static readonly MetricInfo ConflictKeysDivergedMax = new("conflict_keys_diverged_max", "keys in disagreement (most)", "keys",
        "The most conflicting keys at any moment whose writes had not yet both reached both sites: how far the sites disagree at once.");
    public static readonly MetricInfo RemoteTierUploadedGb = new("remote_tier_uploaded_gb", "remote tier uploaded", "GB", "Bytes uploaded to the remote tier, in GB.");
    public static readonly MetricInfo RemoteTierReplicatedGb = new("remote_tier_replicated_gb", "remote tier replicated", "GB",
        "Bytes the object store replicated to the other region, in GB.");
    public static readonly MetricInfo DrTransferGb = new("dr_transfer_gb", "DR transfer", "GB",
        "For a design with a failover standby: bytes the network carried from the zones of the primary (its brokers and object store) to the zones of the standby (its brokers " +
        "and object store replica) " + AfterWarmup + ": MirrorMaker 2's copies, the object store's replication and anything else on those paths, in GB. Empty without a standby.");
    public static readonly MetricInfo BrokerCpuUtilMax = new("broker_cpu_util_max", "broker CPU utilisation (busiest)", "",
        "Core time the busiest broker used " + AfterWarmup + " (request and network threads' CPU work, GC pauses) over its cores times the time, 0 to 1. " +
        "The seed's threshold for a sized cluster is 0.70.") { UtilisationOf = "broker CPU" };
    public static readonly MetricInfo BrokerNicInUtilMax = new("broker_nic_in_util_max", "broker NIC in utilisation (busiest)", "",
        "Bytes the busiest broker's network card received " + AfterWarmup + " over its baseline bandwidth times the time; above 1 only while burst credits last. Threshold 0.70.") { UtilisationOf = "broker NIC in" };
    public static readonly MetricInfo BrokerNicOutUtilMax = new("broker_nic_out_util_max", "broker NIC out utilisation (busiest)", "",
        "Bytes the busiest broker's network card sent " + AfterWarmup + " over its baseline bandwidth times the time. Threshold 0.70.") { UtilisationOf = "broker NIC out" };
    public static readonly MetricInfo BrokerDiskUtilMax = new("broker_disk_util_max", "broker disk utilisation (busiest)", "",
        "Bytes the busiest broker's log disks wrote back and read " + AfterWarmup + " over what they sustain (the lower of throughput and IOPS times the I/O size) times the time. Threshold 0.60.") { UtilisationOf = "broker disk" };
    public static readonly MetricInfo BrokerStorageUsedMax = new("broker_storage_used_max", "broker storage used (fullest disk)", "",
        "The most any broker log directory held during the run, over its disk's size, 0 to 1: the log segments of the directory's replicas (batch bytes as written, so compressed " +
        "when compression applies), less what retention deleted. At 1 the disk is full and the directory goes offline (KIP-112).") { UtilisationOf = "broker storage" };
    public static readonly MetricInfo BrokerStorageGbMax = new("broker_storage_gb_max", "broker storage used (fullest disk)", "GB",
        "The most any broker log directory held during the run, in GB (10^9 bytes).");
    public static readonly MetricInfo LogDirsOffline = new("log_dirs_offline", "log directories offline", "",
        "Log directories taken offline during the run after a write failed on a full disk (LogDirFailureChannel, KIP-112).");
    public static readonly MetricInfo PageCacheHitRatio = new("page_cache_hit_ratio", "page-cache hit ratio", "",
        "Bytes fetched from the page cache over all bytes fetched from brokers " + AfterWarmup + "; the rest were read from disk (lagging readers).") { HigherIsBetter = true };
    public static readonly MetricInfo WriteStallSMax = new("write_stall_s_max", "write-back stall (busiest)", "s",
        "Time the busiest broker's appends waited for write-back " + AfterWarmup + " because dirty bytes reached vm.dirty_ratio, summed over its appends, in seconds.");
    public static readonly MetricInfo GcPauses = new("gc_pauses", "GC pauses", "", "JVM stop-the-world pauses of all brokers " + AfterWarmup + ".");

    private const string PerMonth = " per month (730 hours unless outputs.prices.hours_per_month says otherwise), at the prices of outputs.prices (defaults and sources in docs/cost.md)";
    public static readonly MetricInfo CostMonthUsd = new("cost_month_usd", "monthly bill", "USD/month",
        "What the deployment costs" + PerMonth + " at the load the run measured: cost_month_instances_usd plus cost_month_storage_usd plus cost_month_transfer_usd.");
    public static readonly MetricInfo CostMonthInstancesUsd = new("cost_month_instances_usd", "monthly bill: instances", "USD/month",
        "Every broker host at its instance's on-demand price per hour and every dedicated KRaft controller host at the controller price, all running the whole month" + PerMonth + ".");
    public static readonly MetricInfo CostMonthStorageUsd = new("cost_month_storage_usd", "monthly bill: storage", "USD/month",
        "Log disks as provisioned (size in GiB at the GB-month price, plus IOPS and throughput provisioned above what the volume type includes) and the remote tier's object storage " +
        "(bytes uploaded and replicated per second " + AfterWarmup + ", held for the topics' retention.ms or a month, whichever is shorter)" + PerMonth + ".");
    public static readonly MetricInfo CostMonthTransferUsd = new("cost_month_transfer_usd", "monthly bill: transfer", "USD/month",
        "Cross-zone bytes within a region at the cross-zone price and cross-region bytes at the cross-region price, per second " + AfterWarmup +
        ", carried on for the month" + PerMonth + ".");
    public static readonly MetricInfo BootstrapSMax = new("bootstrap_s_max", "longest bootstrap", "s",
        "The longest time a new client took, from starting to its first metadata answer, to find the cluster through its access layer (a load balancer, a virtual IP or DNS; " +
        "the architecture's access block), over bootstraps started " + AfterWarmup + ". 0 without an access layer. It grows after a fault by the layer's detection (health check interval " +
        "times threshold), a VIP move, or DNS and JVM caching, plus connection setup timeouts spent on addresses that no longer answer.");

    public static readonly MetricInfo Incidents = new("incidents", "incidents", "",
        "Faults that hit something, grouped into incidents while each begins before the previous one's end plus the hybrid window's 'after' (60 s in detailed runs).");
    public static readonly MetricInfo IncidentRtoP50 = new("incident_rto_s_p50", "incident RTO p50", "s",
        "Per incident: from its first fault to the end of the last write stream outage that began in it; 0 when no stream stalled. A write stream (an application's " +
        "writes to one partition number of a topic, whichever cluster takes them) is out while a record of it waits for its acknowledgement longer than its threshold " +
        "(ten times its mean produce latency in the steady state after the warm-up, at least 1 s), from when the application sent that record until it is " +
        "acknowledged or fails; a stream with nothing to send is idle, not out. The median over incidents.");
    public static readonly MetricInfo IncidentRtoMax = new("incident_rto_s_max", "incident RTO max", "s", "The longest incident RTO.");
    public static readonly MetricInfo IncidentRpoMax = new("incident_rpo_s_max", "incident RPO max", "s",
        "Per incident: its start minus the earliest acknowledgement time of an acknowledged record lost that was written before it; the largest over incidents.");
    public static readonly MetricInfo TimeAvailability = new("time_availability", "time availability", "",
        "The share of stream-time " + AfterWarmup + " over the whole horizon (skipped spans included) in which no application write stream (a partition) was out " +
        "(a record waiting for its acknowledgement longer than its threshold, as in incident_rto_s_p50), time its application's own host was down excluded.") { HigherIsBetter = true };
    public static readonly MetricInfo DowntimeMinPerYear = new("downtime_min_per_year", "downtime per year", "min",
        "(1 - time_availability) times a year (365.25 days), in minutes.");
    public static readonly MetricInfo AckedRecordsLostPerYear = new("acked_records_lost_per_year", "acknowledged records lost per year", "",
        "acked_records_lost over the horizon after the warm-up, scaled to a year.");
    public static readonly MetricInfo SimulatedS = new("simulated_s", "simulated time", "s",
        "The run's horizon in seconds: its duration, in hybrid fidelity including the skipped spans.");
    public static readonly MetricInfo HybridUnsettledWindows = new("hybrid_unsettled_windows", "unsettled detail windows", "",
        "Hybrid fidelity: detail windows that closed with a write stream still out (its producer holding a record unacknowledged longer than the stream's threshold); " +
        "that stream counts as down through the skipped span that follows. 0 in detailed runs.");
    public static readonly MetricInfo UnderReplicatedEnd = new("under_replicated_end", "under-replicated partitions at the end", "",
        "Partitions, over every cluster, with a synchronous replica (observers aside) outside the ISR when the run ended: UnderReplicatedPartitions read once more " +
        "at the end. 0 when every broker that came back caught up and rejoined: the seed's drill criterion \"all systems operational post-recovery\" " +
        "and its stretch tests' \"verify ISR rejoin\" and \"verify full synchronization\".");
    public static readonly MetricInfo ReconcilePrimaryOnly = new("reconcile_primary_only", "records on the primary only", "",
        "For a design with a failover standby, at the run's end: records in the primary's logs (its topics and any reverse copies) that no copy on the standby holds: " +
        "acknowledged on the primary, then stranded by the failure. What a failback must reconcile from the primary's side; empty without a standby.");
    public static readonly MetricInfo ReconcileStandbyOnly = new("reconcile_standby_only", "records on the standby only", "",
        "For a design with a failover standby, at the run's end: records written on the standby (during a failover) that the primary holds no copy of. " +
        "Without a reverse flow (failover.reverse.replication) everything written there during the failover; with one, only what the reverse flow had not copied. Empty without a standby.");
    public static readonly MetricInfo OfflineEnd = new("offline_partitions_end", "offline partitions at the end", "",
        "Partitions, over every cluster, without a leader when the run ended (OfflinePartitionsCount read once more at the end).");
    public static readonly MetricInfo BrokerProducePipelineUtilMax = new("broker_produce_pipeline_util_max", "producer pipeline utilisation (busiest connection)", "",
        "The share of the time " + AfterWarmup + " that the busiest producer connection held its broker with a produce request, from reading it to sending its response " +
        "(for acks=all, until the followers have it): Kafka reads one request at a time per connection, so near 1 the producer's pipeline binds, its pipelined requests " +
        "waiting at the broker one replication round each, whatever the cards, disks and cores are doing.") { UtilisationOf = "producer pipeline" };
    public static readonly MetricInfo MirroredE2eLatencyP50 = new("mirrored_e2e_latency_ms_p50", "end-to-end latency p50, mirrored reads", "ms",
        "As e2e_latency_ms_p50, over the records consumers read from a MirrorMaker 2 copy only (batches with an origin in another cluster): a region read in " +
        "the aggregate, a production cluster read in the observer, and in hub-and-spoke one spoke's data read in another spoke after two hops through the hub. " +
        "Empty when no consumer reads a mirrored topic.");
    public static readonly MetricInfo MirroredE2eLatencyP99 = new("mirrored_e2e_latency_ms_p99", "end-to-end latency p99, mirrored reads", "ms",
        "99th percentile of the mirrored reads' end-to-end latency: every copy on the way (two hops between spokes) and any stop of a flow (a hub outage stalls " +
        "every spoke-to-spoke flow) show here.");
    public static readonly MetricInfo MirroredFirstE2eLatencyP99 = new("mirrored_first_e2e_latency_ms_p99", "end-to-end latency p99, mirrored reads, first deliveries", "ms",
        "99th percentile of the mirrored reads' end-to-end latency counting each record only the first time its group receives it (by first-written identity): " +
        "how long data took to reach another site, without the age of records a mirror replays (a reset to earliest offsets, a standby's fan-out resumed) " +
        "that mirrored_e2e_latency_ms_p99 includes as a dashboard would.");
    public static readonly MetricInfo LogRetainedTb = new("log_retained_tb", "log storage at retention", "TB",
        "What every cluster's log disks hold once retention is reached at the load the run measured: each replica's bytes appended per second " + AfterWarmup +
        " times its topic's retention.ms (local.retention.ms when tiered; kept forever counts as 5 years), capped per partition by retention.bytes, summed, in TB " +
        "(10^12 bytes). Compacted internal topics are left out. Short regional and long aggregate retention (seed 003) show here, not in a minutes-long run's disks.");
    public static readonly MetricInfo BrokerStorageRetainedUtilMax = new("broker_storage_retained_util_max", "broker storage at retention (fullest)", "",
        "The busiest broker's log storage at retention (as log_retained_tb) over its log disks' size: above 1 its disks cannot hold the retention at this load.");
    public static readonly MetricInfo KafkaClusters = new("kafka_clusters", "Kafka clusters", "",
        "Kafka clusters the design runs (MirrorMaker 2's Connect clusters not counted): the seed's comparison matrix row 'Clusters'.");

    /// <summary>Every metric, in runs.csv column order.</summary>
    public static readonly IReadOnlyList<MetricInfo> All =
    [
        ProduceLatencyP50, ProduceLatencyP99, ProduceLatencyP999, ProduceLatencyMax, E2eLatencyP50, E2eLatencyP99, E2eLatencyP999,
        RecordsProduced, RecordsAcked, RecordsFailed, Availability, UnavailableS, AppDownS,
        AckedRecordsLost, AckedRecordsLostPermanent, AckedRecordsLostFailover, RpoS, RpoHotS, RpoColdS,
        RtoS, RtoDetectionS, RtoElectionS, RtoPropagationS, RtoRedirectionS, RtoStreamsAffected, RtoRecovered, ConsumerRtoS,
        Duplicates, RecordsSkipped, Rebalances, RebalancePauseS, CrossZoneGb, CrossRegionGb, TransferCostUsd,
        LeaderElections, IsrShrinks, MirrorLagP99, MirrorRecordsBehindMax,
        MirrorInRecordsPerSMax, ConflictsPerS, UpdatesLostLww, UpdatesLostPriority, ConflictConvergenceSMax, ConflictKeysDivergedMax,
        RemoteTierUploadedGb, RemoteTierReplicatedGb, DrTransferGb,
        BrokerCpuUtilMax, BrokerNicInUtilMax, BrokerNicOutUtilMax, BrokerDiskUtilMax, BrokerStorageUsedMax, BrokerStorageGbMax, LogDirsOffline,
        PageCacheHitRatio, WriteStallSMax, GcPauses,
        CostMonthUsd, CostMonthInstancesUsd, CostMonthStorageUsd, CostMonthTransferUsd,
        BootstrapSMax,
        Incidents, IncidentRtoP50, IncidentRtoMax, IncidentRpoMax, TimeAvailability, DowntimeMinPerYear, AckedRecordsLostPerYear, SimulatedS, HybridUnsettledWindows,
        UnderReplicatedEnd, OfflineEnd, ReconcilePrimaryOnly, ReconcileStandbyOnly, BrokerProducePipelineUtilMax, MirroredE2eLatencyP50, MirroredE2eLatencyP99, LogRetainedTb, BrokerStorageRetainedUtilMax, KafkaClusters,
        MirroredFirstE2eLatencyP99,
    ];

    /// <summary>The monthly bill's columns, total first (search.csv carries them at each search's limit).</summary>
    public static IReadOnlyList<MetricInfo> Costs => [CostMonthUsd, CostMonthInstancesUsd, CostMonthStorageUsd, CostMonthTransferUsd];

    /// <summary>The metrics tagged as the utilisation of a resource (<see cref="MetricInfo.UtilisationOf"/>), in column order.</summary>
    public static IReadOnlyList<MetricInfo> Utilisations => All.Where(m => m.UtilisationOf is not null).ToList();

    public static MetricInfo? Find(string name)
    {
        foreach (var m in All)
        {
            if (m.Name == name) return m;
        }
        return null;
    }
}
