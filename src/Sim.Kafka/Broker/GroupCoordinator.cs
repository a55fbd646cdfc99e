using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A broker's group coordinator for classic consumer groups (GroupCoordinator.scala, and from Kafka 4.0 the
/// classic protocol of the new group coordinator): it coordinates every group whose <c>__consumer_offsets</c>
/// partition this broker leads. A rebalance has a join phase (every member sends JoinGroup; the phase ends
/// when all known members have rejoined, or after the rebalance timeout, <c>max.poll.interval.ms</c>, dropping
/// those that did not; an empty group's first rebalance waits <c>group.initial.rebalance.delay.ms</c> more,
/// KIP-134) and a sync phase (the leader sends the assignment it computed in SyncGroup; the coordinator hands
/// each member its part). Members heartbeat; one silent for <c>session.timeout.ms</c> is removed and the group
/// rebalances. The settled generation is written to the offsets partition so a new coordinator loads it
/// (GroupMetadataManager.storeGroup and loadGroupsAndOffsets).
/// </summary>
/// <remarks>
/// Simplifications: SyncGroup is answered once the group record is appended, not once it is replicated;
/// member ids are not parked as pending members between MEMBER_ID_REQUIRED and the second JoinGroup (KIP-394);
/// a Stable group rebalances on every JoinGroup, even one with unchanged metadata; static membership
/// (<c>group.instance.id</c>, KIP-345) is not modelled, so a restarted consumer always joins as a new member.
/// </remarks>
public sealed class GroupCoordinator : IEventHandler
{
    private readonly KafkaBroker _broker;
    private readonly SortedDictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly int _kJoin, _kSession;
    private long _memberSeq;

    internal GroupCoordinator(KafkaBroker broker)
    {
        _broker = broker;
        _kJoin = broker.Context.Scheduler.Kinds.Register("group:join-phase-end");
        _kSession = broker.Context.Scheduler.Kinds.Register("group:session-check");
    }

    public int Host => _broker.Host;

    private Scheduler S => _broker.Context.Scheduler;

    /// <summary>The groups this broker holds now (for tests and probes).</summary>
    public IReadOnlyDictionary<string, ConsumerGroup> Groups => _groups;

    /// <summary>The broker crashed: it forgets every group (a restarted broker loads them again if it leads their partition).</summary>
    internal void Clear()
    {
        foreach (var g in _groups.Values) Retire(g);
        _groups.Clear();
    }

    private void Retire(ConsumerGroup g)
    {
        g.Retired = true;
        S.Cancel(g.JoinTimer);
        foreach (var m in g.Members.Values) S.Cancel(m.SessionTimer);
    }

    /// <summary>
    /// The group as this broker coordinates it, or null when it does not lead the group's offsets partition
    /// (NOT_COORDINATOR). A broker that became the leader since it last held the group loads it from the log.
    /// </summary>
    private ConsumerGroup? GroupFor(string id)
    {
        var p = _broker.CoordinatorPartitionOf(id);
        _groups.TryGetValue(id, out var known);
        if (p is null)
        {
            if (known is not null) { Retire(known); _groups.Remove(id); }
            return null;
        }
        if (known is not null && known.LoadedEpoch == p.LeaderEpoch) return known;
        if (known is not null) Retire(known);
        var g = Load(id, p);
        _groups[id] = g;
        return g;
    }

    private ConsumerGroup Load(string id, PartitionReplica p)
    {
        var g = new ConsumerGroup(id, p.LeaderEpoch);
        GroupMetadataRecord? stored = null;
        foreach (var b in p.Log.RecentBatches)
        {
            if (b.Payload is GroupMetadataRecord r && r.Group == id) stored = r;
        }
        if (stored is null) return g;
        g.Generation = stored.Generation;
        g.Protocol = stored.Protocol;
        g.LeaderId = stored.LeaderId;
        long order = 0;
        foreach (var s in stored.Members)
        {
            var m = new GroupMember
            {
                MemberId = s.MemberId, ClientId = s.ClientId, Node = s.Node, JoinOrder = order++, SessionTimeout = s.SessionTimeout,
                RebalanceTimeout = s.RebalanceTimeout, Protocols = s.Protocols, Subscription = s.Subscription, Assignment = s.Assignment,
            };
            g.Members[m.MemberId] = m;
            // A loaded member gets a full session from the load (GroupMetadataManager schedules every member's expiration).
            Touch(g, m);
        }
        g.State = g.Members.Count == 0 ? GroupState.Empty : GroupState.Stable;
        return g;
    }

    // ---- requests ----

    internal void HandleJoin(JoinGroupRequest m)
    {
        var g = GroupFor(m.Group);
        if (g is null) { RespondJoin(m, new JoinGroupResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = ErrorCode.NotCoordinator }); return; }
        if (m.MemberId.Length == 0)
        {
            // KIP-394: a member without an id is given one and asked to join again with it.
            RespondJoin(m, new JoinGroupResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = ErrorCode.MemberIdRequired, MemberId = $"consumer-{m.ClientId}-{_broker.Id}-{++_memberSeq}" });
            return;
        }
        if (!g.Members.TryGetValue(m.MemberId, out var member))
        {
            member = new GroupMember { MemberId = m.MemberId, JoinOrder = ++_memberSeq };
            g.Members[m.MemberId] = member;
            g.NewMemberAdded = true;
        }
        member.ClientId = m.ClientId;
        member.Node = m.Source;
        member.SessionTimeout = m.SessionTimeout;
        member.RebalanceTimeout = m.RebalanceTimeout;
        member.Protocols = m.Protocols;
        member.Subscription = m.Subscription;
        member.Owned = m.Owned;
        member.PendingJoin = m;
        Touch(g, member);
        if (g.State == GroupState.PreparingRebalance) TryCompleteJoin(g);
        else PrepareRebalance(g);
    }

    internal void HandleSync(SyncGroupRequest m)
    {
        var g = GroupFor(m.Group);
        ErrorCode error = g is null ? ErrorCode.NotCoordinator
            : !g.Members.TryGetValue(m.MemberId, out var member) ? ErrorCode.UnknownMemberId
            : m.Generation != g.Generation ? ErrorCode.IllegalGeneration
            : g.State == GroupState.PreparingRebalance ? ErrorCode.RebalanceInProgress
            : ErrorCode.None;
        if (error != ErrorCode.None) { RespondSync(m, error, []); return; }
        member = g!.Members[m.MemberId];
        Touch(g, member);
        if (g.State == GroupState.Stable) { RespondSync(m, ErrorCode.None, member.Assignment); return; }
        member.PendingSync = m;
        if (m.MemberId != g.LeaderId || m.Assignments is null) return;
        foreach (var x in g.Members.Values) x.Assignment = m.Assignments.TryGetValue(x.MemberId, out var a) ? a : [];
        g.State = GroupState.Stable;
        _broker.StoreGroup(g.Id, new GroupMetadataRecord(g.Id, g.Generation, g.Protocol, g.LeaderId, g.InJoinOrder.Select(x => x.ToStored()).ToList()));
        foreach (var x in g.InJoinOrder)
        {
            if (x.PendingSync is not { } pending) continue;
            x.PendingSync = null;
            RespondSync(pending, ErrorCode.None, x.Assignment);
        }
        _broker.Context.Events.GroupStabilized(S.Now, _broker.Id, g.Id, g.Generation, g.Members.Count);
    }

    internal void HandleHeartbeat(HeartbeatRequest m)
    {
        var g = GroupFor(m.Group);
        ErrorCode error = g is null ? ErrorCode.NotCoordinator
            : !g.Members.TryGetValue(m.MemberId, out var member) ? ErrorCode.UnknownMemberId
            : m.Generation != g.Generation ? ErrorCode.IllegalGeneration
            : ErrorCode.None;
        if (error == ErrorCode.None)
        {
            Touch(g!, g!.Members[m.MemberId]);
            if (g.State != GroupState.Stable) error = ErrorCode.RebalanceInProgress;
        }
        Respond(m, new HeartbeatResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = error });
    }

    internal void HandleLeave(LeaveGroupRequest m)
    {
        var g = GroupFor(m.Group);
        if (g is null) { Respond(m, new LeaveGroupResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = ErrorCode.NotCoordinator }); return; }
        if (!g.Members.TryGetValue(m.MemberId, out var member)) { Respond(m, new LeaveGroupResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = ErrorCode.UnknownMemberId }); return; }
        Respond(m, new LeaveGroupResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = ErrorCode.None });
        RemoveMember(g, member);
    }

    // ---- rebalancing ----

    private void PrepareRebalance(ConsumerGroup g)
    {
        if (g.State == GroupState.CompletingRebalance)
        {
            // The assignment being completed is void: members waiting for it rejoin (resetAndPropagateAssignmentError).
            foreach (var x in g.InJoinOrder)
            {
                if (x.PendingSync is not { } pending) continue;
                x.PendingSync = null;
                RespondSync(pending, ErrorCode.RebalanceInProgress, []);
            }
        }
        bool wasEmpty = g.State == GroupState.Empty;
        g.State = GroupState.PreparingRebalance;
        S.Cancel(g.JoinTimer);
        if (wasEmpty)
        {
            // InitialDelayedJoin: an empty group waits group.initial.rebalance.delay.ms for more members.
            var delay = _broker.Context.Broker.GroupInitialRebalanceDelay;
            g.InitialDelay = true;
            g.NewMemberAdded = false;
            g.InitialRemaining = SimDuration.Max(g.RebalanceTimeout - delay, SimDuration.Zero);
            g.JoinTimer = S.Schedule(delay, this, _kJoin, 0, g);
            return;
        }
        g.InitialDelay = false;
        g.JoinTimer = S.Schedule(g.RebalanceTimeout, this, _kJoin, 0, g);
        TryCompleteJoin(g);
    }

    private void TryCompleteJoin(ConsumerGroup g)
    {
        if (g.InitialDelay || !g.AllMembersJoined) return;
        S.Cancel(g.JoinTimer);
        CompleteJoin(g);
    }

    private void JoinPhaseTimedOut(ConsumerGroup g)
    {
        if (g.InitialDelay && g.NewMemberAdded && g.InitialRemaining > SimDuration.Zero)
        {
            // A member joined during the delay: wait again, up to what is left of the rebalance timeout.
            var delay = SimDuration.Min(_broker.Context.Broker.GroupInitialRebalanceDelay, g.InitialRemaining);
            g.InitialRemaining -= delay;
            g.NewMemberAdded = false;
            g.JoinTimer = S.Schedule(delay, this, _kJoin, 0, g);
            return;
        }
        g.InitialDelay = false;
        CompleteJoin(g);
    }

    private void CompleteJoin(ConsumerGroup g)
    {
        // Members that did not rejoin within the rebalance timeout are removed.
        foreach (var gone in g.Members.Values.Where(x => x.PendingJoin is null).ToList())
        {
            S.Cancel(gone.SessionTimer);
            g.Members.Remove(gone.MemberId);
        }
        g.Generation++;
        if (g.Members.Count == 0)
        {
            g.State = GroupState.Empty;
            g.LeaderId = null;
            _broker.StoreGroup(g.Id, new GroupMetadataRecord(g.Id, g.Generation, null, null, []));
            return;
        }
        if (g.LeaderId is null || !g.Members.ContainsKey(g.LeaderId)) g.LeaderId = g.InJoinOrder.First().MemberId;
        g.Protocol = SelectProtocol(g);
        g.State = GroupState.CompletingRebalance;
        var all = g.InJoinOrder.Select(x => new GroupMemberMetadata(x.MemberId, x.Subscription, x.Owned)).ToList();
        foreach (var x in g.InJoinOrder)
        {
            var pending = x.PendingJoin!;
            x.PendingJoin = null;
            Touch(g, x);
            RespondJoin(pending, new JoinGroupResponse
            {
                To = Component.Client, From = Component.Broker, ClientId = pending.ClientId, CorrelationId = pending.CorrelationId,
                Error = ErrorCode.None, MemberId = x.MemberId, Generation = g.Generation, Protocol = g.Protocol, LeaderId = g.LeaderId,
                Members = x.MemberId == g.LeaderId ? all : [],
            });
        }
    }

    /// <summary>Each member votes for its most preferred protocol that every member supports; the most votes win (GroupMetadata.selectProtocol).</summary>
    private static string SelectProtocol(ConsumerGroup g)
    {
        var candidates = g.Members.Values.Select(x => (IEnumerable<string>)x.Protocols).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal)).ToList();
        if (candidates.Count == 0) return g.Members.Values.First().Protocols.FirstOrDefault() ?? "range";
        return g.InJoinOrder.Select(x => x.Protocols.First(candidates.Contains))
            .GroupBy(p => p, StringComparer.Ordinal).OrderByDescending(v => v.Count()).ThenBy(v => candidates.IndexOf(v.Key)).First().Key;
    }

    private void RemoveMember(ConsumerGroup g, GroupMember member)
    {
        S.Cancel(member.SessionTimer);
        g.Members.Remove(member.MemberId);
        if (member.PendingJoin is { } join) RespondJoin(join, new JoinGroupResponse { To = Component.Client, From = Component.Broker, ClientId = join.ClientId, CorrelationId = join.CorrelationId, Error = ErrorCode.UnknownMemberId });
        switch (g.State)
        {
            case GroupState.Stable or GroupState.CompletingRebalance: PrepareRebalance(g); break;
            case GroupState.PreparingRebalance: TryCompleteJoin(g); break;
        }
    }

    /// <summary>The member was heard from: its session runs a full <c>session.timeout.ms</c> from now.</summary>
    private void Touch(ConsumerGroup g, GroupMember m)
    {
        m.SessionDeadline = S.Now + m.SessionTimeout;
        if (!S.IsPending(m.SessionTimer)) m.SessionTimer = S.Schedule(m.SessionTimeout, this, _kSession, 0, (g, m));
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (!_broker.Alive) return;
        if (ev.Kind == _kJoin)
        {
            var g = (ConsumerGroup)ev.State!;
            if (!g.Retired && g.State == GroupState.PreparingRebalance) JoinPhaseTimedOut(g);
        }
        else if (ev.Kind == _kSession)
        {
            var (g, m) = ((ConsumerGroup, GroupMember))ev.State!;
            if (g.Retired || !g.Members.TryGetValue(m.MemberId, out var current) || current != m) return;
            if (m.AwaitingResponse) m.SessionDeadline = S.Now + m.SessionTimeout;
            if (m.SessionDeadline > S.Now)
            {
                m.SessionTimer = S.ScheduleAt(m.SessionDeadline, this, _kSession, 0, (g, m));
                return;
            }
            _broker.Context.Events.GroupMemberExpired(S.Now, _broker.Id, g.Id, m.ClientId);
            RemoveMember(g, m);
        }
    }

    private void RespondJoin(JoinGroupRequest m, JoinGroupResponse r) => Respond(m, r);

    private void RespondSync(SyncGroupRequest m, ErrorCode error, int[] assignment) => Respond(m, new SyncGroupResponse { To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = error, Assignment = assignment });

    private void Respond(KafkaMessage request, KafkaMessage response) => _broker.RespondTo(request, response);
}
