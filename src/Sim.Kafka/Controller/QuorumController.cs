using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Controller;

/// <summary>
/// A KRaft controller: one voter of the Raft quorum that replicates the metadata log (KIP-595), and,
/// while it leads, the active controller (<see cref="ClusterControl"/>).
/// <para>
/// Raft as KRaft does it: followers pull the log with fetches that the leader holds up to 500 ms; a
/// follower that hears nothing for <c>controller.quorum.fetch.timeout.ms</c> becomes a candidate; a
/// candidate that is not elected within a randomised election timeout (1x to 2x) backs off for up to
/// <c>controller.quorum.election.backoff.max.ms</c> and tries again; a leader that has not been
/// fetched from by a majority for 1.5x the fetch timeout resigns. A new leader writes a LeaderChange
/// record and acts as controller once that record is committed. Records are committed when a majority
/// holds them and the newest committed record is of the leader's epoch. Proposed records wait
/// <c>controller.quorum.append.linger.ms</c> to be appended together. Epoch, vote and log survive a
/// restart (KRaft fsyncs them); everything else is volatile.
/// </para>
/// <para>Simplification: no pre-vote (KIP-996); observers (brokers) are sent committed records only.</para>
/// </summary>
public sealed class QuorumController : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly RngStream _rng;
    private readonly List<MetadataEntry> _log = [];
    private readonly Dictionary<int, (long Match, SimTime LastFetch)> _voterState = [];
    private readonly HashSet<int> _votes = [];
    private readonly List<MetadataEntry> _proposed = [];
    private readonly List<(QuorumFetchRequest Request, EventHandle Expiry)> _parked = [];
    private readonly PendingRequests<KafkaMessage> _requests;
    private readonly int _kElection, _kCheckQuorum, _kLinger, _kParked, _kTimeout, _kBeginEpoch;
    private EventHandle _electionTimer, _checkQuorumTimer, _lingerTimer, _beginEpochTimer;

    /// <summary>How often a leader re-sends BeginQuorumEpoch to voters that are not fetching from it.</summary>
    private static readonly SimDuration BeginEpochResend = SimDuration.FromMilliseconds(500);
    private long _fetchInFlight = -1;
    private bool _backingOff;

    public QuorumController(ClusterContext ctx, int id, Node node)
    {
        _ctx = ctx;
        Id = id;
        Node = node;
        _rng = ctx.Streams.Get($"elections/{ctx.Name}/controller-{id}");
        var k = ctx.Scheduler.Kinds;
        _kElection = k.Register("raft:election-timer");
        _kCheckQuorum = k.Register("raft:check-quorum");
        _kLinger = k.Register("raft:append-linger");
        _kParked = k.Register("raft:fetch-wait-expired");
        _kTimeout = k.Register("raft:request-timeout");
        _kBeginEpoch = k.Register("raft:begin-epoch-resend");
        _requests = new PendingRequests<KafkaMessage>(ctx.Scheduler, this, _kTimeout);
        Image = new MetadataImage(ctx.InitialPartitions);
        Control = new ClusterControl(ctx, this);
        ctx.Host(node).Controller = this;
    }

    public int Id { get; }
    public Node Node { get; }
    public bool Alive { get; private set; } = true;
    public RaftRole Role { get; private set; }
    public int Epoch { get; private set; }
    public int VotedFor { get; private set; } = -1;
    public int LeaderId { get; private set; } = -1;
    public long HighWatermark { get; private set; }
    public long LogEndOffset => _log.Count;
    public int LastEpoch => _log.Count == 0 ? 0 : _log[^1].Epoch;
    public IReadOnlyList<MetadataEntry> Log => _log;

    /// <summary>The state the whole local log amounts to (committed or not): what the active controller decides on.</summary>
    public MetadataImage Image { get; }

    public ClusterControl Control { get; }

    /// <summary>True while this controller leads and has committed its LeaderChange record.</summary>
    public bool IsActive => Role == RaftRole.Leader && Control.Active;

    private int Majority => _ctx.Voters.Count / 2 + 1;

    private Scheduler S => _ctx.Scheduler;

    /// <summary>Starts the quorum formed: <paramref name="leaderId"/> leads epoch 1 and <paramref name="bootstrap"/> is committed.</summary>
    internal void Bootstrap(int leaderId, IReadOnlyList<MetadataRecord> bootstrap)
    {
        Epoch = 1;
        LeaderId = leaderId;
        VotedFor = leaderId;
        foreach (var r in bootstrap) AppendEntry(r);
        HighWatermark = _log.Count;
        LeaderChangeOffset = 0;
        _ctx.MetadataReportedUpTo = HighWatermark;
        if (leaderId == Id)
        {
            Role = RaftRole.Leader;
            foreach (var v in _ctx.Voters) _voterState[v] = (v == Id ? _log.Count : HighWatermark, S.Now);
            ScheduleCheckQuorum();
            _beginEpochTimer = S.Schedule(BeginEpochResend, this, _kBeginEpoch);
            Control.Activate();
        }
        else
        {
            Role = RaftRole.Follower;
            ResetFetchTimer();
            SendFetch();
        }
    }

    // ---- proposals from the active controller ----

    /// <summary>
    /// Queues a record for the log and returns its offset. Like KRaft's controller, the record is applied
    /// to <see cref="Image"/> at once, so later decisions build on it; it reaches the log (and the
    /// followers) after the append linger, and counts once a majority holds it. If leadership is lost
    /// first, queued records are dropped and the image is rebuilt from the log.
    /// </summary>
    internal long Propose(MetadataRecord record)
    {
        var entry = new MetadataEntry(_log.Count + _proposed.Count, Epoch, record);
        _proposed.Add(entry);
        Image.Apply(entry);
        if (!S.IsPending(_lingerTimer)) _lingerTimer = S.Schedule(_ctx.Quorum.AppendLinger, this, _kLinger);
        return entry.Offset;
    }

    /// <summary>The offset of the LeaderChange record of the current epoch (valid while leading).</summary>
    internal long LeaderChangeOffset { get; private set; } = -1;

    private void FlushProposed()
    {
        if (Role != RaftRole.Leader) { DropProposed(); return; }
        _log.AddRange(_proposed);
        _proposed.Clear();
        _voterState[Id] = (_log.Count, S.Now);
        MaybeAdvanceHighWatermark();
        WakeParked(votersOnly: true);
    }

    private void DropProposed()
    {
        if (_proposed.Count == 0) return;
        _proposed.Clear();
        Image.Rebuild(_log);
    }

    private void AppendEntry(MetadataRecord r)
    {
        var e = new MetadataEntry(_log.Count, Epoch, r);
        _log.Add(e);
        Image.Apply(e);
    }

    // ---- crash and restart ----

    public void Crash()
    {
        if (!Alive) return;
        Alive = false;
        if (Role == RaftRole.Leader) _ctx.Events.ControllerResigned(S.Now, Id, Epoch, "controller crashed");
        Control.Deactivate();
        S.Cancel(_electionTimer);
        S.Cancel(_checkQuorumTimer);
        S.Cancel(_lingerTimer);
        S.Cancel(_beginEpochTimer);
        DropProposed();
        foreach (var p in _parked) S.Cancel(p.Expiry);
        _parked.Clear();
        _requests.Clear();
        _fetchInFlight = -1;
        Role = RaftRole.Unattached;
        LeaderId = -1;
    }

    public void Restart()
    {
        if (Alive) return;
        Alive = true;
        Role = RaftRole.Unattached;
        LeaderId = -1;
        // The committed offset is not persisted; it is relearned from the leader.
        HighWatermark = 0;
        Image.Rebuild(_log);
        ResetElectionTimer();
    }

    // ---- timers ----

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (!Alive) return;
        if (ev.Kind == _kElection) OnElectionTimer();
        else if (ev.Kind == _kCheckQuorum) OnCheckQuorum();
        else if (ev.Kind == _kLinger) FlushProposed();
        else if (ev.Kind == _kParked) OnParkedExpired((QuorumFetchRequest)ev.State!);
        else if (ev.Kind == _kTimeout) OnRequestTimeout(ev.Arg);
        else if (ev.Kind == _kBeginEpoch) ResendBeginEpoch();
        else Control.OnTimer(ev);
    }

    private void ResetElectionTimer()
    {
        S.Cancel(_electionTimer);
        var t = _ctx.Quorum.ElectionTimeout;
        _electionTimer = S.Schedule(t + t.Scale(_rng.NextDouble()), this, _kElection);
    }

    private void ResetFetchTimer()
    {
        S.Cancel(_electionTimer);
        _electionTimer = S.Schedule(_ctx.Quorum.FetchTimeout, this, _kElection);
    }

    private void OnElectionTimer()
    {
        if (Role == RaftRole.Leader) return;
        if (Role == RaftRole.Candidate && !_backingOff)
        {
            // Lost or split: back off a random while before the next try (KIP-595).
            _backingOff = true;
            _electionTimer = S.Schedule(_ctx.Quorum.ElectionBackoffMax.Scale(_rng.NextDouble()), this, _kElection);
            return;
        }
        StartElection();
    }

    private void StartElection()
    {
        _backingOff = false;
        Role = RaftRole.Candidate;
        Epoch++;
        VotedFor = Id;
        LeaderId = -1;
        _votes.Clear();
        _votes.Add(Id);
        _fetchInFlight = -1;
        if (_votes.Count >= Majority)
        {
            BecomeLeader();
            return;
        }
        foreach (var v in _ctx.Voters)
        {
            if (v == Id) continue;
            var req = new VoteRequest
            {
                To = Component.Controller, From = Component.Controller, CorrelationId = _requests.NextId(),
                CandidateEpoch = Epoch, CandidateId = Id, LastEpoch = LastEpoch, LastOffset = _log.Count,
            };
            _requests.Add(req.CorrelationId, req, _ctx.Quorum.RequestTimeout);
            _ctx.Send(Node, _ctx.ControllerNode(v), req);
        }
        ResetElectionTimer();
    }

    private void BecomeLeader()
    {
        Role = RaftRole.Leader;
        LeaderId = Id;
        S.Cancel(_electionTimer);
        _voterState.Clear();
        foreach (var v in _ctx.Voters) _voterState[v] = (v == Id ? _log.Count : -1, S.Now);
        _ctx.Events.ControllerElected(S.Now, Id, Epoch);
        foreach (var v in _ctx.Voters)
        {
            if (v == Id) continue;
            _ctx.Send(Node, _ctx.ControllerNode(v), new BeginQuorumEpoch { To = Component.Controller, From = Component.Controller, Epoch = Epoch, LeaderId = Id });
        }
        _beginEpochTimer = S.Schedule(BeginEpochResend, this, _kBeginEpoch);
        // The LeaderChange record commits the new epoch; the controller acts once it is committed.
        LeaderChangeOffset = Propose(MetadataRecord.LeaderChange(Id));
        ScheduleCheckQuorum();
    }

    /// <summary>
    /// KIP-595: a leader keeps telling voters that do not fetch from it that it leads, so one that restarts
    /// (and knows no leader) follows it instead of timing out into an election that would depose it.
    /// </summary>
    private void ResendBeginEpoch()
    {
        if (Role != RaftRole.Leader) return;
        foreach (var v in _ctx.Voters)
        {
            if (v == Id || S.Now - _voterState[v].LastFetch <= BeginEpochResend + _ctx.Quorum.FetchMaxWait) continue;
            _ctx.Send(Node, _ctx.ControllerNode(v), new BeginQuorumEpoch { To = Component.Controller, From = Component.Controller, Epoch = Epoch, LeaderId = Id });
        }
        _beginEpochTimer = S.Schedule(BeginEpochResend, this, _kBeginEpoch);
    }

    private void ScheduleCheckQuorum()
    {
        S.Cancel(_checkQuorumTimer);
        _checkQuorumTimer = S.Schedule(SimDuration.Zero, this, _kCheckQuorum);
    }

    /// <summary>
    /// Resigns when a majority (this leader counting itself) has not fetched for 1.5x the fetch timeout;
    /// otherwise checks again exactly when that would next happen, so resignation is on time to the
    /// nanosecond without polling (KIP-595's check-quorum timer).
    /// </summary>
    private void OnCheckQuorum()
    {
        if (Role != RaftRole.Leader) return;
        var window = _ctx.Quorum.FetchTimeout.Scale(1.5);
        var recent = _ctx.Voters.Select(v => v == Id ? S.Now : _voterState[v].LastFetch).OrderByDescending(t => t).ToList();
        var majorityHeardAt = recent[Majority - 1];
        if (S.Now - majorityHeardAt > window)
        {
            Resign($"no fetch from a majority of voters for {window}");
            return;
        }
        _checkQuorumTimer = S.ScheduleAt(majorityHeardAt + window + SimDuration.FromNanoseconds(1), this, _kCheckQuorum);
    }

    private void Resign(string cause)
    {
        _ctx.Events.ControllerResigned(S.Now, Id, Epoch, cause);
        StepDown(Epoch, -1);
    }

    /// <summary>Leaves leadership or candidacy for <paramref name="epoch"/>, following <paramref name="leader"/> when known.</summary>
    private void StepDown(int epoch, int leader)
    {
        bool wasLeader = Role == RaftRole.Leader;
        if (epoch > Epoch) VotedFor = -1;
        Epoch = epoch;
        LeaderId = leader;
        _backingOff = false;
        if (wasLeader)
        {
            Control.Deactivate();
            S.Cancel(_checkQuorumTimer);
            S.Cancel(_lingerTimer);
            S.Cancel(_beginEpochTimer);
            DropProposed();
            foreach (var p in _parked)
            {
                S.Cancel(p.Expiry);
                RespondFetch(p.Request, ErrorCode.NotController, null);
            }
            _parked.Clear();
        }
        if (leader >= 0 && leader != Id)
        {
            Role = RaftRole.Follower;
            ResetFetchTimer();
            SendFetch();
        }
        else
        {
            Role = RaftRole.Unattached;
            ResetElectionTimer();
        }
    }

    private void OnRequestTimeout(long correlationId)
    {
        if (!_requests.TryTimeOut(correlationId, out var req)) return;
        if (req is QuorumFetchRequest && correlationId == _fetchInFlight)
        {
            // The leader did not answer: ask again; the fetch timer decides when to give up on it.
            _fetchInFlight = -1;
            if (Role == RaftRole.Follower) SendFetch();
        }
    }

    // ---- messages ----

    public void Receive(KafkaMessage message)
    {
        if (!Alive) return;
        switch (message)
        {
            case VoteRequest m: OnVoteRequest(m); break;
            case VoteResponse m: OnVoteResponse(m); break;
            case BeginQuorumEpoch m: OnBeginQuorumEpoch(m); break;
            case QuorumFetchRequest m: OnFetchRequest(m); break;
            case QuorumFetchResponse m: OnFetchResponse(m); break;
            default: Control.Receive(message); break;
        }
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        // A closed connection to a voter is treated like silence: the timers handle it.
    }

    private void OnVoteRequest(VoteRequest m)
    {
        if (m.CandidateEpoch > Epoch) StepDown(m.CandidateEpoch, -1);
        bool upToDate = m.LastEpoch > LastEpoch || (m.LastEpoch == LastEpoch && m.LastOffset >= _log.Count);
        bool grant = m.CandidateEpoch == Epoch && Role != RaftRole.Leader && (VotedFor == -1 || VotedFor == m.CandidateId) && upToDate;
        if (grant)
        {
            VotedFor = m.CandidateId;
            ResetElectionTimer();
        }
        _ctx.Send(Node, _ctx.ControllerNode(m.CandidateId), new VoteResponse
        {
            To = Component.Controller, From = Component.Controller, CorrelationId = m.CorrelationId, Epoch = Epoch, Granted = grant, VoterId = Id,
        });
    }

    private void OnVoteResponse(VoteResponse m)
    {
        _requests.TryComplete(m.CorrelationId, out _);
        if (m.Epoch > Epoch)
        {
            StepDown(m.Epoch, -1);
            return;
        }
        if (Role != RaftRole.Candidate || m.Epoch != Epoch || !m.Granted) return;
        _votes.Add(m.VoterId);
        if (_votes.Count >= Majority) BecomeLeader();
    }

    private void OnBeginQuorumEpoch(BeginQuorumEpoch m)
    {
        if (m.Epoch < Epoch || (m.Epoch == Epoch && Role == RaftRole.Leader)) return;
        if (m.Epoch == Epoch && Role == RaftRole.Follower && LeaderId == m.LeaderId) return;
        StepDown(m.Epoch, m.LeaderId);
    }

    private void SendFetch()
    {
        if (Role != RaftRole.Follower || LeaderId < 0 || _fetchInFlight >= 0) return;
        var req = new QuorumFetchRequest
        {
            To = Component.Controller, From = Component.Controller, CorrelationId = _requests.NextId(),
            ReplicaId = Id, IsVoter = true, Epoch = Epoch, FetchOffset = _log.Count, LastFetchedEpoch = LastEpoch,
        };
        _fetchInFlight = req.CorrelationId;
        _requests.Add(req.CorrelationId, req, _ctx.Quorum.RequestTimeout);
        _ctx.Send(Node, _ctx.ControllerNode(LeaderId), req);
    }

    private void OnFetchRequest(QuorumFetchRequest m)
    {
        if (m.IsVoter && m.Epoch > Epoch)
        {
            StepDown(m.Epoch, -1);
            return;
        }
        if (Role != RaftRole.Leader)
        {
            RespondFetch(m, ErrorCode.NotController, null);
            return;
        }
        if (m.IsVoter && m.Epoch < Epoch)
        {
            RespondFetch(m, ErrorCode.FencedLeaderEpoch, null);
            return;
        }
        if (m.IsVoter)
        {
            if (m.FetchOffset > 0)
            {
                var (epoch, end) = EndOffsetForEpoch(m.LastFetchedEpoch);
                if (epoch != m.LastFetchedEpoch || end < m.FetchOffset)
                {
                    RespondFetch(m, ErrorCode.None, null, epoch, end);
                    return;
                }
            }
            _voterState[m.ReplicaId] = (m.FetchOffset, S.Now);
            MaybeAdvanceHighWatermark();
        }
        long available = m.IsVoter ? _log.Count : HighWatermark;
        if (available > m.FetchOffset)
        {
            RespondFetch(m, ErrorCode.None, Slice(m.FetchOffset, available));
            return;
        }
        var expiry = S.Schedule(_ctx.Quorum.FetchMaxWait, this, _kParked, 0, m);
        _parked.Add((m, expiry));
    }

    private (int Epoch, long End) EndOffsetForEpoch(int epoch)
    {
        for (int i = _log.Count - 1; i >= 0; i--)
        {
            if (_log[i].Epoch <= epoch) return (_log[i].Epoch, i + 1);
        }
        return (0, 0);
    }

    private List<MetadataEntry> Slice(long from, long to)
    {
        int n = (int)Math.Min(to - from, 512);
        return _log.GetRange((int)from, n);
    }

    private void RespondFetch(QuorumFetchRequest m, ErrorCode error, List<MetadataEntry>? entries, int divergingEpoch = -1, long divergingEnd = -1)
    {
        var target = m.IsVoter ? _ctx.ControllerNode(m.ReplicaId) : _ctx.BrokerNode(m.ReplicaId);
        _ctx.Send(Node, target, new QuorumFetchResponse
        {
            To = m.IsVoter ? Component.Controller : Component.Broker, From = Component.Controller, CorrelationId = m.CorrelationId,
            Error = error, Epoch = Epoch, LeaderId = LeaderId, HighWatermark = HighWatermark, Entries = entries,
            DivergingEpoch = divergingEpoch, DivergingEndOffset = divergingEnd,
        });
    }

    private void OnParkedExpired(QuorumFetchRequest m)
    {
        int i = _parked.FindIndex(p => ReferenceEquals(p.Request, m));
        if (i < 0) return;
        _parked.RemoveAt(i);
        RespondFetch(m, ErrorCode.None, null);
    }

    private void WakeParked(bool votersOnly)
    {
        for (int i = 0; i < _parked.Count; i++)
        {
            var (m, expiry) = _parked[i];
            long available = m.IsVoter ? _log.Count : HighWatermark;
            if ((votersOnly && !m.IsVoter) || available <= m.FetchOffset) continue;
            S.Cancel(expiry);
            _parked.RemoveAt(i--);
            RespondFetch(m, ErrorCode.None, Slice(m.FetchOffset, available));
        }
    }

    private void OnFetchResponse(QuorumFetchResponse m)
    {
        if (!_requests.TryComplete(m.CorrelationId, out _) || m.CorrelationId != _fetchInFlight) return;
        _fetchInFlight = -1;
        if (m.Epoch > Epoch || (m.Error != ErrorCode.None && m.LeaderId != LeaderId && m.Epoch >= Epoch))
        {
            StepDown(m.Epoch, m.LeaderId);
            return;
        }
        if (Role != RaftRole.Follower) return;
        if (m.Error != ErrorCode.None) return;
        ResetFetchTimer();
        if (m.DivergingEpoch >= 0)
        {
            var (_, ownEnd) = EndOffsetForEpoch(m.DivergingEpoch);
            long to = Math.Min(m.DivergingEndOffset, ownEnd);
            _log.RemoveRange((int)to, _log.Count - (int)to);
            Image.Rebuild(_log);
        }
        else if (m.Entries is not null)
        {
            foreach (var e in m.Entries)
            {
                if (e.Offset != _log.Count) break;
                _log.Add(e);
                Image.Apply(e);
            }
        }
        HighWatermark = Math.Max(HighWatermark, Math.Min(m.HighWatermark, _log.Count));
        SendFetch();
    }

    private void MaybeAdvanceHighWatermark()
    {
        var matches = _ctx.Voters.Select(v => v == Id ? _log.Count : _voterState[v].Match).OrderByDescending(x => x).ToList();
        long candidate = matches[Majority - 1];
        // Raft commits only through an entry of the current epoch (KRaft's LeaderChange record guarantees one).
        if (candidate <= HighWatermark || _log[(int)candidate - 1].Epoch != Epoch) return;
        long before = HighWatermark;
        HighWatermark = candidate;
        OnCommitted(before, candidate);
    }

    private void OnCommitted(long from, long to)
    {
        for (long o = Math.Max(from, _ctx.MetadataReportedUpTo); o < to; o++) Report(_log[(int)o]);
        _ctx.MetadataReportedUpTo = Math.Max(_ctx.MetadataReportedUpTo, to);
        Control.OnCommitted(to);
        WakeParked(votersOnly: false);
    }

    private void Report(MetadataEntry e)
    {
        var r = e.Record;
        switch (r.Kind)
        {
            case MetadataRecordKind.PartitionChange: _ctx.Events.PartitionChanged(S.Now, r.Previous, r.Partition!, r.Cause); break;
            case MetadataRecordKind.FenceBroker: _ctx.Events.BrokerFenced(S.Now, r.BrokerId, r.Cause); break;
            case MetadataRecordKind.UnfenceBroker: _ctx.Events.BrokerUnfenced(S.Now, r.BrokerId); break;
        }
    }
}
