using Sim.Kafka.Config;
using Sim.Core.Distributions;
using Sim.Core.Queueing;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Broker;

/// <summary>
/// A Kafka broker: it leads and follows partition replicas, serves produce, fetch and metadata
/// requests through network threads (<c>num.network.threads</c>) and then request handler threads
/// (<c>num.io.threads</c>), each pool a <see cref="FifoServer"/> so a busy broker gets slower, keeps followers' and acks=all producers' requests waiting for data and
/// for the high watermark, shrinks and expands ISRs through the controller, and applies the committed
/// metadata log it fetches from the quorum.
/// </summary>
public sealed partial class KafkaBroker : IKafkaEndpoint, IEventHandler, IServiceCompletion
{
    private readonly PartitionReplica?[] _replicas;
    private readonly WorkerPool _network;
    private readonly WorkerPool _handlers;
    private readonly NetworkStage _networkStage;
    private readonly Dictionary<(int Leader, int FetcherId), ReplicaFetcher> _fetchers = [];
    private readonly ParkedList _parked = new();
    // DelayedOperationPurgatory keys a delayed fetch by each of its partitions (TopicPartitionOperationKey),
    // so an append checks only the fetches waiting on its partition, not every parked fetch.
    private readonly ParkedList?[] _parkedByPartition;
    private readonly PendingRequests<(IRequestOwner Owner, KafkaMessage Request)> _requests;
    private readonly Distribution? _diskLatency;
    private readonly Distribution? _fsyncLatency;
    private readonly RngStream _diskRng;
    private readonly int _kTimeout, _kIsrCheck, _kArchive, _kHeartbeat, _kProduceExpiry, _kFetchExpiry, _kFetcherRetry, _kMetadataRetry, _kStartup, _kLogDirHalt;
    private EventHandle _isrTimer, _archiveTimer, _heartbeatTimer;
    private int _incarnation;
    private long _correlation;

    // Connections whose request is being handled or awaits its response, and what queued behind it.
    private readonly Dictionary<long, Queue<KafkaMessage>?> _muted = [];

    public KafkaBroker(ClusterContext ctx, int id, Node node)
    {
        Context = ctx;
        Id = id;
        Node = node;
        _replicas = new PartitionReplica?[ctx.Partitions.Count];
        _parkedByPartition = new ParkedList?[ctx.Partitions.Count];
        _fetchSessions = new FetchSessionCache(ctx.Partitions.Count);
        Metadata = new MetadataImage(ctx.InitialPartitions);
        var hw = ctx.Broker.Hardware;
        Cores = new FifoServer(ctx.Scheduler, $"{ctx.Name}-broker-{id}-cores", hw.Cores) { Host = node.Index };
        int kHold = ctx.Scheduler.Kinds.Register($"{ctx.Name}-broker-{id}:thread-hold");
        _network = new WorkerPool(ctx.Scheduler, $"{ctx.Name}-broker-{id}-network", ctx.Broker.NumNetworkThreads, Cores, kHold);
        _handlers = new WorkerPool(ctx.Scheduler, $"{ctx.Name}-broker-{id}-handlers", ctx.Broker.NumIoThreads, Cores, kHold);
        PageCache = new Hardware.PageCache(hw);
        ctx.Network.SetNic(node, new Sim.Network.Transport.NicProfile(hw.NetworkBaseline) { Burst = hw.NetworkBurst, BurstSeconds = hw.NetworkBurstSeconds, InitialCreditSeconds = hw.NetworkBurstCreditSeconds, Mtu = hw.NetworkMtu });
        _networkStage = new NetworkStage(this);
        _diskLatency = ctx.Broker.DiskAppendLatency?.Build();
        _fsyncLatency = ctx.Broker.DiskFsyncLatency?.Build();
        _diskRng = ctx.Streams.Get($"disk/{ctx.Name}/broker-{id}");
        var k = ctx.Scheduler.Kinds;
        _kTimeout = k.Register("broker:request-timeout");
        _kIsrCheck = k.Register("broker:isr-check");
        _kArchive = k.Register("broker:log-archive");
        _kHeartbeat = k.Register("broker:heartbeat");
        _kProduceExpiry = k.Register("broker:produce-expired");
        _kFetchExpiry = k.Register("broker:fetch-wait-expired");
        _kFetcherRetry = k.Register("broker:fetcher-backoff");
        _kMetadataRetry = k.Register("broker:metadata-retry");
        _kGc = k.Register("broker:gc-pause");
        _kDiskRead = k.Register("broker:disk-read-done");
        _gcPause = ctx.Broker.GcPause.Build();
        _gcRng = ctx.Streams.Get($"gc/{ctx.Name}/broker-{id}");
        _kStartup = k.Register("broker:logs-loaded");
        _kLogDirHalt = k.Register("broker:log-dirs-failed-halt");
        _requests = new PendingRequests<(IRequestOwner, KafkaMessage)>(ctx.Scheduler, this, _kTimeout);
        Channel = new ControllerChannel(this);
        Groups = new GroupCoordinator(this);
        ctx.Host(node).Broker = this;
        CreateLogDirs();
        int placed = 0;
        foreach (var ps in ctx.InitialPartitions)
        {
            if (ps.IsReplica(id))
                _replicas[ps.Partition] = new PartitionReplica(ctx.Partitions[ps.Partition], id, ps,
                    ctx.Broker.Log.WithOverrides(ctx.Partitions[ps.Partition].Topic), NextLogDir(placed++))
                {
                    MinInSyncReplicas = (ctx.Broker.Mutation & ModelMutation.NoIsrMinimum) != 0 ? 1 : ctx.MinInSyncReplicas(ctx.Partitions[ps.Partition]),
                    Watcher = _fetchSessions,
                    Clock = ctx.Horizon,
                };
        }
    }

    public ClusterContext Context { get; }
    public int Id { get; }
    public Node Node { get; }

    /// <summary>The node this process runs on, whose pause holds its events.</summary>
    public int Host => Node.Index;
    public bool Alive { get; private set; } = true;

    /// <summary>The committed cluster metadata as this broker has applied it.</summary>
    public MetadataImage Metadata { get; private set; }

    public ControllerChannel Channel { get; }

    /// <summary><c>leader.replication.throttled.rate</c>: what this broker serves to throttled followers (KIP-73).</summary>
    public ReplicationQuota LeaderQuota { get; } = new();

    /// <summary><c>follower.replication.throttled.rate</c>: what this broker fetches for throttled replicas (KIP-73).</summary>
    public ReplicationQuota FollowerQuota { get; } = new();

    /// <summary>The coordinator of the consumer groups whose offsets partition this broker leads.</summary>
    public GroupCoordinator Groups { get; }

    public WorkerPool RequestHandlers => _handlers;

    public WorkerPool NetworkThreads => _network;

    /// <summary>A request read off its connection: first a network thread, then a request handler.</summary>
    private void Admit(KafkaMessage request)
    {
        ProduceAdmitted(request);
        _network.Submit(NetworkCpu(request), SimDuration.Zero, _networkStage, _incarnation, request);
    }

    /// <summary>Hands requests from the network threads to the request handlers.</summary>
    private sealed class NetworkStage(KafkaBroker broker) : IServiceCompletion
    {
        public void OnServed(long tag, object? state, SimDuration waited)
        {
            var m = (KafkaMessage)state!;
            if (!broker.Alive || tag != broker._incarnation)
            {
                broker.DroppedInFlight(m);
                return;
            }
            broker._handlers.Submit(broker.HandlerCpu(m), broker.HandlerHold(m), broker, tag, m);
        }
    }

    private Scheduler S => Context.Scheduler;

    public PartitionReplica? Replica(int partition) => _replicas[partition];

    /// <summary>How many partitions the cluster can hold (every topic's, created or not): what per-partition tables are sized to.</summary>
    internal int PartitionCount => _replicas.Length;

    public IEnumerable<PartitionReplica> Replicas => _replicas.Where(r => r is not null)!;

    internal long NextCorrelationId() => ++_correlation;

    /// <summary>Starts the broker on a formed cluster: registered and unfenced with <paramref name="brokerEpoch"/>, the committed metadata applied.</summary>
    internal void Bootstrap(long brokerEpoch, IReadOnlyList<MetadataEntry> committed)
    {
        foreach (var e in committed) Metadata.Apply(e);
        Channel.MarkRegistered(brokerEpoch, fenced: false);
        Channel.Reset(Context.Voters[0]);
        StartTimers();
        foreach (var p in Replicas) ApplyPartitionState(p, Metadata.Partition(p.Info.Index));
    }

    /// <summary>KRaft heartbeats every broker.heartbeat.interval.ms; a ZooKeeper client pings every third of its session timeout.</summary>
    private SimDuration HeartbeatInterval => Context.Quorum.Mode == Config.MetadataMode.ZooKeeper
        ? Context.Quorum.ZooKeeperSessionTimeout / 3
        : Context.Broker.BrokerHeartbeatInterval;

    private void StartTimers()
    {
        _heartbeatTimer = S.Schedule(SimDuration.Zero, this, _kHeartbeat);
        _isrTimer = S.Schedule(Context.Broker.ReplicaLagTimeMax / 2, this, _kIsrCheck);
        _archiveTimer = S.Schedule(ArchivePeriod, this, _kArchive);
        ScheduleGc();
        Channel.FetchMetadata();
    }

    // ---- sending and the request table ----

    internal void SendRequest(IRequestOwner owner, Node to, KafkaMessage request, SimDuration timeout)
    {
        _requests.Add(request.CorrelationId, (owner, request), timeout);
        Context.Send(Node, to, request);
    }

    private void Send(Node to, KafkaMessage message) => Context.Send(Node, to, message);

    /// <summary>
    /// Extra time each write to this broker's disk takes while the disk is slow (a fault): added to every
    /// produce the broker handles as leader, and paid by its replica fetchers before they fetch again
    /// after appending.
    /// </summary>
    public SimDuration SlowDiskLatency { get; set; }

    internal void ScheduleFetcherRetry(ReplicaFetcher fetcher, SimDuration after) =>
        S.Schedule(after, this, _kFetcherRetry, fetcher.LeaderId, fetcher);

    internal void ScheduleMetadataRetry(SimDuration after) => S.Schedule(after, this, _kMetadataRetry);

    /// <summary>Moves the next heartbeat to <paramref name="after"/> from now; the ones after it keep the interval from there.</summary>
    internal void HeartbeatAfter(SimDuration after)
    {
        S.Cancel(_heartbeatTimer);
        _heartbeatTimer = S.Schedule(after, this, _kHeartbeat);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        int k = ev.Kind;
        if (k == _kStartup)
        {
            CompleteStartup();
            return;
        }
        if (!Alive) return;
        if (k == _kTimeout)
        {
            if (_requests.TryTimeOut(ev.Arg, out var r))
            {
                Context.Disconnect(Node, r.Request);
                r.Owner.OnFailure(r.Request, ErrorCode.RequestTimedOut);
            }
        }
        else if (k == _kHeartbeat)
        {
            Channel.SendHeartbeat();
            _heartbeatTimer = S.Schedule(HeartbeatInterval, this, _kHeartbeat);
        }
        else if (k == _kIsrCheck)
        {
            CheckIsr();
            _isrTimer = S.Schedule(Context.Broker.ReplicaLagTimeMax / 2, this, _kIsrCheck);
        }
        else if (k == _kArchive)
        {
            ArchiveLogs();
            PageCache.Sample(S.Now.Nanoseconds);
            _archiveTimer = S.Schedule(ArchivePeriod, this, _kArchive);
        }
        else if (k == _kProduceExpiry) ExpireProduce((DelayedProduce)ev.State!);
        else if (k == _kFetchExpiry) CompleteParked((ParkedFetch)ev.State!, expired: true);
        else if (k == _kFetcherRetry) ((ReplicaFetcher)ev.State!).EndBackoff();
        else if (k == _kMetadataRetry) Channel.FetchMetadata();
        else if (k == _kGc) PauseForGc();
        else if (k == _kDiskRead) FinishDiskRead((DiskRead)ev.State!);
        else if (k == _kLogDirHalt) Halt();
        else if (k == _kShutdownWait) OnControlledShutdownWaitOver();
    }

    // ---- receiving ----

    public void Receive(KafkaMessage message)
    {
        if (!Alive) return;
        switch (message)
        {
            case ApiVersionsRequest m:
                // Answered at once: it is tiny and is the only request on a connection not yet ready.
                Send(Context.Network.Topology.Nodes[m.Source], new ApiVersionsResponse
                {
                    To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId,
                });
                break;
            case ProduceRequest or FetchRequest or MetadataRequest or OffsetCommitRequest or OffsetFetchRequest:
                // Kafka reads one request at a time per connection: the channel is muted until the
                // response is sent, so pipelined requests are handled in order.
                long connection = ConnectionOf(message);
                if (_muted.TryGetValue(connection, out var queue))
                {
                    queue ??= _muted[connection] = new Queue<KafkaMessage>();
                    queue.Enqueue(message);
                    break;
                }
                _muted.Add(connection, null);
                Admit(message);
                break;
            case JoinGroupRequest or SyncGroupRequest or HeartbeatRequest or LeaveGroupRequest:
                // The consumer talks to its coordinator on a connection of its own (AbstractCoordinator connects
                // to node id Integer.MAX_VALUE - id), so group requests never queue behind its fetches.
                Admit(message);
                break;
            default:
                if (_requests.TryComplete(message.CorrelationId, out var r)) r.Owner.OnResponse(r.Request, message);
                break;
        }
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (!Alive) return;
        if (_requests.TryComplete(message.CorrelationId, out var r)) r.Owner.OnFailure(r.Request, ErrorCode.NetworkException);
    }

    private static long ConnectionOf(KafkaMessage m) => ((long)m.Source << 32) | (uint)(m.ClientId + 1);

    /// <summary>The response to <paramref name="request"/> is on its way: the connection's next request may be read.</summary>
    private void Unmute(KafkaMessage request)
    {
        long connection = ConnectionOf(request);
        ProduceReleased(request);
        if (!_muted.TryGetValue(connection, out var queue)) return;
        if (queue is { Count: > 0 })
        {
            Admit(queue.Dequeue());
            return;
        }
        _muted.Remove(connection);
    }

    void IServiceCompletion.OnServed(long tag, object? state, SimDuration waited)
    {
        if (!Alive || tag != _incarnation)
        {
            if (state is KafkaMessage dropped) DroppedInFlight(dropped);
            return;
        }
        switch (state)
        {
            case ProduceRequest m: HandleProduce(m); break;
            case FetchRequest m: HandleFetch(m); break;
            case MetadataRequest m: HandleMetadata(m); break;
            case OffsetCommitRequest m: HandleOffsetCommit(m); break;
            case OffsetFetchRequest m: HandleOffsetFetch(m); break;
            case JoinGroupRequest m: Groups.HandleJoin(m); break;
            case SyncGroupRequest m: Groups.HandleSync(m); break;
            case HeartbeatRequest m: Groups.HandleHeartbeat(m); break;
            case LeaveGroupRequest m: Groups.HandleLeave(m); break;
        }
    }

    private void HandleMetadata(MetadataRequest m)
    {
        Unmute(m);
        var parts = new PartitionState?[Metadata.Partitions.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = Metadata.Partitions[i];
        Send(Context.Network.Topology.Nodes[m.Source], new MetadataResponse
        {
            To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Partitions = parts,
            Brokers = [.. Metadata.Brokers.Where(b => !b.Fenced).Select(b => b.Id)],
        });
    }

    /// <summary>How often old batches are coalesced into runs.</summary>
    private static readonly SimDuration ArchivePeriod = SimDuration.FromSeconds(1);

    private void ArchiveLogs()
    {
        var cutoff = S.Now - Context.Broker.LogDetailWindow;
        foreach (var p in Replicas)
        {
            if (p.IsInternal) continue;
            p.Log.Archive(cutoff, p.Log.HighWatermark, SimDuration.FromSeconds(1));
        }
        MaybeCleanupLogs();
    }
}
