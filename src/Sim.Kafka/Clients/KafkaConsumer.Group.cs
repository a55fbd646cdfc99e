using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// The consumer's group membership (ConsumerCoordinator and AbstractCoordinator): it finds its coordinator (the
/// leader of the group's <c>__consumer_offsets</c> partition, from its metadata), joins (JoinGroup, and again
/// with the member id the coordinator asks it to use, KIP-394), and, as the leader, computes the assignment with
/// <c>partition.assignment.strategy</c> and sends it in SyncGroup. A member heartbeats every
/// <c>heartbeat.interval.ms</c> from a background thread (KIP-62), so processing does not stop heartbeats; the
/// application's poll loop must come back within <c>max.poll.interval.ms</c> or the consumer leaves its group.
/// Before rejoining, an auto-committing member commits its positions and waits for the answer
/// (onJoinPrepare's synchronous commit). Eager protocols revoke every partition at that point; the
/// cooperative one (KIP-429) keeps its partitions, revokes only those the new assignment moves away, and
/// rejoins at once so the next rebalance gives them to their new owner.
/// </summary>
public sealed partial class KafkaConsumer
{
    private readonly int _kHeartbeat, _kPollTimeout, _kPolled, _kRejoin;
    private bool _groupManaged;
    private MemberState _memberState;
    private string _memberId = "";
    private int _generation = -1;
    private bool _heartbeatInFlight;
    private EventHandle _heartbeatTimer, _pollTimer;
    private int _commitsInFlight;
    private bool _joinAfterCommit;
    private bool _processing;
    private bool _pollExpired;
    private int[] _lastOwned = [];

    /// <summary>Where the member is in the group protocol (AbstractCoordinator.MemberState).</summary>
    private enum MemberState
    {
        Unjoined,
        Joining,
        Syncing,
        Stable,
    }

    /// <summary>
    /// Makes the partitions given at construction the consumer's subscription (<c>subscribe()</c>): its group's
    /// coordinator assigns them among the members. Without an offsets topic there is no coordinator, and the
    /// consumer keeps the whole list. Call before <see cref="Start"/>.
    /// </summary>
    public void Subscribe() => _groupManaged = _ctx.OffsetsPartitionOf(Config.GroupId) >= 0;

    /// <summary>Whether the group coordinator assigns this consumer's partitions.</summary>
    public bool GroupManaged => _groupManaged;

    /// <summary>The generation this member last joined (-1: none).</summary>
    public int Generation => _generation;

    /// <summary>Whether the member has its assignment of a generation (not rebalancing).</summary>
    public bool Stable => _memberState == MemberState.Stable;

    /// <summary>Whether the application is working on a poll's records (<c>sim.consumer.processing.time</c>).</summary>
    private bool Processing => _processing;

    private bool Cooperative => Config.PartitionAssignmentStrategy.All(PartitionAssignor.IsCooperative);

    /// <summary>The application closes the consumer: a member leaves its group at once (LeaveGroup), then stops.</summary>
    public void Close()
    {
        if (_started && _groupManaged && _memberId.Length > 0) SendLeave();
        Stop();
    }

    private void OnGroupEvent(int kind)
    {
        if (kind == _kHeartbeat)
        {
            if (_memberState != MemberState.Stable) return;
            if (!_heartbeatInFlight) SendHeartbeat();
            _heartbeatTimer = S.Schedule(Config.HeartbeatInterval, this, _kHeartbeat);
        }
        else if (kind == _kRejoin)
        {
            if (_memberState == MemberState.Unjoined) JoinGroup();
        }
        else if (kind == _kPolled) Polled();
        else if (kind == _kPollTimeout) PollTimedOut();
    }

    // ---- joining ----

    private void JoinGroup()
    {
        if (!_started || !_groupManaged || _memberState is MemberState.Joining or MemberState.Syncing || _joinAfterCommit) return;
        S.Cancel(_heartbeatTimer);
        int commits = _commitsInFlight;
        if (Config.EnableAutoCommit && _memberState == MemberState.Stable) Commit();
        _memberState = MemberState.Unjoined;
        if (_assigned.Length > 0) _lastOwned = _assigned;
        // The eager protocol revokes everything before joining; the cooperative one keeps fetching what it owns.
        if (!Cooperative) SetAssignment([]);
        if (_commitsInFlight > commits)
        {
            _joinAfterCommit = true;
            return;
        }
        SendJoin();
    }

    /// <summary>An offset commit finished (answered or failed): a join waiting for it goes ahead.</summary>
    private void CommitDone()
    {
        _commitsInFlight = Math.Max(0, _commitsInFlight - 1);
        if (!_joinAfterCommit || _commitsInFlight > 0) return;
        _joinAfterCommit = false;
        SendJoin();
    }

    private void SendJoin()
    {
        int coordinator = CoordinatorLeader();
        if (coordinator < 0)
        {
            // FindCoordinator: the coordinator is the leader of the group's offsets partition, learnt from metadata.
            RequestMetadata();
            S.Schedule(Config.RetryBackoff, this, _kRejoin);
            return;
        }
        _memberState = MemberState.Joining;
        var req = new JoinGroupRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = Config.GroupId, MemberId = _memberId,
            SessionTimeout = Config.SessionTimeout, RebalanceTimeout = Config.MaxPollInterval, Protocols = [.. Config.PartitionAssignmentStrategy],
            Subscription = _subscription, Owned = Cooperative ? _assigned : _lastOwned,
        };
        // The JoinGroup may be held for the whole rebalance: its timeout is the rebalance timeout plus 5 s (AbstractCoordinator).
        _requests.Add(req.CorrelationId, (coordinator, req), SimDuration.Max(Config.RequestTimeout, Config.MaxPollInterval + SimDuration.FromSeconds(5)));
        _ctx.Send(Node, _ctx.BrokerNode(coordinator), req);
    }

    private void OnGroupResponse(KafkaMessage request, KafkaMessage response)
    {
        switch (response)
        {
            case JoinGroupResponse j when _memberState == MemberState.Joining: OnJoin(j); break;
            case SyncGroupResponse y when _memberState == MemberState.Syncing: OnSync(y); break;
            case HeartbeatResponse h: OnHeartbeat(h); break;
        }
    }

    private void OnJoin(JoinGroupResponse j)
    {
        _memberState = MemberState.Unjoined;
        switch (j.Error)
        {
            case ErrorCode.MemberIdRequired:
                _memberId = j.MemberId;
                SendJoin();
                return;
            case ErrorCode.None:
                break;
            default:
                GroupError(j.Error);
                return;
        }
        _memberId = j.MemberId;
        _generation = j.Generation;
        _assignmentSnapshot = null;
        var assignments = j.LeaderId == _memberId ? AssignExisting(j.Protocol ?? PartitionAssignor.Range, j.Members) : null;
        int coordinator = CoordinatorLeader();
        if (coordinator < 0) { GroupError(ErrorCode.NotCoordinator); return; }
        _memberState = MemberState.Syncing;
        Send(coordinator, new SyncGroupRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = Config.GroupId, MemberId = _memberId,
            Generation = _generation, Assignments = assignments,
        });
    }

    private void OnSync(SyncGroupResponse y)
    {
        _memberState = MemberState.Unjoined;
        if (y.Error != ErrorCode.None) { GroupError(y.Error); return; }
        bool revoked = _assigned.Any(p => !y.Assignment.Contains(p));
        SetAssignment(y.Assignment);
        _memberState = MemberState.Stable;
        _heartbeatTimer = S.Schedule(Config.HeartbeatInterval, this, _kHeartbeat);
        // KIP-429: having given partitions up, a cooperative member rejoins so they can be assigned to their new owner.
        if (Cooperative && revoked) JoinGroup();
        FetchAll();
    }

    /// <summary>What a member does on a group error (AbstractCoordinator's JoinGroup, SyncGroup and Heartbeat handlers).</summary>
    private void GroupError(ErrorCode error)
    {
        switch (error)
        {
            case ErrorCode.RebalanceInProgress:
                JoinGroup();
                break;
            case ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration:
                // The member was removed from the group: its partitions are lost (not revoked: nothing is committed).
                _memberId = "";
                _generation = -1;
                _memberState = MemberState.Unjoined;
                SetAssignment([]);
                JoinGroup();
                break;
            default:
                // NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE or a failed request: find the coordinator again and retry.
                RequestMetadata();
                if (_memberState != MemberState.Stable) S.Schedule(Config.RetryBackoff, this, _kRejoin);
                break;
        }
    }

    private void GroupRequestFailed(KafkaMessage request)
    {
        switch (request)
        {
            case JoinGroupRequest or SyncGroupRequest:
                _memberState = MemberState.Unjoined;
                GroupError(ErrorCode.NotCoordinator);
                break;
            case HeartbeatRequest:
                _heartbeatInFlight = false;
                RequestMetadata();
                break;
        }
    }

    // ---- heartbeats and leaving ----

    private void SendHeartbeat()
    {
        int coordinator = CoordinatorLeader();
        if (coordinator < 0) { RequestMetadata(); return; }
        _heartbeatInFlight = true;
        Send(coordinator, new HeartbeatRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = Config.GroupId, MemberId = _memberId, Generation = _generation,
        });
    }

    private void OnHeartbeat(HeartbeatResponse h)
    {
        _heartbeatInFlight = false;
        if (h.Error == ErrorCode.None || _memberState != MemberState.Stable) return;
        GroupError(h.Error);
    }

    private void SendLeave()
    {
        int coordinator = CoordinatorLeader();
        if (coordinator < 0) return;
        Send(coordinator, new LeaveGroupRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = Config.GroupId, MemberId = _memberId,
        });
    }

    // ---- the application's poll loop ----

    /// <summary>The application took a poll's records and works on them before polling again.</summary>
    private void BeginProcessing()
    {
        if (Config.ProcessingTimePerPoll.IsZero || _processing) return;
        _processing = true;
        S.Schedule(Config.ProcessingTimePerPoll, this, _kPolled);
        if (_groupManaged) _pollTimer = S.Schedule(Config.MaxPollInterval, this, _kPollTimeout);
    }

    private void Polled()
    {
        _processing = false;
        S.Cancel(_pollTimer);
        if (_pollExpired)
        {
            // The next poll after leaving rejoins; the partitions were lost with the old membership.
            _pollExpired = false;
            SetAssignment([]);
            JoinGroup();
        }
        FetchAll();
    }

    /// <summary>
    /// The application has not polled for <c>max.poll.interval.ms</c>: the heartbeat thread leaves the group
    /// (AbstractCoordinator.HeartbeatThread, "consumer poll timeout has expired"), so its partitions go to others.
    /// </summary>
    private void PollTimedOut()
    {
        if (!_processing || !_groupManaged || _memberState == MemberState.Unjoined) return;
        _pollExpired = true;
        if (_memberId.Length > 0) SendLeave();
        S.Cancel(_heartbeatTimer);
        _memberId = "";
        _generation = -1;
        _memberState = MemberState.Unjoined;
    }

    // ---- assignment ----

    /// <summary>Takes a new assignment: kept partitions keep their positions; new ones wait for the group's committed offsets.</summary>
    private void SetAssignment(int[] partitions)
    {
        if (partitions.SequenceEqual(_assigned)) return;
        var positions = new long[partitions.Length];
        var replicas = new int[partitions.Length];
        var pending = new bool[partitions.Length];
        bool anyNew = false;
        for (int i = 0; i < partitions.Length; i++)
        {
            int old = Array.IndexOf(_assigned, partitions[i]);
            positions[i] = old >= 0 ? _positions[old] : -1;
            replicas[i] = old >= 0 ? _readReplica[old] : -1;
            pending[i] = old < 0 || _positionPending[old];
            anyNew |= old < 0;
        }
        _assigned = partitions;
        _positions = positions;
        _readReplica = replicas;
        _positionPending = pending;
        _ctx.Events.AssignmentChanged(S.Now, Id, Config.GroupId, partitions, active: true);
        if (anyNew) FetchCommittedOffsets();
        AskForUnknownPartitions();
    }
}
