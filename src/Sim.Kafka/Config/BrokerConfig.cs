using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>
/// Broker settings, named after server.properties keys, with Kafka 4.x defaults (ReplicationConfigs,
/// ServerLogConfigs, KRaftConfigs). The cost model entries (<c>sim.*</c>) are the simulator's own.
/// </summary>
public sealed record BrokerConfig
{
    /// <summary><c>replica.lag.time.max.ms</c>: a follower not caught up for this long leaves the ISR.</summary>
    public SimDuration ReplicaLagTimeMax { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>replica.fetch.wait.max.ms</c>: how long a follower's fetch may wait at the leader for data.</summary>
    public SimDuration ReplicaFetchWaitMax { get; init; } = SimDuration.FromMilliseconds(500);

    /// <summary><c>replica.fetch.min.bytes</c>.</summary>
    public int ReplicaFetchMinBytes { get; init; } = 1;

    /// <summary><c>replica.fetch.max.bytes</c>: per partition in a follower fetch.</summary>
    public int ReplicaFetchMaxBytes { get; init; } = 1024 * 1024;

    /// <summary><c>replica.fetch.response.max.bytes</c>.</summary>
    public int ReplicaFetchResponseMaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary><c>num.replica.fetchers</c>: fetcher threads per source broker.</summary>
    public int NumReplicaFetchers { get; init; } = 1;

    /// <summary><c>replica.fetch.backoff.ms</c>: pause after a failed fetch.</summary>
    public SimDuration ReplicaFetchBackoff { get; init; } = SimDuration.FromSeconds(1);

    /// <summary><c>replica.socket.timeout.ms</c>: a follower's fetch request times out after this.</summary>
    public SimDuration ReplicaSocketTimeout { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>unclean.leader.election.enable</c>.</summary>
    public bool UncleanLeaderElectionEnable { get; init; }

    /// <summary>Breaks the model on purpose, for tests of the tests only (see <see cref="ModelMutation"/>).</summary>
    public ModelMutation Mutation { get; init; }

    /// <summary><c>min.insync.replicas</c>: the broker default; topics may override.</summary>
    public int MinInSyncReplicas { get; init; } = 1;

    /// <summary><c>broker.heartbeat.interval.ms</c>.</summary>
    public SimDuration BrokerHeartbeatInterval { get; init; } = SimDuration.FromSeconds(2);

    /// <summary><c>broker.session.timeout.ms</c>: the controller fences a broker silent for this long.</summary>
    public SimDuration BrokerSessionTimeout { get; init; } = SimDuration.FromSeconds(9);

    /// <summary><c>auto.leader.rebalance.enable</c>.</summary>
    public bool AutoLeaderRebalanceEnable { get; init; } = true;

    /// <summary><c>leader.imbalance.check.interval.seconds</c>.</summary>
    public SimDuration LeaderImbalanceCheckInterval { get; init; } = SimDuration.FromSeconds(300);

    /// <summary>
    /// <c>unclean.leader.election.interval.ms</c>: how often the KRaft controller elects unclean leaders for
    /// leaderless partitions whose <c>unclean.leader.election.enable</c> was turned on dynamically.
    /// </summary>
    public SimDuration UncleanLeaderElectionInterval { get; init; } = SimDuration.FromMinutes(5);

    /// <summary>
    /// <c>sim.broker.startup.clean</c>: from process start to registering with the controller after a clean
    /// shutdown. A controlled shutdown flushes the logs and writes the <c>.kafka_cleanshutdown</c> marker, and
    /// LogManager.loadLogs, finding it, skips recovery; what is left is the JVM start and opening each log's
    /// segments and producer state: a couple of seconds for a broker with a few thousand partitions.
    /// </summary>
    public SimDuration StartupTimeClean { get; init; } = SimDuration.FromSeconds(2);

    /// <summary>
    /// <c>sim.broker.startup.unclean</c>: the same after a crash or power loss. Without the marker LogManager
    /// recovers every log from its recovery point checkpoint (written every
    /// <c>log.flush.offset.checkpoint.interval.ms</c>, 60 s), re-reading, checking and re-indexing up to a minute
    /// of appends with <c>num.recovery.threads.per.data.dir</c> (1) threads: 10 s by default, a few GB read back
    /// at a few hundred MB/s plus the clean start. A fixed time, not scaled by the bytes to recover.
    /// </summary>
    public SimDuration StartupTimeUnclean { get; init; } = SimDuration.FromSeconds(10);

    /// <summary><c>eligible.leader.replicas.enable</c> (KIP-966): off in 4.0.</summary>
    public bool EligibleLeaderReplicasEnable { get; init; }

    /// <summary><c>replica.selector.class</c>: null (leader only) or <c>RackAwareReplicaSelector</c> (KIP-392).</summary>
    public string? ReplicaSelectorClass { get; init; }

    /// <summary><c>num.network.threads</c>: threads that read requests off sockets before handlers take them.</summary>
    public int NumNetworkThreads { get; init; } = 3;

    /// <summary><c>sim.network.thread.cost</c>: network-thread time per request (reading and parsing it).</summary>
    public SimDuration NetworkThreadCost { get; init; } = SimDuration.FromMicroseconds(10);

    /// <summary><c>num.io.threads</c>: request handler threads.</summary>
    public int NumIoThreads { get; init; } = 8;

    /// <summary><c>log.flush.interval.messages</c> = 1 (fsync every append) when true; Kafka's default relies on the page cache.</summary>
    public bool FlushEveryAppend { get; init; }

    /// <summary>
    /// <c>sim.fetch.purgatory: 0.8.1</c>: the fetch purgatory of Kafka up to 0.8.1 (KafkaApis.maybeUnblockDelayedFetchRequests,
    /// FetchRequestPurgatory.checkSatisfied): a parked fetch is answered once the bytes appended to its partitions since it
    /// was parked reach its min bytes, with whatever it may read then (a consumer only below the high watermark, which has
    /// not moved yet), and the high watermark's advance answers no consumer fetch unless it completes an acks=all produce.
    /// Kafka 0.8.2's purgatory redesign (kafka-1430) made the advance complete delayed fetches; false (the default) models that.
    /// </summary>
    public bool LegacyFetchPurgatory { get; init; }

    /// <summary><c>sim.request.cost</c>: CPU time a request handler spends on a request, on one core.</summary>
    public SimDuration RequestCost { get; init; } = SimDuration.FromMicroseconds(50);

    /// <summary><c>sim.request.cost.per.kib</c>: CPU time a request handler spends per KiB a request carries (copying, CRC checks).</summary>
    public SimDuration CostPerKiB { get; init; } = SimDuration.FromNanoseconds(500);

    /// <summary>The machine every broker of the cluster runs on (a model's <c>hardware:</c>; a default instance otherwise).</summary>
    public Hardware.BrokerHardware Hardware { get; init; } = Sim.Kafka.Hardware.BrokerHardware.Default;

    /// <summary>
    /// <c>security.protocol</c> = SSL (or SASL_SSL): every byte in and out is encrypted, and fetches lose
    /// zero-copy (sendfile), since the broker must read records into user space to encrypt them (Kafka docs "Security: Encryption and Authentication using SSL", FileRecords.writeTo vs SslTransportLayer).
    /// </summary>
    public bool Tls { get; init; }

    /// <summary><c>sim.tls.cost.per.kib</c>: CPU time to encrypt or decrypt a KiB (AES-GCM with AES-NI runs at about 1-2 GB/s per core), plus the copy zero-copy would have saved.</summary>
    public SimDuration TlsCostPerKiB { get; init; } = SimDuration.FromNanoseconds(1000);

    /// <summary>
    /// <c>compression.type</c> of the broker (topics' default): <c>producer</c> keeps the producer's codec; any other
    /// codec makes the broker recompress batches that arrive in a different one (LogValidator).
    /// </summary>
    public CompressionType CompressionType { get; init; } = CompressionType.Producer;

    /// <summary><c>sim.gc.enable</c>: JVM stop-the-world collections pause the broker's threads.</summary>
    public bool GcPausesEnable { get; init; } = true;

    /// <summary><c>sim.gc.interval</c>: mean time between young collections (exponential gaps).</summary>
    public SimDuration GcInterval { get; init; } = SimDuration.FromSeconds(2);

    /// <summary><c>sim.gc.pause</c>: how long a collection stops every thread.</summary>
    public DistributionSpec GcPause { get; init; } = new("lognormal",
        new Dictionary<string, double> { ["median"] = 10e6, ["p99"] = 35e6 }, Sim.Core.QuantityKind.Duration);

    /// <summary><c>sim.disk.append.latency</c>: time for a write to reach the page cache.</summary>
    public DistributionSpec? DiskAppendLatency { get; init; }

    /// <summary><c>sim.disk.fsync.latency</c>: time for an fsync when appends are flushed.</summary>
    public DistributionSpec? DiskFsyncLatency { get; init; }

    /// <summary><c>offsets.commit.timeout.ms</c>: an offset commit waiting for its replicas fails after this.</summary>
    public SimDuration OffsetCommitTimeout { get; init; } = SimDuration.FromSeconds(5);

    /// <summary>
    /// <c>group.initial.rebalance.delay.ms</c> (KIP-134, GroupCoordinatorConfig, default 3000): how long the coordinator
    /// holds the first rebalance of an empty group so more members can join it, extended by each new member up to the
    /// rebalance timeout.
    /// </summary>
    public SimDuration GroupInitialRebalanceDelay { get; init; } = SimDuration.FromSeconds(3);

    /// <summary>Segment and retention defaults of every topic (<c>log.segment.bytes</c>, <c>log.roll.ms</c>, <c>log.retention.ms</c>, <c>log.retention.bytes</c>).</summary>
    public LogConfig Log { get; init; } = new();

    /// <summary><c>log.retention.check.interval.ms</c>: how often LogManager deletes segments past retention (5 minutes).</summary>
    public SimDuration LogRetentionCheckInterval { get; init; } = SimDuration.FromMinutes(5);

    /// <summary><c>sim.log.detail.window</c>: how long batches are kept in detail before they are coalesced into runs.</summary>
    public SimDuration LogDetailWindow { get; init; } = SimDuration.FromSeconds(5);
}
