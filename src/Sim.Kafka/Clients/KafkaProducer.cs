using Sim.Core.Distributions;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Clients;

/// <summary>
/// A Kafka producer and the application feeding it (KafkaProducer, RecordAccumulator, Sender).
/// <para>
/// Records are never objects. Each partition receives a share of the application's rate (by murmur2
/// over the key space, or all of it for the sticky partition when records are keyless), and a batch is
/// formed in one step: it closes when <c>batch.size</c> fills or <c>linger.ms</c> after its first
/// record, whichever is first, with its record count drawn from the arrival process over that span.
/// Cost therefore grows with batches, not records.
/// </para>
/// <para>
/// The sender sends at most one batch per partition per request, at most
/// <c>max.in.flight.requests.per.connection</c> requests per broker; retriable errors are retried with
/// exponential backoff until <c>delivery.timeout.ms</c>, after which the records fail and are reported.
/// A request timeout closes the connection, failing every request in flight on it; requests go only on ready
/// connections (<see cref="ClusterConnectionStates"/>). With idempotence a retried batch keeps its sequence, so the
/// broker recognises it instead of appending it twice. When <c>buffer.memory</c> is full the application's sends
/// wait, up to <c>max.block.ms</c>.
/// </para>
/// </summary>
public sealed partial class KafkaProducer : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly RngStream _rng;
    private readonly Distribution _recordSize;

    /// <summary>Compressed over uncompressed bytes: <c>sim.compression.ratio</c>, or the codec's typical ratio.</summary>
    private readonly double _compressionRatio;
    private readonly PartitionInfo[] _partitions;
    private readonly int _kClose, _kWake, _kSweep, _kMetadataAge, _kTimeout;
    private readonly PendingRequests<InFlightRequest> _requests;
    private readonly ClientMetadata _metadata;
    private readonly ClusterConnectionStates _connections;
    private long _nextBatchId;
    private EventHandle _wake;

    /// <summary>A producer whose application sends the records <paramref name="workload"/> describes.</summary>
    public KafkaProducer(ClusterContext ctx, int clientId, Node node, ProducerConfig config, WorkloadConfig workload)
        : this(ctx, clientId, node, config, workload, ctx.Partitions.Where(p => p.Topic.Name == workload.Topic).ToArray())
    {
        if (_partitions.Length == 0) throw new ArgumentException($"no topic named '{workload.Topic}'");
    }

    /// <summary>
    /// A producer whose application hands it ready batches with <see cref="TrySend"/> (a MirrorMaker 2 task
    /// forwarding what it consumed), for any of <paramref name="partitions"/>.
    /// </summary>
    public KafkaProducer(ClusterContext ctx, int clientId, Node node, ProducerConfig config, IReadOnlyList<PartitionInfo> partitions)
        : this(ctx, clientId, node, config, null, [.. partitions])
    {
    }

    private KafkaProducer(ClusterContext ctx, int clientId, Node node, ProducerConfig config, WorkloadConfig? workload, PartitionInfo[] partitions)
    {
        _ctx = ctx;
        Id = clientId;
        Node = node;
        Config = config;
        Workload = workload;
        _rng = ctx.Streams.Get($"workload/producer-{clientId}");
        _recordSize = (workload?.RecordSize ?? DistributionSpec.Constant(1024, Sim.Core.QuantityKind.Bytes)).Build();
        _compressionRatio = config.CompressionRatio ?? Hardware.CodecProfile.Of(config.CompressionType).Ratio;
        _partitions = partitions;
        _local = new int[ctx.Partitions.Count];
        Array.Fill(_local, -1);
        _globalIndex = new int[partitions.Length];
        for (int i = 0; i < partitions.Length; i++)
        {
            _local[partitions[i].Index] = i;
            _globalIndex[i] = partitions[i].Index;
        }
        var k = ctx.Scheduler.Kinds;
        _kClose = k.Register("producer:batch-closed");
        _kWake = k.Register("producer:send");
        _kSweep = k.Register("producer:delivery-timeout-sweep");
        _kMetadataAge = k.Register("producer:metadata-max-age");
        _kTimeout = k.Register("producer:request-timeout");
        _requests = new PendingRequests<InFlightRequest>(ctx.Scheduler, this, _kTimeout);
        _metadata = new ClientMetadata(ctx, clientId, config.MetadataRecoveryStrategy, config.MetadataRecoveryRebootstrapTrigger);
        _connections = new ClusterConnectionStates(config, ctx.Streams.Get($"clients/producer-{clientId}/connections"));
        _ready = new BatchQueue[_partitions.Length];
        _acc = new Accumulating[_partitions.Length];
        _sequences = new int[_partitions.Length];
        for (int i = 0; i < _partitions.Length; i++) _ready[i] = new BatchQueue();
        ctx.Host(node).AddClient(clientId, this);
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>The node this process runs on, whose pause holds its events.</summary>
    public int Host => Node.Index;
    public ProducerConfig Config { get; }
    /// <summary>What the application sends; null when batches are handed in with <see cref="TrySend"/>.</summary>
    public WorkloadConfig? Workload { get; }

    /// <summary>Told of each batch's final outcome (acknowledged or failed), for applications that track their sends.</summary>
    public IProducerListener? Listener { get; set; }

    /// <summary>The brokers the producer knows from its last metadata answer or bootstrap.</summary>
    public IReadOnlyList<int> KnownBrokers => _metadata.Nodes;

    /// <summary>When the producer started rebootstrapping (<c>metadata.recovery.strategy=rebootstrap</c>), once per loss of its metadata.</summary>
    public IReadOnlyList<SimTime> Rebootstraps => _metadata.Rebootstraps;

    /// <summary>How many times the producer rebootstrapped.</summary>
    public long RebootstrapCount => _metadata.RebootstrapCount;

    /// <summary>Whether the producer was stopped (its process died): it sends and answers nothing more.</summary>
    public bool Stopped { get; private set; }

    private readonly int[] _local;

    /// <summary>Each of the producer's partitions' catalog index, by its local index (_partitions[i].Index, without the walk to the object).</summary>
    private readonly int[] _globalIndex;

    /// <summary>Bytes held in batches not yet acknowledged or failed (bounded by <c>buffer.memory</c>).</summary>
    public long BufferedBytes { get; private set; }

    private Scheduler S => _ctx.Scheduler;

    /// <summary>How often batches are checked against the delivery timeout (its resolution).</summary>
    private static readonly SimDuration SweepPeriod = SimDuration.FromMilliseconds(100);

    /// <summary>Starts the application's stream of records at its configured start time.</summary>
    public void Start()
    {
        if (Workload is not null) StartApplication();
        S.Schedule(SweepPeriod, this, _kSweep);
        S.Schedule(Config.MetadataMaxAge, this, _kMetadataAge);
    }

    /// <summary>
    /// The process stops at once (a crash of the machine or process it runs in): batches waiting or in
    /// flight are abandoned without outcome, and answers still on their way are ignored.
    /// </summary>
    /// <param name="reportUnsent">Whether the records not yet acknowledged are reported as failed (an application
    /// closing its producer learns of them); a crashed process reports nothing.</param>
    public void Stop(bool reportUnsent = false)
    {
        if (Stopped) return;
        if (reportUnsent)
        {
            foreach (var q in _ready)
            {
                foreach (var b in q) _ctx.Events.ProduceFailed(S.Now, Id, _partitions[b.Partition].Index, b.Count, ErrorCode.ProducerClosed);
            }
        }
        DropBlocked(reportUnsent);
        Stopped = true;
        _requests.Clear();
        foreach (var q in _ready) q.Clear();
        BufferedBytes = 0;
    }

    /// <summary>
    /// The application closes the producer to move to another cluster, as <c>KafkaProducer.close(timeout)</c>
    /// with a short timeout does: it hands over no more records, requests already on the wire are still
    /// answered (acknowledged or failed as usual, <c>request.timeout.ms</c> and <c>delivery.timeout.ms</c>
    /// included), and every batch not in flight, retries included, is failed at once (the Sender's
    /// <c>abortIncompleteBatches</c>). The producer stops once nothing is in flight.
    /// </summary>
    public void Close()
    {
        if (Stopped || _closing) return;
        _closing = true;
        DropBlocked(report: true);
        CompleteCloseIfDrained();
    }

    private bool _closing;

    // While closing, a batch that is not in flight (never sent, or back from a retriable error) fails; the
    // producer stops when the last request in flight is answered.
    private void CompleteCloseIfDrained()
    {
        bool inFlight = false;
        foreach (var q in _ready)
        {
            for (int i = q.Count - 1; i >= 0; i--)
            {
                if (!q[i].InFlight) Fail(q[i], ErrorCode.ProducerClosed);
                else inFlight = true;
            }
        }
        if (inFlight) return;
        Stopped = true;
        _requests.Clear();
    }

    /// <summary>
    /// Hands the producer a ready batch of <paramref name="count"/> records for <paramref name="partition"/>
    /// (a catalog index), as a MirrorMaker 2 task does with what it consumed. False when <c>buffer.memory</c>
    /// has no room for it, where <c>send()</c> would block: the caller waits for acknowledgements to free room.
    /// </summary>
    public bool TrySend(int partition, int count, int bytes, SimTime createTime, RecordOrigin origin, long sourceOffset)
    {
        int local = _local[partition];
        if (local < 0) throw new ArgumentException($"partition {partition} is not one this producer writes");
        if (Stopped || _closing || BufferedBytes + bytes > Config.BufferMemory) return false;
        var now = S.Now;
        BufferedBytes += bytes;
        var b = RentBatch();
        b.Partition = local;
        b.Count = count;
        b.Bytes = bytes;
        b.FirstRecordTime = b.AppendTime = b.RetryAt = now;
        b.CreateTime = createTime;
        b.ClientBatchId = ((long)Id << 40) | _nextBatchId++;
        b.Origin = origin;
        b.SourceOffset = sourceOffset;
        _ready[local].Add(b);
        MarkActive(local);
        if (!S.IsPending(_wake) || _wakeAt > now) WakeAt(now);
        return true;
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (Stopped) return;
        int k = ev.Kind;
        if (k == _kClose) { if (!_closing) CloseBatch((int)ev.Arg); }
        else if (k == _kWake) Drain();
        else if (k == _kSweep)
        {
            ExpireBatches();
            ExpireBlocked();
            // Expired batches freed buffer.memory: a closed-loop application's blocked send() resumes.
            if (ClosedLoop) WakeAt(S.Now);
            S.Schedule(SweepPeriod, this, _kSweep);
        }
        else if (k == _kMetadataAge)
        {
            RequestMetadata();
            S.Schedule(Config.MetadataMaxAge, this, _kMetadataAge);
        }
        else if (k == _kTimeout) OnRequestTimeout(ev.Arg);
        if (_closing) CompleteCloseIfDrained();
    }

    public void Receive(KafkaMessage message)
    {
        if (Stopped) return;
        switch (message)
        {
            case ProduceResponse r: OnProduceResponse(r); break;
            case MetadataResponse r: OnMetadataResponse(r); break;
            case ApiVersionsResponse r: OnConnected(r); break;
        }
        if (_closing) CompleteCloseIfDrained();
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (Stopped || !_requests.TryComplete(message.CorrelationId, out var req)) return;
        if (req.Kind == RequestKind.Connect) ConnectFailed(req.BrokerId);
        else CloseConnection(req.BrokerId, req, ErrorCode.NetworkException);
        if (_closing) CompleteCloseIfDrained();
    }

    // ---- metadata ----

    /// <summary>
    /// Asks for metadata on the least-loaded ready connection (<c>NetworkClient.leastLoadedNode</c>). With none
    /// ready, the request waits for the connection being set up, or starts one to a broker past its reconnect
    /// backoff, or, with every broker blacked out, tries again after <c>reconnect.backoff.ms</c>.
    /// </summary>
    private void RequestMetadata()
    {
        if (_metadata.InFlight >= 0) return;
        var now = S.Now;
        int broker = _connections.LeastLoadedNode(_metadata.Nodes, now, InFlightTo);
        // KIP-899/KIP-1102 (NetworkClient.DefaultMetadataUpdater.maybeUpdate): no known broker available, or no
        // metadata for metadata.recovery.rebootstrap.trigger.ms, and the client asks bootstrap.servers again.
        if (_metadata.MaybeRebootstrap(now, broker < 0)) broker = _connections.LeastLoadedNode(_metadata.Nodes, now, InFlightTo);
        if (broker < 0 || !_connections.IsReady(broker))
        {
            _needMetadata = true;
            if (broker < 0) WakeAt(now + Config.ReconnectBackoff);
            else if (_connections.CanConnect(broker, now)) Connect(broker);
            return;
        }
        var req = _metadata.BeginRequest(Id, _requests.NextId());
        _metadataBroker = broker;
        _requests.Add(req.CorrelationId, new InFlightRequest(broker, null, RequestKind.Metadata), Config.RequestTimeout);
        _ctx.Send(Node, _ctx.BrokerNode(broker), req);
    }

    private int _metadataBroker = -1;

    /// <summary>Requests in flight on the connection to <paramref name="broker"/>, as leastLoadedNode counts them.</summary>
    private int InFlightTo(int broker) =>
        ProducesInFlight(broker) + (_metadata.InFlight >= 0 && _metadataBroker == broker ? 1 : 0);

    private void OnMetadataResponse(MetadataResponse r)
    {
        if (!_requests.TryComplete(r.CorrelationId, out _)) return;
        foreach (var partition in _metadata.Complete(r)) SkipBackoff(partition);
        if (Workload is not null) OnTopicMetadata();
        bool leaderless = false;
        for (int i = 0; i < _partitions.Length; i++)
        {
            if (_ready[i].Count > 0 && LeaderOf(i) < 0) leaderless = true;
        }
        if (leaderless) ScheduleMetadataRetry();
        Drain();
    }

    /// <summary>Leaders still unknown: ask again after <c>retry.backoff.ms</c> (the next drain sends the request).</summary>
    private void ScheduleMetadataRetry()
    {
        _needMetadata = true;
        WakeAt(S.Now + Config.RetryBackoff);
    }

    private bool _needMetadata;

    /// <summary>
    /// KIP-951 (Kafka 3.7+): once the client learns a partition has a new leader, batches waiting out a
    /// retry backoff for it go at once instead of waiting the backoff out.
    /// </summary>
    private void SkipBackoff(int globalPartition)
    {
        int local = _local[globalPartition];
        if (local < 0) return;
        foreach (var b in _ready[local])
        {
            if (!b.InFlight && b.RetryAt > S.Now) b.RetryAt = S.Now;
        }
    }

    private int LeaderOf(int local) => _metadata.LeaderOf(_globalIndex[local]);

    private enum RequestKind : byte
    {
        Produce,
        Metadata,
        Connect,
    }

    private readonly record struct InFlightRequest(int BrokerId, List<ProducerBatch>? Batches, RequestKind Kind = RequestKind.Produce, List<ProduceEntry>? Entries = null);
}
