using Sim.Kafka.Metadata;

namespace Sim.Kafka.Protocol;

/// <summary>
/// A candidate asks for a vote (KIP-595 Vote), or, with <see cref="PreVote"/>, a prospective asks whether it
/// would win one without bumping the epoch (KIP-996 Vote v2 PreVote field).
/// </summary>
public sealed class VoteRequest : KafkaMessage
{
    public required int CandidateEpoch { get; init; }
    public required int CandidateId { get; init; }
    public required int LastEpoch { get; init; }
    public required long LastOffset { get; init; }
    public bool PreVote { get; init; }
}

/// <summary>A vote (or pre-vote) answer; <see cref="LeaderId"/> is the leader the voter follows in <see cref="Epoch"/>, or -1.</summary>
public sealed class VoteResponse : KafkaMessage
{
    public required int Epoch { get; init; }
    public required bool Granted { get; init; }
    public required int VoterId { get; init; }
    public int LeaderId { get; init; } = -1;
}

/// <summary>A new leader tells the voters it leads the epoch (KIP-595 BeginQuorumEpoch).</summary>
public sealed class BeginQuorumEpoch : KafkaMessage
{
    public required int Epoch { get; init; }
    public required int LeaderId { get; init; }
}

/// <summary>
/// A fetch of the metadata log: from a voter (counts towards the majority) or an observer (a broker).
/// Observers are sent committed records only, so they never need to truncate.
/// </summary>
public sealed class QuorumFetchRequest : KafkaMessage
{
    public required int ReplicaId { get; init; }
    public required bool IsVoter { get; init; }
    public required int Epoch { get; init; }
    public required long FetchOffset { get; init; }
    public required int LastFetchedEpoch { get; init; }
}

public sealed class QuorumFetchResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
    public required int Epoch { get; init; }
    public required int LeaderId { get; init; }
    public required long HighWatermark { get; init; }
    public List<MetadataEntry>? Entries { get; init; }
    public int DivergingEpoch { get; init; } = -1;
    public long DivergingEndOffset { get; init; } = -1;
    protected override int PayloadBytes => (Entries?.Count ?? 0) * 96;
}

/// <summary>
/// A broker's heartbeat (BrokerHeartbeat; the first, with <see cref="BrokerEpoch"/> -1, registers it).
/// <see cref="MetadataOffset"/> tells the controller how far the broker has caught up.
/// </summary>
public sealed class BrokerHeartbeatRequest : KafkaMessage
{
    public required int BrokerId { get; init; }
    public required long BrokerEpoch { get; init; }
    public required long MetadataOffset { get; init; }
    public required bool WantShutdown { get; init; }

    /// <summary>At registration: whether the broker's previous run ended in a controlled shutdown (KIP-966).</summary>
    public bool PreviousShutdownClean { get; init; } = true;

    /// <summary>
    /// Partitions whose replica on the broker is in an offline log directory. Kafka's heartbeat carries the
    /// offline directories' ids (KIP-858) and the controller knows which replicas each holds; the model sends the
    /// partitions themselves.
    /// </summary>
    public int[] OfflinePartitions { get; init; } = [];
}

public sealed class BrokerHeartbeatResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
    public required int LeaderHint { get; init; }
    public required long BrokerEpoch { get; init; }
    public required bool IsFenced { get; init; }
    public required bool ShouldShutdown { get; init; }
}

/// <summary>A partition leader asks the controller to change the ISR (AlterPartition).</summary>
public sealed class AlterPartitionRequest : KafkaMessage
{
    public required int BrokerId { get; init; }
    public required int Partition { get; init; }
    public required int LeaderEpoch { get; init; }
    public required int PartitionEpoch { get; init; }
    public required int[] NewIsr { get; init; }
}

public sealed class AlterPartitionResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
    public required int Partition { get; init; }
    public required int LeaderHint { get; init; }
    public PartitionState? State { get; init; }
}

/// <summary>
/// A leader resigning on graceful shutdown tells the voters so, with the voters it would prefer to succeed
/// it, most caught up first (KIP-595 EndQuorumEpoch), so they elect at once instead of waiting out the
/// fetch timeout.
/// </summary>
public sealed class EndQuorumEpoch : KafkaMessage
{
    public required int Epoch { get; init; }
    public required int LeaderId { get; init; }
    public required int[] PreferredSuccessors { get; init; }
}
