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
/// follower that hears nothing for <c>controller.quorum.fetch.timeout.ms</c> first asks for pre-votes and
/// becomes a candidate only if a majority would vote for it (KIP-996, Kafka 4.0; without pre-vote, as in
/// Kafka 3.x, it becomes a candidate at once); a candidate that is not elected within a randomised election timeout (1x to 2x) backs off for up to
/// <c>controller.quorum.election.backoff.max.ms</c> and tries again; a leader that has not been
/// fetched from by a majority for 1.5x the fetch timeout resigns. A new leader writes a LeaderChange
/// record and acts as controller once that record is committed. Records are committed when a majority
/// holds them and the newest committed record is of the leader's epoch. Proposed records wait
/// <c>controller.quorum.append.linger.ms</c> to be appended together. Epoch, vote and log survive a
/// restart (KRaft fsyncs them); everything else is volatile.
/// </para>
/// <para>Simplification: observers (brokers) are sent committed records only.</para>
/// <para>
/// One Raft state machine in four files, because election and replication read and write the same
/// role, epoch, leader, vote and voter state: this file holds that state, proposals, crash and restart
/// and the dispatch of timers and messages; <c>QuorumController.Election.cs</c> the election, vote and
/// check-quorum rules; <c>QuorumController.PreVote.cs</c> the prospective state and its pre-votes; <c>QuorumController.Replication.cs</c> fetching, the high watermark and commit.
/// The log itself, with its pending proposals and the image they amount to, is a <see cref="RaftLog"/>.
/// </para>
/// </summary>
public sealed partial class QuorumController : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly RaftLog _log;
    private readonly RngStream _rng;
    private readonly Dictionary<int, (long Match, SimTime LastFetch)> _voterState = [];
    private readonly HashSet<int> _votes = [];
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
        _log = new RaftLog(new MetadataImage(ctx.InitialPartitions));
        Control = new ClusterControl(ctx, this);
        ctx.Host(node).Controller = this;
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>The node this process runs on, whose pause holds its events.</summary>
    public int Host => Node.Index;
    public bool Alive { get; private set; } = true;
    public RaftRole Role { get; private set; }
    public int Epoch { get; private set; }
    public int VotedFor { get; private set; } = -1;
    public int LeaderId { get; private set; } = -1;
    public long HighWatermark { get; private set; }
    public long LogEndOffset => _log.EndOffset;
    public int LastEpoch => _log.LastEpoch;
    public IReadOnlyList<MetadataEntry> Log => _log.Entries;

    /// <summary>The state the whole local log amounts to (committed or not): what the active controller decides on.</summary>
    public MetadataImage Image => _log.Image;

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
        foreach (var r in bootstrap) _log.Append(Epoch, r);
        HighWatermark = _log.EndOffset;
        LeaderChangeOffset = 0;
        _ctx.MetadataReportedUpTo = HighWatermark;
        if (leaderId == Id)
        {
            Role = RaftRole.Leader;
            foreach (var v in _ctx.Voters) _voterState[v] = (v == Id ? _log.EndOffset : HighWatermark, S.Now);
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
        var entry = _log.Propose(Epoch, record);
        if (!S.IsPending(_lingerTimer)) _lingerTimer = S.Schedule(_ctx.Quorum.AppendLinger, this, _kLinger);
        // QuorumController: after every write, the balance task is scheduled if a leader is not its preferred one.
        if (Control.Active) Control.MaybeScheduleBalance();
        return entry.Offset;
    }

    /// <summary>The offset of the LeaderChange record of the current epoch (valid while leading).</summary>
    internal long LeaderChangeOffset { get; private set; } = -1;

    private void FlushProposed()
    {
        if (Role != RaftRole.Leader) { _log.DropProposed(); return; }
        _log.AppendProposed();
        _voterState[Id] = (_log.EndOffset, S.Now);
        MaybeAdvanceHighWatermark();
        WakeParked(votersOnly: true);
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
        _log.DropProposed();
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
        _log.RebuildImage();
        ResetElectionTimer();
    }

    // ---- events and messages ----

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

    public void Receive(KafkaMessage message)
    {
        if (!Alive) return;
        switch (message)
        {
            case VoteRequest m: OnVoteRequest(m); break;
            case VoteResponse m: OnVoteResponse(m); break;
            case BeginQuorumEpoch m: OnBeginQuorumEpoch(m); break;
            case EndQuorumEpoch m: OnEndQuorumEpoch(m); break;
            case QuorumFetchRequest m: OnFetchRequest(m); break;
            case QuorumFetchResponse m: OnFetchResponse(m); break;
            default: Control.Receive(message); break;
        }
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        // A closed connection to a voter is treated like silence: the timers handle it.
    }
}
