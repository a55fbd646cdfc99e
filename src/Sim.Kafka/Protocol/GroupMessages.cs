namespace Sim.Kafka.Protocol;

/// <summary>
/// One member as the JoinGroup response shows it to the group's leader: its id, the partitions it subscribes
/// to (the model subscribes to partitions of topics rather than to topic names) and those it owns now, which
/// the sticky and cooperative assignors use (ConsumerProtocolSubscription's owned partitions, KIP-429).
/// </summary>
public sealed record GroupMemberMetadata(string MemberId, int[] Subscription, int[] Owned);

/// <summary>
/// A consumer asks to join (or rejoin) its group (JoinGroup, AbstractCoordinator.sendJoinGroupRequest): with
/// its session timeout (<c>session.timeout.ms</c>), its rebalance timeout (<c>max.poll.interval.ms</c>, KIP-62),
/// the assignors it supports in order of preference (<c>partition.assignment.strategy</c>) and its subscription.
/// </summary>
public sealed class JoinGroupRequest : KafkaMessage
{
    public required string Group { get; init; }
    public required string MemberId { get; init; }
    public required Core.Time.SimDuration SessionTimeout { get; init; }
    public required Core.Time.SimDuration RebalanceTimeout { get; init; }
    public required string[] Protocols { get; init; }
    public required int[] Subscription { get; init; }
    public required int[] Owned { get; init; }
    protected override int PayloadBytes => 64 + (Subscription.Length + Owned.Length) * 8;
}

/// <summary>
/// The coordinator's answer once the join phase ends: the generation, the protocol (assignor) chosen, the
/// leader, and for the leader only, every member's metadata.
/// </summary>
public sealed class JoinGroupResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
    public string MemberId { get; init; } = "";
    public int Generation { get; init; } = -1;
    public string? Protocol { get; init; }
    public string? LeaderId { get; init; }
    public IReadOnlyList<GroupMemberMetadata> Members { get; init; } = [];
    protected override int PayloadBytes => 32 + Members.Sum(m => 32 + (m.Subscription.Length + m.Owned.Length) * 8);
}

/// <summary>A member asks for its assignment of a generation (SyncGroup); the leader sends everyone's.</summary>
public sealed class SyncGroupRequest : KafkaMessage
{
    public required string Group { get; init; }
    public required string MemberId { get; init; }
    public required int Generation { get; init; }
    public IReadOnlyDictionary<string, int[]>? Assignments { get; init; }
    protected override int PayloadBytes => 32 + (Assignments?.Sum(a => 32 + a.Value.Length * 8) ?? 0);
}

public sealed class SyncGroupResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
    public int[] Assignment { get; init; } = [];
    protected override int PayloadBytes => Assignment.Length * 8;
}

/// <summary>A member's liveness signal to its coordinator (Heartbeat), every <c>heartbeat.interval.ms</c>.</summary>
public sealed class HeartbeatRequest : KafkaMessage
{
    public required string Group { get; init; }
    public required string MemberId { get; init; }
    public required int Generation { get; init; }
}

public sealed class HeartbeatResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
}

/// <summary>A member leaves its group (LeaveGroup): on close, or when <c>max.poll.interval.ms</c> expires (KIP-62).</summary>
public sealed class LeaveGroupRequest : KafkaMessage
{
    public required string Group { get; init; }
    public required string MemberId { get; init; }
}

public sealed class LeaveGroupResponse : KafkaMessage
{
    public required ErrorCode Error { get; init; }
}

/// <summary>
/// The group's state as the coordinator persists it in <c>__consumer_offsets</c> when a generation's
/// assignment is settled (GroupMetadataManager.storeGroup), so a new coordinator loads the group rather than
/// starting an empty one: generation, protocol, leader and each member with its assignment.
/// </summary>
public sealed record GroupMetadataRecord(string Group, int Generation, string? Protocol, string? LeaderId, IReadOnlyList<StoredMember> Members);

/// <summary>One member in a <see cref="GroupMetadataRecord"/>.</summary>
public sealed record StoredMember(string MemberId, int ClientId, int Node, Core.Time.SimDuration SessionTimeout, Core.Time.SimDuration RebalanceTimeout,
    string[] Protocols, int[] Subscription, int[] Assignment);
