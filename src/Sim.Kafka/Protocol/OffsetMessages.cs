namespace Sim.Kafka.Protocol;

/// <summary>
/// A consumer group's committed offsets, as stored in <c>__consumer_offsets</c>: the payload of one
/// commit record. Immutable once written.
/// </summary>
public sealed record CommittedOffsets(string Group, PartitionOffsets Offsets);

/// <summary>A consumer commits its group's positions to the group coordinator (OffsetCommit).</summary>
public sealed class OffsetCommitRequest : KafkaMessage
{
    public required string Group { get; init; }
    /// <summary>The offsets committed; never changed once sent (a retry sends the same), so the coordinator stores them as they are.</summary>
    public required PartitionOffsets Offsets { get; init; }
    protected override int PayloadBytes => 32 + Offsets.Count * 16;
}

public sealed class OffsetCommitResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
}

/// <summary>A consumer asks the coordinator for its group's committed offsets (OffsetFetch).</summary>
public sealed class OffsetFetchRequest : KafkaMessage
{
    public required string Group { get; init; }
}

public sealed class OffsetFetchResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
    public IReadOnlyDictionary<int, long>? Offsets { get; init; }
    protected override int PayloadBytes => (Offsets?.Count ?? 0) * 16;
}
