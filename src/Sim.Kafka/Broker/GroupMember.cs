using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// One member of a group at its coordinator (MemberMetadata.scala): what it joined with, its assignment in the
/// current generation, the JoinGroup or SyncGroup it is waiting on, and when its session runs out unless it
/// heartbeats again.
/// </summary>
public sealed class GroupMember
{
    public required string MemberId { get; init; }
    public int ClientId { get; set; }
    public int Node { get; set; }

    /// <summary>Order of joining: the group's leader is the earliest member still present.</summary>
    public long JoinOrder { get; init; }
    public SimDuration SessionTimeout { get; set; }
    public SimDuration RebalanceTimeout { get; set; }
    public string[] Protocols { get; set; } = [];
    public int[] Subscription { get; set; } = [];
    public int[] Owned { get; set; } = [];
    public int[] Assignment { get; set; } = [];
    public JoinGroupRequest? PendingJoin { get; set; }
    public SyncGroupRequest? PendingSync { get; set; }

    /// <summary>When the session expires: the last heartbeat (or join, sync) plus <c>session.timeout.ms</c>.</summary>
    public SimTime SessionDeadline { get; set; }
    public EventHandle SessionTimer { get; set; }

    /// <summary>A member waiting for a JoinGroup or SyncGroup answer is kept alive (GroupCoordinator.shouldKeepAlive).</summary>
    public bool AwaitingResponse => PendingJoin is not null || PendingSync is not null;

    public StoredMember ToStored() => new(MemberId, ClientId, Node, SessionTimeout, RebalanceTimeout, Protocols, Subscription, Assignment);
}
