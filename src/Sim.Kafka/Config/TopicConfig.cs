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
    /// When the topic comes into use: MirrorMaker 2 discovers a topic only at its first topic refresh
    /// (<c>refresh.topics.interval.seconds</c>) after this time. A topic an operation creates mid-run is
    /// told apart by <see cref="CreatedByOperation"/> instead.
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

    /// <summary>
    /// The partition count the topic is created with, when a <c>create-partitions</c> operation adds more later
    /// (CreatePartitions): the partition catalog holds <see cref="Partitions"/> slots from the start, the most
    /// the run will ever have, so indexes stay stable; a slot not created yet (or deleted) has no replicas in
    /// the metadata. Null: the topic has <see cref="Partitions"/> from its creation.
    /// </summary>
    public int? InitialPartitions { get; init; }

    /// <summary>
    /// Whether the topic does not exist until a <c>create-topic</c> operation creates it (CreateTopics):
    /// the experiment's <c>created: at-operation</c>.
    /// </summary>
    public bool CreatedByOperation { get; init; }

    /// <summary>How many partitions the topic has when it is created.</summary>
    public int CreatedPartitions => InitialPartitions ?? Partitions;

    /// <summary>Whether partition <paramref name="number"/> of the topic exists when the run starts.</summary>
    public bool ExistsAtStart(int number) => !CreatedByOperation && number < CreatedPartitions;

    /// <summary>Internal topics (<c>__consumer_offsets</c>) keep every batch in detail.</summary>
    public bool Internal { get; init; }
}
