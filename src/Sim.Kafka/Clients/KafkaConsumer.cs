using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Clients;

/// <summary>
/// A Kafka consumer of a group. Subscribed (<see cref="Subscribe"/>), it is a member of its group: the group
/// coordinator and the leader's assignor give it its partitions, and rebalances change them (see the
/// KafkaConsumer.Group part). Otherwise it reads a fixed list of partitions (<c>assign()</c>, as MirrorMaker 2's
/// source tasks do). It starts each partition from the group's committed offsets, or from <c>auto.offset.reset</c>
/// when there are none; fetches from each partition's leader, which answers up to the high watermark
/// and holds the fetch up to <c>fetch.max.wait.ms</c>; hands every batch to the application at once
/// (the <see cref="Observation.IKafkaObserver.Consumed"/> event, which measures end-to-end latency); and
/// commits its positions every <c>auto.commit.interval.ms</c> to the group coordinator, or, with
/// <c>enable.auto.commit=false</c>, after processing each fetch's records.
/// </summary>
public sealed partial class KafkaConsumer : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly int[] _subscription;
    private int[] _assigned;
    private long[] _positions;
    private int[] _readReplica;

    // Partitions whose committed offset is being fetched (newly assigned by the group): not fetched yet.
    private bool[] _positionPending;
    private readonly PendingRequests<(int Broker, KafkaMessage Request)> _requests;
    private readonly Dictionary<int, long> _fetchInFlight = [];

    // The partitions to fetch from one broker, gathered anew by each fetch (see FetchAll).
    private readonly List<FetchEntry> _fetchScratch = [];
    private readonly Dictionary<int, SimTime> _backoffUntil = [];
    private readonly int _kCommit, _kWake, _kTimeout, _kMetadataAge, _kMetadataRetry;
    private readonly Sim.Core.Randomness.RngStream _rng;
    private readonly ClientMetadata _metadata;
    private bool _started;
    private bool _offsetsKnown;
    private EventHandle _wake;

    public KafkaConsumer(ClusterContext ctx, int clientId, Node node, ConsumerConfig config, IReadOnlyList<int> partitions)
    {
        _ctx = ctx;
        Id = clientId;
        Node = node;
        Config = config;
        _subscription = [.. partitions];
        _assigned = [.. partitions];
        _positions = Enumerable.Repeat(-1L, _assigned.Length).ToArray();
        _readReplica = Enumerable.Repeat(-1, _assigned.Length).ToArray();
        _positionPending = new bool[_assigned.Length];
        var k = ctx.Scheduler.Kinds;
        _kCommit = k.Register("consumer:auto-commit");
        _kWake = k.Register("consumer:fetch");
        _kTimeout = k.Register("consumer:request-timeout");
        _kMetadataAge = k.Register("consumer:metadata-max-age");
        _kMetadataRetry = k.Register("consumer:metadata-retry");
        _kHeartbeat = k.Register("consumer:heartbeat");
        _kPollTimeout = k.Register("consumer:max-poll-interval");
        _kPolled = k.Register("consumer:processed");
        _kRejoin = k.Register("consumer:rejoin");
        _rng = ctx.Streams.Get($"client/consumer-{clientId}");
        _requests = new PendingRequests<(int, KafkaMessage)>(ctx.Scheduler, this, _kTimeout);
        _metadata = new ClientMetadata(ctx, clientId, config.MetadataRecoveryStrategy, config.MetadataRecoveryRebootstrapTrigger);
        ctx.Host(node).AddClient(clientId, this);
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>The node this process runs on, whose pause holds its events.</summary>
    public int Host => Node.Index;
    public ConsumerConfig Config { get; }

    /// <summary>When the consumer started rebootstrapping (<c>metadata.recovery.strategy=rebootstrap</c>), once per loss of its metadata.</summary>
    public IReadOnlyList<SimTime> Rebootstraps => _metadata.Rebootstraps;

    /// <summary>The next offset to read of each assigned partition (-1 until known).</summary>
    public IReadOnlyList<long> Positions => _positions;

    public IReadOnlyList<int> Assigned => _assigned;

    /// <summary>Whether the consumer has started and not stopped.</summary>
    public bool Running => _started;

    private Scheduler S => _ctx.Scheduler;

    /// <summary>
    /// Receives the records in place of the application event (a MirrorMaker 2 source task's poll loop).
    /// Consumers with a sink are infrastructure, not applications, so their reads are not reported as consumption.
    /// </summary>
    public IConsumerSink? Sink { get; set; }

    /// <summary>
    /// Where the consumer begins, one offset per assigned partition (-1: by <c>auto.offset.reset</c>), instead
    /// of the group's committed offsets (Connect's source offsets, or a seek by the application).
    /// </summary>
    public IReadOnlyList<long>? StartPositions { get; set; }

    /// <summary>
    /// The group whose committed offsets the consumer starts from, when not its own: a consumer failing
    /// over to another cluster reads the MirrorMaker 2 checkpoints stored there under another name.
    /// Later commits go to its own group.
    /// </summary>
    public string? StartOffsetsGroup { get; set; }

    /// <summary>
    /// With <see cref="StartOffsetsGroup"/>: the partitions that group holds no offset for start from this consumer's
    /// own group's commits, fetched in a second OffsetFetch (a failback's runbook seeks the standby's copy to its
    /// translated offsets and leaves the primary's own topic at the group's commits), and only then from
    /// <c>auto.offset.reset</c>.
    /// </summary>
    public bool OwnGroupWhereNone { get; set; }

    // An OffsetFetch of another group is answered and its missing partitions are to be asked of the own group next.
    private bool _ownGroupNext, _ownGroupRound;

    /// <summary>Whether fetching is paused (the application cannot take more now); see <see cref="Resume"/>.</summary>
    public bool Paused { get; private set; }

    public void Pause() => Paused = true;

    public void Resume()
    {
        if (!Paused) return;
        Paused = false;
        FetchAll();
    }

    public void Start()
    {
        _started = true;
        if (_groupManaged)
        {
            _assigned = [];
            _positions = [];
            _readReplica = [];
            _positionPending = [];
            _offsetsKnown = true;
            JoinGroup();
        }
        else if (StartPositions is { } start)
        {
            for (int i = 0; i < _positions.Length; i++) _positions[i] = start[i];
            _offsetsKnown = true;
            FetchAll();
        }
        else FetchCommittedOffsets();
        if (Config.EnableAutoCommit) S.Schedule(Config.AutoCommitInterval, this, _kCommit);
        S.Schedule(Config.MetadataMaxAge, this, _kMetadataAge);
        AskForUnknownPartitions();
    }

    /// <summary>
    /// Stops consuming (the application went away): nothing more is fetched or committed. A group member that
    /// is killed sends no LeaveGroup: its coordinator notices after <c>session.timeout.ms</c>.
    /// </summary>
    public void Stop()
    {
        if (_started && _groupManaged) _ctx.Events.AssignmentChanged(S.Now, Id, Config.GroupId, [], active: false);
        _started = false;
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (!_started) return;
        if (ev.Kind == _kCommit)
        {
            Commit();
            S.Schedule(Config.AutoCommitInterval, this, _kCommit);
        }
        else if (ev.Kind == _kWake) FetchAll();
        else if (ev.Kind == _kMetadataAge)
        {
            RequestMetadata();
            S.Schedule(Config.MetadataMaxAge, this, _kMetadataAge);
        }
        else if (ev.Kind == _kMetadataRetry) RequestMetadata();
        else if (ev.Kind == _kTimeout) { if (_requests.TryTimeOut(ev.Arg, out var r)) TimedOut(r.Broker, r.Request); }
        else OnGroupEvent(ev.Kind);
    }

    private void Send(int broker, KafkaMessage request)
    {
        _requests.Add(request.CorrelationId, (broker, request), Config.RequestTimeout);
        _ctx.Send(Node, _ctx.BrokerNode(broker), request);
    }

    // ---- fetching ----

    private void FetchAll()
    {
        if (!_started || !_offsetsKnown || Paused || Processing) return;
        var now = S.Now;
        SimTime next = SimTime.MaxValue;
        foreach (var broker in _ctx.BrokerIds)
        {
            if (_fetchInFlight.ContainsKey(broker)) continue;
            if (_backoffUntil.TryGetValue(broker, out var until) && until > now) { next = SimTime.Min(next, until); continue; }
            // Gathered in a list kept for the purpose, then copied into one of the size the request needs (an
            // incremental fetch names only the partitions that changed).
            var all = _fetchScratch;
            all.Clear();
            for (int i = 0; i < _assigned.Length; i++)
            {
                var ps = _metadata[_assigned[i]];
                if (_positionPending[i] || ps is null || (_readReplica[i] >= 0 ? _readReplica[i] : ps.Leader) != broker) continue;
                all.Add(new FetchEntry { Partition = _assigned[i], FetchOffset = _positions[i], LastFetchedEpoch = -1, CurrentLeaderEpoch = ps.LeaderEpoch });
            }
            if (all.Count == 0) continue;
            var (wire, sessionId, forgotten) = InFetchSession(broker, all);
            var entries = new List<FetchEntry>(all.Count);
            entries.AddRange(all);
            var req = new FetchRequest
            {
                To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), ReplicaId = -1,
                MaxWait = Config.FetchMaxWait, MinBytes = Config.FetchMinBytes, MaxBytes = Config.FetchMaxBytes,
                PartitionMaxBytes = Config.MaxPartitionFetchBytes, Entries = entries, RackId = Config.ClientRack,
                Session = wire, SessionId = sessionId, Forgotten = forgotten,
            };
            _fetchInFlight[broker] = req.CorrelationId;
            // The broker may hold the fetch for fetch.max.wait.ms; the request timeout runs on top of it.
            _requests.Add(req.CorrelationId, (broker, req), Config.RequestTimeout + Config.FetchMaxWait);
            _ctx.Send(Node, _ctx.BrokerNode(broker), req);
        }
        if (next != SimTime.MaxValue && !S.IsPending(_wake)) _wake = S.ScheduleAt(next, this, _kWake);
    }

    public void Receive(KafkaMessage message)
    {
        if (!_started || !_requests.TryComplete(message.CorrelationId, out var r)) return;
        switch (message)
        {
            case FetchResponse m: OnFetch(r.Broker, (FetchRequest)r.Request, m); break;
            case OffsetFetchResponse m: OnOffsets(m); break;
            case OffsetCommitResponse m:
                if (m.Error.NeedsMetadata() || m.Error == ErrorCode.NotCoordinator) RequestMetadata();
                CommitDone();
                break;
            case MetadataResponse m: OnMetadata(m); break;
            default: OnGroupResponse(r.Request, message); break;
        }
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (_started && _requests.TryComplete(message.CorrelationId, out var r)) Failed(r.Broker, r.Request);
    }

    // NetworkClient.handleTimedOutRequests closes the connection a request timed out on.
    private void TimedOut(int broker, KafkaMessage request)
    {
        _ctx.Disconnect(Node, request);
        Failed(broker, request);
    }

    private void Failed(int broker, KafkaMessage request)
    {
        switch (request)
        {
            case FetchRequest:
                _fetchInFlight.Remove(broker);
                OnFetchSessionError(broker);
                for (int i = 0; i < _readReplica.Length; i++)
                {
                    if (_readReplica[i] == broker) _readReplica[i] = -1;
                }
                _backoffUntil[broker] = S.Now + Config.RetryBackoff;
                RequestMetadata();
                FetchAll();
                break;
            case OffsetFetchRequest:
                RequestMetadata();
                S.Schedule(Config.RetryBackoff, this, _kWake);
                _retryOffsetFetch = true;
                break;
            case MetadataRequest:
                _metadata.RequestFailed();
                ScheduleMetadataRetry();
                break;
            case OffsetCommitRequest:
                CommitDone();
                break;
            default:
                GroupRequestFailed(request);
                break;
        }
    }

    private bool _retryOffsetFetch;


    private void OnFetch(int broker, FetchRequest request, FetchResponse m)
    {
        _fetchInFlight.Remove(broker);
        OnFetchSessionResponse(broker, request, m);
        bool refresh = false;
        foreach (var r in m.Results)
        {
            int i = Array.IndexOf(_assigned, r.Partition);
            if (i < 0) continue;
            if (r.PreferredReadReplica >= 0)
            {
                _readReplica[i] = r.PreferredReadReplica;
                continue;
            }
            // Any trouble with a preferred replica sends the consumer back to the leader.
            if (r.Error != ErrorCode.None && _readReplica[i] >= 0) _readReplica[i] = -1;
            switch (r.Error)
            {
                case ErrorCode.None:
                    if (_positions[i] < 0)
                    {
                        // No committed offset: auto.offset.reset picks where to begin.
                        _positions[i] = Config.AutoOffsetResetEarliest ? 0 : r.HighWatermark;
                        break;
                    }
                    if (r.Batches is null) break;
                    foreach (var whole in r.Batches)
                    {
                        if (whole.NextOffset <= _positions[i]) continue;
                        // A batch that starts before the position (the consumer resumed inside it) is handed
                        // over from the position on, as the client drops the records before it.
                        var b = whole.BaseOffset < _positions[i] ? Trim(whole, _positions[i]) : whole;
                        if (Sink is null) _ctx.Events.Consumed(S.Now, Id, Config.GroupId, r.Partition, b);
                        else Sink.Records(this, r.Partition, b);
                        _positions[i] = b.NextOffset;
                    }
                    break;
                case ErrorCode.OffsetOutOfRange:
                    _positions[i] = Config.AutoOffsetResetEarliest ? 0 : r.HighWatermark;
                    break;
                default:
                    refresh = true;
                    break;
            }
        }
        if (refresh)
        {
            _backoffUntil[broker] = S.Now + Config.RetryBackoff;
            RequestMetadata();
        }
        // Without auto-commit the application commits after processing what each fetch returned.
        bool delivered = m.Results.Exists(x => x.Batches is { Count: > 0 });
        if (!Config.EnableAutoCommit && delivered) Commit();
        if (delivered) BeginProcessing();
        // An incremental fetch's response names only partitions with news, so an empty one is no trouble; a response
        // naming none of the partitions a full fetch asked for is.
        if (m.Results.Count == 0 && request.Session is not { Full: false } && m.Error == ErrorCode.None) _backoffUntil[broker] = S.Now + Config.RetryBackoff;
        FetchAll();
    }

    private static RecordBatch Trim(in RecordBatch b, long from)
    {
        long skip = from - b.BaseOffset;
        var t = b;
        t.BaseOffset = from;
        t.Count = (int)(b.Count - skip);
        t.Bytes = (int)((long)b.Bytes * t.Count / b.Count);
        t.Origin = b.Origin.Advance(skip);
        return t;
    }
}
