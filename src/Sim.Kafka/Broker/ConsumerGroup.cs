using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>
/// A classic consumer group as its coordinator holds it (GroupMetadata.scala): state, generation, the chosen
/// protocol (assignor), the leader and the members in joining order. A group object belongs to one term of
/// one coordinator: <see cref="LoadedEpoch"/> is the leader epoch of its <c>__consumer_offsets</c> partition
/// when it was loaded, and a retired group's pending timers do nothing.
/// </summary>
public sealed class ConsumerGroup(string id, int loadedEpoch)
{
    public string Id { get; } = id;
    public int LoadedEpoch { get; } = loadedEpoch;
    public GroupState State { get; set; } = GroupState.Empty;
    public int Generation { get; set; }
    public string? Protocol { get; set; }
    public string? LeaderId { get; set; }

    /// <summary>Members by id (ordinal order; <see cref="GroupMember.JoinOrder"/> keeps joining order).</summary>
    public SortedDictionary<string, GroupMember> Members { get; } = new(StringComparer.Ordinal);

    public bool Retired { get; set; }

    /// <summary>The pending end of the join phase.</summary>
    public EventHandle JoinTimer { get; set; }

    /// <summary>Whether the join phase is the initial delay of an empty group (InitialDelayedJoin, KIP-134).</summary>
    public bool InitialDelay { get; set; }

    /// <summary>What is left of the rebalance timeout for extending the initial delay.</summary>
    public SimDuration InitialRemaining { get; set; }

    /// <summary>A member joined during the initial delay, which therefore extends once more.</summary>
    public bool NewMemberAdded { get; set; }

    /// <summary>The rebalance timeout of the group: the largest of its members' (GroupMetadata.rebalanceTimeoutMs).</summary>
    public SimDuration RebalanceTimeout => Members.Count == 0 ? SimDuration.Zero : Members.Values.Max(m => m.RebalanceTimeout);

    public IEnumerable<GroupMember> InJoinOrder => Members.Values.OrderBy(m => m.JoinOrder);

    public bool AllMembersJoined => Members.Values.All(m => m.PendingJoin is not null);
}
