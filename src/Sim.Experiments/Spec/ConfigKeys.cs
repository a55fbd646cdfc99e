using Sim.Architectures.Tiering;
using Sim.Core;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// The configuration keys an experiment accepts, under Kafka's and MirrorMaker 2's own names, each
/// mapped onto the model's options. docs/experiments.md lists every key with its default and unit.
/// Keys the simulator adds (service costs, disk latency) carry no Kafka name and are marked so there.
/// </summary>
internal static class ConfigKeys
{
    public static readonly KeyTable<ServerSettings> Server = new KeyTable<ServerSettings>()
        .Add("replica.lag.time.max.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { ReplicaLagTimeMax = d } } : s)
        .Add("replica.fetch.wait.max.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { ReplicaFetchWaitMax = d } } : s)
        .Add("replica.fetch.min.bytes", (r, v, k, s) => Values.Int(r, v, k, 1) is { } n ? s with { Broker = s.Broker with { ReplicaFetchMinBytes = n } } : s)
        .Add("replica.fetch.max.bytes", (r, v, k, s) => Values.Bytes(r, v, k, 1) is { } n ? s with { Broker = s.Broker with { ReplicaFetchMaxBytes = (int)Math.Min(n, int.MaxValue) } } : s)
        .Add("replica.fetch.response.max.bytes", (r, v, k, s) => Values.Bytes(r, v, k, 1) is { } n ? s with { Broker = s.Broker with { ReplicaFetchResponseMaxBytes = (int)Math.Min(n, int.MaxValue) } } : s)
        .Add("num.replica.fetchers", (r, v, k, s) => Values.Int(r, v, k, 1) is { } n ? s with { Broker = s.Broker with { NumReplicaFetchers = n } } : s)
        .Add("replica.fetch.backoff.ms", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { ReplicaFetchBackoff = d } } : s)
        .Add("replica.socket.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { ReplicaSocketTimeout = d } } : s)
        .Add("unclean.leader.election.enable", (r, v, k, s) => Values.Bool(r, v, k) is { } b ? s with { Broker = s.Broker with { UncleanLeaderElectionEnable = b } } : s)
        .Add("min.insync.replicas", (r, v, k, s) => Values.Int(r, v, k, 1) is { } n ? s with { Broker = s.Broker with { MinInSyncReplicas = n } } : s)
        .Add("broker.heartbeat.interval.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { BrokerHeartbeatInterval = d } } : s)
        .Add("broker.session.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { BrokerSessionTimeout = d } } : s)
        .Add("auto.leader.rebalance.enable", (r, v, k, s) => Values.Bool(r, v, k) is { } b ? s with { Broker = s.Broker with { AutoLeaderRebalanceEnable = b } } : s)
        .Add("leader.imbalance.check.interval.seconds", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { LeaderImbalanceCheckInterval = d } } : s)
        .Add("unclean.leader.election.interval.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { UncleanLeaderElectionInterval = d } } : s)
        .Add("eligible.leader.replicas.enable", (r, v, k, s) => Values.Bool(r, v, k) is { } b ? s with { Broker = s.Broker with { EligibleLeaderReplicasEnable = b } } : s)
        .Add("replica.selector.class", (r, v, k, s) => ReplicaSelector(r, v, k) is var (ok, c) && ok ? s with { Broker = s.Broker with { ReplicaSelectorClass = c } } : s)
        .Add("num.network.threads", (r, v, k, s) => Values.Int(r, v, k, 1, 1024) is { } n ? s with { Broker = s.Broker with { NumNetworkThreads = n } } : s)
        .Add("num.io.threads", (r, v, k, s) => Values.Int(r, v, k, 1, 1024) is { } n ? s with { Broker = s.Broker with { NumIoThreads = n } } : s)
        // Kafka leaves flushing to the OS page cache; log.flush.interval.messages=1 fsyncs every append.
        .Add("log.flush.interval.messages", (r, v, k, s) => r.Integer(v, k) is { } n ? s with { Broker = s.Broker with { FlushEveryAppend = n == 1 } } : s)
        // Simulator key: Kafka's fetch purgatory before 0.8.2 (kafka-1430), for calibrating against 2014's benchmark.
        .Add("sim.fetch.purgatory", (r, v, k, s) => Values.Choice(r, v, k, "current", "0.8.1") is { } c ? s with { Broker = s.Broker with { LegacyFetchPurgatory = c == "0.8.1" } } : s)
        .Add("offsets.commit.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { OffsetCommitTimeout = d } } : s)
        .Add("group.initial.rebalance.delay.ms", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { GroupInitialRebalanceDelay = d } } : s)
        .Add("offsets.topic.num.partitions", (r, v, k, s) => Values.Int(r, v, k, 1, 1000) is { } n ? s with { OffsetsTopicPartitions = n } : s)
        .Add("controller.quorum.election.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Quorum = s.Quorum with { ElectionTimeout = d } } : s)
        .Add("controller.quorum.fetch.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Quorum = s.Quorum with { FetchTimeout = d } } : s)
        .Add("controller.quorum.election.backoff.max.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Quorum = s.Quorum with { ElectionBackoffMax = d } } : s)
        .Add("controller.quorum.request.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Quorum = s.Quorum with { RequestTimeout = d } } : s)
        .Add("controller.quorum.append.linger.ms", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Quorum = s.Quorum with { AppendLinger = d } } : s)
        // Simulator key: Kafka 4.0+ (KIP-996 pre-vote, true) or Kafka 3.x (no pre-vote, false) elections.
        .Add("sim.controller.quorum.pre.vote.enable", (r, v, k, s) => Values.Bool(r, v, k) is { } b ? s with { Quorum = s.Quorum with { PreVote = b } } : s)
        .Add("zookeeper.session.timeout.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Quorum = s.Quorum with { ZooKeeperSessionTimeout = d } } : s)
        // Simulator keys: the service model of a broker, which Kafka has no setting for.
        .Add("sim.request.cost", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { RequestCost = d } } : s)
        .Add("sim.request.cost.per.kib", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { CostPerKiB = d } } : s)
        .Add("sim.network.thread.cost", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { NetworkThreadCost = d } } : s)
        .Add("sim.broker.startup.clean", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { StartupTimeClean = d } } : s)
        .Add("sim.broker.startup.unclean", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { StartupTimeUnclean = d } } : s)
        // How long a replica log holds batches one by one before coalescing them into runs (memory against detail; no Kafka key).
        .Add("sim.log.detail.window", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { LogDetailWindow = d } } : s)
        .Add("sim.disk.append.latency", (r, v, k, s) => r.Distribution(v, k, QuantityKind.Duration) is { } d ? s with { Broker = s.Broker with { DiskAppendLatency = d } } : s)
        // security.protocol SSL/SASL_SSL: TLS costs CPU per byte and disables zero-copy fetches.
        .Add("security.protocol", (r, v, k, s) => Values.Choice(r, v, k, "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL") is { } p ? s with { Broker = s.Broker with { Tls = p.EndsWith("SSL", StringComparison.Ordinal) } } : s)
        .Add("sim.tls.cost.per.kib", (r, v, k, s) => Values.Duration(r, v, k, allowZero: true) is { } d ? s with { Broker = s.Broker with { TlsCostPerKiB = d } } : s)
        .Add("compression.type", (r, v, k, s) => Codec(r, v, k, allowProducer: true) is { } c ? s with { Broker = s.Broker with { CompressionType = c } } : s)
        .Add("sim.gc.enable", (r, v, k, s) => Values.Bool(r, v, k) is { } b ? s with { Broker = s.Broker with { GcPausesEnable = b } } : s)
        .Add("sim.gc.interval", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { GcInterval = d } } : s)
        .Add("sim.gc.pause", (r, v, k, s) => r.Distribution(v, k, QuantityKind.Duration) is { } d ? s with { Broker = s.Broker with { GcPause = d } } : s)
        .Add("log.segment.bytes", (r, v, k, s) => Values.Bytes(r, v, k, SegmentBytesMin) is { } n ? WithLog(s, s.Broker.Log with { SegmentBytes = n }) : s)
        .Add("log.roll.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? WithLog(s, s.Broker.Log with { SegmentMs = d }) : s)
        .Add("log.retention.ms", (r, v, k, s) => Values.Retention(r, v, k) is { } d ? WithLog(s, s.Broker.Log with { RetentionMs = d }) : s)
        .Add("log.retention.bytes", (r, v, k, s) => Values.RetentionBytes(r, v, k) is { } n ? WithLog(s, s.Broker.Log with { RetentionBytes = n }) : s)
        .Add("log.retention.check.interval.ms", (r, v, k, s) => Values.Duration(r, v, k) is { } d ? s with { Broker = s.Broker with { LogRetentionCheckInterval = d } } : s)
        .Add("log.local.retention.ms", (r, v, k, s) => Values.Retention(r, v, k) is { } d ? WithLog(s, s.Broker.Log with { LocalRetentionMs = d }) : s)
        .Add("log.local.retention.bytes", (r, v, k, s) => Values.RetentionBytes(r, v, k) is { } n ? WithLog(s, s.Broker.Log with { LocalRetentionBytes = n }) : s)
        .Add("sim.disk.fsync.latency", (r, v, k, s) => r.Distribution(v, k, QuantityKind.Duration) is { } d ? s with { Broker = s.Broker with { DiskFsyncLatency = d } } : s);

    public static readonly KeyTable<ProducerConfig> Producer = new KeyTable<ProducerConfig>()
        .Add("acks", (r, v, k, p) => Acks(r, v, k) is { } a ? p with { Acks = a } : p)
        .Add("compression.type", (r, v, k, p) => Codec(r, v, k, allowProducer: false) is { } c ? p with { CompressionType = c } : p)
        .Add("sim.compression.ratio", (r, v, k, p) => r.Number(v, k) is { } x ? (x is > 0 and <= 1 ? p with { CompressionRatio = x } : Invalid(r, v, k, p, "must be more than 0 and at most 1")) : p)
        .Add("linger.ms", (r, v, k, p) => Values.Duration(r, v, k, allowZero: true) is { } d ? p with { Linger = d } : p)
        .Add("batch.size", (r, v, k, p) => Values.Bytes(r, v, k, 1) is { } n ? p with { BatchSize = (int)Math.Min(n, int.MaxValue) } : p)
        .Add("max.in.flight.requests.per.connection", (r, v, k, p) => Values.Int(r, v, k, 1) is { } n ? p with { MaxInFlightRequestsPerConnection = n } : p)
        .Add("request.timeout.ms", (r, v, k, p) => Values.Duration(r, v, k) is { } d ? p with { RequestTimeout = d } : p)
        .Add("delivery.timeout.ms", (r, v, k, p) => Values.Duration(r, v, k) is { } d ? p with { DeliveryTimeout = d } : p)
        .Add("retries", (r, v, k, p) => Values.Int(r, v, k, 0) is { } n ? p with { Retries = n } : p)
        .Add("retry.backoff.ms", (r, v, k, p) => Values.Duration(r, v, k, allowZero: true) is { } d ? p with { RetryBackoff = d } : p)
        .Add("retry.backoff.max.ms", (r, v, k, p) => Values.Duration(r, v, k, allowZero: true) is { } d ? p with { RetryBackoffMax = d } : p)
        .Add("enable.idempotence", (r, v, k, p) => Values.Bool(r, v, k) is { } b ? p with { EnableIdempotence = b } : p)
        .Add("metadata.max.age.ms", (r, v, k, p) => Values.Duration(r, v, k) is { } d ? p with { MetadataMaxAge = d } : p)
        .Add("buffer.memory", (r, v, k, p) => Values.Bytes(r, v, k, 1) is { } n ? p with { BufferMemory = n } : p)
        .Add("max.block.ms", (r, v, k, p) => Values.Duration(r, v, k, allowZero: true) is { } d ? p with { MaxBlock = d } : p)
        .Add("max.request.size", (r, v, k, p) => Values.Bytes(r, v, k, 1) is { } n ? p with { MaxRequestSize = (int)Math.Min(n, int.MaxValue) } : p)
        .Add("reconnect.backoff.ms", (r, v, k, p) => Values.Duration(r, v, k, allowZero: true) is { } d ? p with { ReconnectBackoff = d } : p)
        .Add("reconnect.backoff.max.ms", (r, v, k, p) => Values.Duration(r, v, k, allowZero: true) is { } d ? p with { ReconnectBackoffMax = d } : p)
        .Add("socket.connection.setup.timeout.ms", (r, v, k, p) => Values.Duration(r, v, k) is { } d ? p with { SocketConnectionSetupTimeout = d } : p)
        .Add("socket.connection.setup.timeout.max.ms", (r, v, k, p) => Values.Duration(r, v, k) is { } d ? p with { SocketConnectionSetupTimeoutMax = d } : p)
        .Add("metadata.recovery.strategy", (r, v, k, p) => RecoveryStrategy(r, v, k) is { } m ? p with { MetadataRecoveryStrategy = m } : p)
        .Add("metadata.recovery.rebootstrap.trigger.ms", (r, v, k, p) => Values.Duration(r, v, k) is { } d ? p with { MetadataRecoveryRebootstrapTrigger = d } : p);

    public static readonly KeyTable<ConsumerConfig> Consumer = new KeyTable<ConsumerConfig>()
        .Add("fetch.min.bytes", (r, v, k, c) => Values.Int(r, v, k, 1) is { } n ? c with { FetchMinBytes = n } : c)
        .Add("fetch.max.wait.ms", (r, v, k, c) => Values.Duration(r, v, k, allowZero: true) is { } d ? c with { FetchMaxWait = d } : c)
        .Add("max.partition.fetch.bytes", (r, v, k, c) => Values.Bytes(r, v, k, 1) is { } n ? c with { MaxPartitionFetchBytes = (int)Math.Min(n, int.MaxValue) } : c)
        .Add("fetch.max.bytes", (r, v, k, c) => Values.Bytes(r, v, k, 1) is { } n ? c with { FetchMaxBytes = (int)Math.Min(n, int.MaxValue) } : c)
        .Add("auto.offset.reset", (r, v, k, c) => Values.Choice(r, v, k, "earliest", "latest") is { } s ? c with { AutoOffsetResetEarliest = s == "earliest" } : c)
        .Add("enable.auto.commit", (r, v, k, c) => Values.Bool(r, v, k) is { } b ? c with { EnableAutoCommit = b } : c)
        .Add("auto.commit.interval.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { AutoCommitInterval = d } : c)
        .Add("request.timeout.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { RequestTimeout = d } : c)
        .Add("retry.backoff.ms", (r, v, k, c) => Values.Duration(r, v, k, allowZero: true) is { } d ? c with { RetryBackoff = d } : c)
        .Add("retry.backoff.max.ms", (r, v, k, c) => Values.Duration(r, v, k, allowZero: true) is { } d ? c with { RetryBackoffMax = d } : c)
        .Add("client.rack", (r, v, k, c) => r.Scalar(v, k) is { } s ? c with { ClientRack = s } : c)
        .Add("metadata.max.age.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { MetadataMaxAge = d } : c)
        .Add("session.timeout.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { SessionTimeout = d } : c)
        .Add("heartbeat.interval.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { HeartbeatInterval = d } : c)
        .Add("max.poll.interval.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { MaxPollInterval = d } : c)
        .Add("partition.assignment.strategy", (r, v, k, c) => AssignmentStrategy(r, v, k) is { } l ? c with { PartitionAssignmentStrategy = l } : c)
        .Add("metadata.recovery.strategy", (r, v, k, c) => RecoveryStrategy(r, v, k) is { } m ? c with { MetadataRecoveryStrategy = m } : c)
        .Add("metadata.recovery.rebootstrap.trigger.ms", (r, v, k, c) => Values.Duration(r, v, k) is { } d ? c with { MetadataRecoveryRebootstrapTrigger = d } : c)
        // Simulator key: how long the application works on one poll's records (a slow consumer).
        .Add("sim.consumer.processing.time", (r, v, k, c) => Values.Duration(r, v, k, allowZero: true) is { } d ? c with { ProcessingTimePerPoll = d } : c);

    public static readonly KeyTable<TopicConfig> Topic = new KeyTable<TopicConfig>()
        .Add("partitions", (r, v, k, t) => Values.Int(r, v, k, 1, 10_000) is { } n ? t with { Partitions = n } : t)
        .Add("replication.factor", (r, v, k, t) => Values.Int(r, v, k, 1, 100) is { } n ? t with { ReplicationFactor = n } : t)
        .Add("min.insync.replicas", (r, v, k, t) => Values.Int(r, v, k, 1) is { } n ? t with { MinInSyncReplicas = n } : t)
        .Add("unclean.leader.election.enable", (r, v, k, t) => Values.Bool(r, v, k) is { } b ? t with { UncleanLeaderElectionEnable = b } : t)
        .Add("retention.ms", (r, v, k, t) => Values.Retention(r, v, k) is { } d ? t with { Retention = d } : t)
        .Add("retention.bytes", (r, v, k, t) => Values.RetentionBytes(r, v, k) is { } n ? t with { RetentionBytes = n } : t)
        .Add("segment.bytes", (r, v, k, t) => Values.Bytes(r, v, k, SegmentBytesMin) is { } n ? t with { SegmentBytes = n } : t)
        .Add("segment.ms", (r, v, k, t) => Values.Duration(r, v, k) is { } d ? t with { SegmentMs = d } : t)
        .Add("local.retention.ms", (r, v, k, t) => Values.Retention(r, v, k) is { } d ? t with { LocalRetentionMs = d } : t)
        .Add("local.retention.bytes", (r, v, k, t) => Values.RetentionBytes(r, v, k) is { } n ? t with { LocalRetentionBytes = n } : t)
        // Simulator key: at-operation leaves the topic out of the cluster until a create-topic operation creates it.
        .Add("created", (r, v, k, t) => Values.Choice(r, v, k, "at-start", "at-operation") is { } s ? t with { CreatedByOperation = s == "at-operation" } : t)
        .Add("replicas", (r, v, k, t) => ReplicaAssignment.Read(r, v, k) is { } l ? t with { Replicas = l } : t)
        // Confluent Server (Multi-Region Clusters): synchronous replicas and observers per rack.
        .Add("confluent.placement.constraints", (r, v, k, t) => PlacementConstraintsReader.Read(r, v, k) is { } p ? t with { Placement = p } : t);

    public static readonly KeyTable<MirrorFlowConfig> Mirror = MirrorTable();

    public static readonly KeyTable<FailoverConfig> Failover = new KeyTable<FailoverConfig>()
        .Add("detection", (r, v, k, f) => Values.Choice(r, v, k, "probe", "operator") is { } s ? f with { Detection = s == "probe" ? DetectionKind.Probe : DetectionKind.Operator } : f)
        .Add("probe.interval", (r, v, k, f) => Values.Duration(r, v, k) is { } d ? f with { ProbeInterval = d } : f)
        .Add("probe.timeout", (r, v, k, f) => Values.Duration(r, v, k) is { } d ? f with { ProbeTimeout = d } : f)
        .Add("probe.failures", (r, v, k, f) => Values.Int(r, v, k, 1) is { } n ? f with { ProbeFailures = n } : f)
        .Add("operator.delay", (r, v, k, f) => Values.Duration(r, v, k, allowZero: true) is { } d ? f with { OperatorDelay = d } : f)
        .Add("redirect", (r, v, k, f) => Values.Choice(r, v, k, "dns", "reconfigure") is { } s ? f with { Redirect = s == "dns" ? RedirectKind.Dns : RedirectKind.Reconfigure } : f)
        .Add("dns.ttl", (r, v, k, f) => Values.Duration(r, v, k, allowZero: true) is { } d ? f with { DnsTtl = d } : f)
        .Add("reconfigure.delay", (r, v, k, f) => Values.Duration(r, v, k, allowZero: true) is { } d ? f with { ReconfigureDelay = d } : f)
        .Add("consumers.resume", (r, v, k, f) => Values.Choice(r, v, k, "checkpoint", "synced-offsets", "auto.offset.reset") is { } s
            ? f with { ConsumersResume = s switch { "checkpoint" => ResumeKind.Checkpoint, "synced-offsets" => ResumeKind.SyncedOffsets, _ => ResumeKind.AutoOffsetReset } }
            : f)
        .Add("failback", (r, v, k, f) => Values.Bool(r, v, k) is { } b ? f with { Failback = b } : f)
        .Add("failback.delay", (r, v, k, f) => Values.Duration(r, v, k, allowZero: true) is { } d ? f with { FailbackDelay = d } : f)
        .Add("reverse.replication", (r, v, k, f) => Values.Bool(r, v, k) is { } b ? f with { ReverseReplication = b } : f);

    /// <summary>The <c>access</c> block: the load balancer, VIP or DNS name clients bootstrap through, and its health checks.</summary>
    public static readonly KeyTable<Sim.Kafka.Access.AccessConfig> Access = new KeyTable<Sim.Kafka.Access.AccessConfig>()
        .Add("kind", (r, v, k, a) => Values.Choice(r, v, k, "load_balancer", "vip", "dns") is { } s
            ? a with { Kind = s switch { "load_balancer" => Sim.Kafka.Access.AccessKind.LoadBalancer, "vip" => Sim.Kafka.Access.AccessKind.Vip, _ => Sim.Kafka.Access.AccessKind.Dns } }
            : a)
        .Add("health.check.interval", (r, v, k, a) => Values.Duration(r, v, k) is { } d ? a with { HealthCheckInterval = d } : a)
        .Add("load_balancing.cross_zone.enabled", (r, v, k, a) => Values.Bool(r, v, k) is { } b ? a with { CrossZone = b } : a)
        .Add("health.check.timeout", (r, v, k, a) => Values.Duration(r, v, k) is { } d ? a with { HealthCheckTimeoutSetting = d } : a)
        .Add("unhealthy.threshold", (r, v, k, a) => Values.Int(r, v, k, 1) is { } n ? a with { UnhealthyThreshold = n } : a)
        .Add("healthy.threshold", (r, v, k, a) => Values.Int(r, v, k, 1) is { } n ? a with { HealthyThreshold = n } : a)
        .Add("vip.move", (r, v, k, a) => Values.Duration(r, v, k, allowZero: true) is { } d ? a with { VipMove = d } : a)
        .Add("vip.zone", (r, v, k, a) => r.Scalar(v, k) is { } z ? a with { VipZone = z } : a)
        .Add("dns.ttl", (r, v, k, a) => Values.Duration(r, v, k, allowZero: true) is { } d ? a with { DnsTtl = d } : a)
        .Add("networkaddress.cache.ttl", (r, v, k, a) => Values.Duration(r, v, k, allowZero: true) is { } d ? a with { NetworkAddressCacheTtl = d } : a)
        .Add("socket.connection.setup.timeout.ms", (r, v, k, a) => Values.Duration(r, v, k) is { } d ? a with { ConnectionSetupTimeout = d } : a)
        .Add("bootstrap.interval", (r, v, k, a) => Values.Duration(r, v, k) is { } d ? a with { BootstrapInterval = d } : a)
        .Add("health.check.regions", (r, v, k, a) => Names(r, v, k) is { } l ? a with { HealthCheckRegions = l } : a);

    public static readonly KeyTable<RemoteTierConfig> Tier = new KeyTable<RemoteTierConfig>()
        .Add("remote.log.manager.task.interval.ms", (r, v, k, t) => Values.Duration(r, v, k) is { } d ? t with { TaskInterval = d } : t)
        .Add("replication.lag", (r, v, k, t) => r.Distribution(v, k, QuantityKind.Duration) is { } d ? t with { ReplicationLag = d } : t)
        .Add("part.bytes", (r, v, k, t) => Values.Bytes(r, v, k, 1024) is { } n ? t with { PartBytes = (int)Math.Min(n, int.MaxValue) } : t);

    /// <summary>The smallest <c>segment.bytes</c> Kafka accepts (LogConfig: atLeast(LegacyRecord.RECORD_OVERHEAD_V0), 14 bytes).</summary>
    private const long SegmentBytesMin = 14;

    private static readonly string[] AcksValues = ["all", "-1", "0", "1"];

    private static ServerSettings WithLog(ServerSettings s, LogConfig log) => s with { Broker = s.Broker with { Log = log } };

    private static KeyTable<MirrorFlowConfig> MirrorTable()
    {
        var table = new KeyTable<MirrorFlowConfig>();
        foreach (var key in MirrorMakerSection.FlowKeys) table.Add(key, (r, v, k, f) => MirrorMakerSection.Apply(r, f, key, v, k));
        return table;
    }

    /// <summary>acks is all, -1, 0 or 1; Kafka rejects any other value (acks=2 is a configuration error, not a quorum of two).</summary>
    private static T Invalid<T>(YamlReader r, YamlNode v, string key, T value, string message)
    {
        r.Error(key, v, message);
        return value;
    }

    /// <summary>A <c>compression.type</c>: Kafka's codec names; a broker or topic may also say <c>producer</c>.</summary>
    private static CompressionType? Codec(YamlReader r, YamlNode v, string key, bool allowProducer)
    {
        string[] names = allowProducer ? ["none", "gzip", "snappy", "lz4", "zstd", "producer", "uncompressed"] : ["none", "gzip", "snappy", "lz4", "zstd"];
        return Values.Choice(r, v, key, names) switch
        {
            null => null,
            "gzip" => CompressionType.Gzip,
            "snappy" => CompressionType.Snappy,
            "lz4" => CompressionType.Lz4,
            "zstd" => CompressionType.Zstd,
            "producer" => CompressionType.Producer,
            _ => CompressionType.None,
        };
    }

    private static short? Acks(YamlReader r, YamlNode v, string key)
    {
        r.Offer(AcksValues);
        var text = r.Scalar(v, key);
        switch (text)
        {
            case null: return null;
            case "all" or "-1": return -1;
            case "0": return 0;
            case "1": return 1;
            default:
                r.Error(key, v, $"acks must be all, -1, 0 or 1, not '{text}'", "acks counts the leader alone (1) or every in-sync replica (all); min.insync.replicas sets how many must be in sync");
                return null;
        }
    }

    /// <summary><c>metadata.recovery.strategy</c>: none or rebootstrap (CommonClientConfigs, KIP-899).</summary>
    internal static Sim.Kafka.Config.MetadataRecoveryStrategy? RecoveryStrategy(YamlReader r, YamlNode v, string key) =>
        Values.Choice(r, v, key, "none", "rebootstrap") switch
        {
            "none" => Sim.Kafka.Config.MetadataRecoveryStrategy.None,
            "rebootstrap" => Sim.Kafka.Config.MetadataRecoveryStrategy.Rebootstrap,
            _ => null,
        };

    /// <summary>A list of names, as a YAML list or comma-separated; at least one.</summary>
    private static List<string>? Names(YamlReader r, YamlNode v, string key)
    {
        var items = v is YamlSequenceNode seq ? seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? "").ToList()
            : (r.Scalar(v, key) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (items.Count > 0 && items.All(i => i.Length > 0)) return items;
        r.Error(key, v, "expected one or more names", "for example: [us-east-1, eu-west-1, ap-southeast-1]");
        return null;
    }

    /// <summary>
    /// <c>partition.assignment.strategy</c>: a comma-separated list (or a YAML list) of assignors, by protocol name
    /// or class name (org.apache.kafka.clients.consumer.RangeAssignor, RoundRobinAssignor, StickyAssignor, CooperativeStickyAssignor).
    /// </summary>
    private static List<string>? AssignmentStrategy(YamlReader r, YamlNode v, string key)
    {
        var items = v is YamlSequenceNode seq ? seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? "").ToList()
            : (r.Scalar(v, key) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var names = new List<string>();
        foreach (var item in items)
        {
            string? name = item[(item.LastIndexOf('.') + 1)..] switch
            {
                "range" or "RangeAssignor" => Sim.Kafka.Clients.PartitionAssignor.Range,
                "roundrobin" or "RoundRobinAssignor" => Sim.Kafka.Clients.PartitionAssignor.RoundRobin,
                "sticky" or "StickyAssignor" => Sim.Kafka.Clients.PartitionAssignor.Sticky,
                "cooperative-sticky" or "CooperativeStickyAssignor" => Sim.Kafka.Clients.PartitionAssignor.CooperativeSticky,
                _ => null,
            };
            if (name is null)
            {
                r.Error(key, v, $"unknown partition assignor '{item}'", "expected range, roundrobin, sticky or cooperative-sticky (or their class names)");
                return null;
            }
            names.Add(name);
        }
        if (names.Count > 0) return names;
        r.Error(key, v, "partition.assignment.strategy names no assignor", "for example: range, cooperative-sticky");
        return null;
    }

    private static (bool Ok, string? Class) ReplicaSelector(YamlReader r, YamlNode v, string key)
    {
        var text = r.Scalar(v, key);
        if (text is null) return (false, null);
        var simple = text[(text.LastIndexOf('.') + 1)..];
        if (simple is "RackAwareReplicaSelector") return (true, "RackAwareReplicaSelector");
        if (simple is "LeaderSelector" or "") return (true, null);
        r.Error(key, v, $"unknown replica selector '{text}'", "expected org.apache.kafka.common.replica.RackAwareReplicaSelector (KIP-392) or LeaderSelector");
        return (false, null);
    }
}
