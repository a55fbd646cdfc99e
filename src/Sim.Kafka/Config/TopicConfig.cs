namespace Sim.Kafka.Config;

/// <summary>A topic: its name, partition count, <c>replication.factor</c> and topic-level overrides.</summary>
public sealed record TopicConfig(string Name, int Partitions, int ReplicationFactor)
{
    /// <summary><c>min.insync.replicas</c>; null takes the broker default.</summary>
    public int? MinInSyncReplicas { get; init; }

    /// <summary><c>unclean.leader.election.enable</c>; null takes the broker default.</summary>
    public bool? UncleanLeaderElectionEnable { get; init; }

    /// <summary><c>retention.ms</c>: closed segments whose newest record is older than this are deleted; null takes the broker's <c>log.retention.ms</c>.</summary>
    public Sim.Core.Time.SimDuration? Retention { get; init; }

    /// <summary><c>retention.bytes</c>; null takes the broker's <c>log.retention.bytes</c>.</summary>
    public long? RetentionBytes { get; init; }

    /// <summary><c>segment.bytes</c>; null takes the broker's <c>log.segment.bytes</c>.</summary>
    public long? SegmentBytes { get; init; }

    /// <summary><c>segment.ms</c>; null takes the broker's <c>log.roll.ms</c>.</summary>
    public Sim.Core.Time.SimDuration? SegmentMs { get; init; }

    /// <summary><c>local.retention.ms</c> (KIP-405); null takes the broker default.</summary>
    public Sim.Core.Time.SimDuration? LocalRetentionMs { get; init; }

    /// <summary><c>local.retention.bytes</c> (KIP-405); null takes the broker default.</summary>
    public long? LocalRetentionBytes { get; init; }

    /// <summary>
    /// When the topic comes into use. The partition catalog holds every topic from the start (the model does
    /// not create topics while running), but MirrorMaker 2 discovers a topic only at its first topic refresh
    /// (<c>refresh.topics.interval.seconds</c>) after this time.
    /// </summary>
    public Sim.Core.Time.SimTime CreatedAt { get; init; } = Sim.Core.Time.SimTime.Zero;

    /// <summary>
    /// An explicit replica assignment, one broker-id list per partition with the preferred leader first, as
    /// <c>kafka-topics --create --replica-assignment</c> gives it (the admin client's
    /// <c>NewTopic(name, replicasAssignments)</c>); null lets the controller place the replicas
    /// (<see cref="Metadata.ReplicaPlacement"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>>? Replicas { get; init; }

    /// <summary><c>confluent.placement.constraints</c>: synchronous replicas and observers per rack; null places <see cref="ReplicationFactor"/> replicas and no observers.</summary>
    public PlacementConstraints? Placement { get; init; }

    /// <summary>Internal topics (<c>__consumer_offsets</c>) keep every batch in detail.</summary>
    public bool Internal { get; init; }
}
