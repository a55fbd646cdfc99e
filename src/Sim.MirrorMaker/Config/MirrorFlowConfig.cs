using Sim.Core.Time;
using Sim.Kafka.Config;

namespace Sim.MirrorMaker.Config;

/// <summary>Which replication policy names remote topics (<c>replication.policy.class</c>).</summary>
public enum ReplicationPolicyKind
{
    /// <summary>DefaultReplicationPolicy: <c>orders</c> from cluster <c>a</c> becomes <c>a.orders</c>; cycles are prevented.</summary>
    Default,

    /// <summary>IdentityReplicationPolicy: names are kept, so nothing tells a mirrored topic from a local one and cycles are not prevented.</summary>
    Identity,
}

/// <summary>
/// One replication flow, <c>source-&gt;target</c>, with MirrorMaker 2's connector settings under their real
/// names (MirrorSourceConfig, MirrorCheckpointConfig, MirrorHeartbeatConfig) and their defaults.
/// </summary>
public sealed record MirrorFlowConfig(string Source, string Target)
{
    /// <summary><c>topics</c>: regular expressions of topics to replicate.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [".*"];

    /// <summary><c>topics.exclude</c>.</summary>
    public IReadOnlyList<string> TopicsExclude { get; init; } = [@".*[\-\.]internal", @".*\.replica", "__.*"];

    /// <summary><c>groups</c>: consumer groups whose offsets are checkpointed.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [".*"];

    /// <summary><c>groups.exclude</c>.</summary>
    public IReadOnlyList<string> GroupsExclude { get; init; } = ["console-consumer-.*", "connect-.*", "__.*"];

    /// <summary><c>replication.policy.class</c>.</summary>
    public ReplicationPolicyKind ReplicationPolicy { get; init; } = ReplicationPolicyKind.Default;

    /// <summary><c>replication.policy.separator</c>.</summary>
    public string Separator { get; init; } = ".";

    /// <summary><c>tasks.max</c>: source partitions are split over at most this many source tasks.</summary>
    public int TasksMax { get; init; } = 1;

    /// <summary><c>replication.factor</c> of remote topics MirrorMaker 2 creates.</summary>
    public int ReplicationFactor { get; init; } = 2;

    /// <summary><c>offset.lag.max</c>: an offset sync is emitted once the downstream offset moved this far past the last one.</summary>
    public long OffsetLagMax { get; init; } = 100;

    /// <summary><c>refresh.topics.interval.seconds</c>: how often new source topics are looked for.</summary>
    public SimDuration RefreshTopicsInterval { get; init; } = SimDuration.FromSeconds(600);

    /// <summary><c>refresh.groups.interval.seconds</c>: how often new consumer groups are looked for.</summary>
    public SimDuration RefreshGroupsInterval { get; init; } = SimDuration.FromSeconds(600);

    /// <summary><c>emit.checkpoints.enabled</c>.</summary>
    public bool EmitCheckpointsEnabled { get; init; } = true;

    /// <summary><c>emit.checkpoints.interval.seconds</c>.</summary>
    public SimDuration EmitCheckpointsInterval { get; init; } = SimDuration.FromSeconds(60);

    /// <summary><c>sync.group.offsets.enabled</c>: write translated offsets into the target's consumer groups.</summary>
    public bool SyncGroupOffsetsEnabled { get; init; }

    /// <summary><c>sync.group.offsets.interval.seconds</c>.</summary>
    public SimDuration SyncGroupOffsetsInterval { get; init; } = SimDuration.FromSeconds(60);

    /// <summary><c>emit.heartbeats.enabled</c>.</summary>
    public bool EmitHeartbeatsEnabled { get; init; } = true;

    /// <summary><c>emit.heartbeats.interval.seconds</c>.</summary>
    public SimDuration EmitHeartbeatsInterval { get; init; } = SimDuration.FromSeconds(1);

    /// <summary>
    /// The source task's producer to the target: Connect's overrides of Kafka's defaults (<c>acks=all</c>,
    /// one request in flight, unbounded delivery timeout and retries) with idempotence off, as Connect runs it.
    /// </summary>
    public ProducerConfig Producer { get; init; } = ConnectProducer;

    /// <summary>The source task's consumer on the source: reading committed data from the earliest offset when it has none stored.</summary>
    public ConsumerConfig Consumer { get; init; } = new() { AutoOffsetResetEarliest = true, EnableAutoCommit = false };

    /// <summary>The producer settings a Connect worker gives source tasks.</summary>
    public static readonly ProducerConfig ConnectProducer = new()
    {
        Acks = -1, EnableIdempotence = false, MaxInFlightRequestsPerConnection = 1, Linger = SimDuration.Zero,
        DeliveryTimeout = SimDuration.FromMilliseconds(int.MaxValue), Retries = int.MaxValue,
    };

    public string Name => $"{Source}->{Target}";

    /// <summary>
    /// Whether the flow's connectors are created paused (Kafka Connect's <c>PUT /connectors/{name}/pause</c>): a
    /// standby's flows set up ahead of time, resumed by a failover's runbook. Not a MirrorMaker 2 property.
    /// </summary>
    public bool StartsPaused { get; init; }
}
