using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Core.Distributions;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Architectures.Tiering;

/// <summary>
/// Tiered storage (KIP-405) for one cluster: the remote log manager copies closed log segments every
/// <c>remote.log.manager.task.interval.ms</c>, and the object store copies uploaded objects to another region
/// after a replication lag drawn from <see cref="ReplicationLag"/> (S3 Cross-Region Replication is asynchronous:
/// most objects within seconds; with Replication Time Control its SLA is 15 minutes for 99.99 % of objects).
/// Segments are the brokers' own (<c>segment.bytes</c>, <c>segment.ms</c>); local retention is the topics'
/// <c>local.retention.ms</c> and <c>local.retention.bytes</c>.
/// </summary>
public sealed record RemoteTierConfig
{
    public SimDuration TaskInterval { get; init; } = SimDuration.FromSeconds(30);
    /// <summary>Defaults to a lognormal with median 15 s and p99 5 min (base units: nanoseconds).</summary>
    public DistributionSpec ReplicationLag { get; init; } =
        new("lognormal", new Dictionary<string, double> { ["median"] = 15e9, ["p99"] = 300e9 }, Sim.Core.QuantityKind.Duration);

    /// <summary>Objects move in parts of this size (multipart upload and copy).</summary>
    public int PartBytes { get; init; } = 8 << 20;
}

/// <summary>
/// A cluster's remote tier at run time. At each task run the remote log manager of every partition's leader
/// copies the oldest closed segment not yet copied, one segment at a time per partition, and only segments
/// wholly below the high watermark (RemoteLogManager.RLMCopyTask.copyLogSegmentsToRemote: candidate segments end
/// below the last stable offset, the active segment never goes). Uploads go from the leader's broker to the object
/// store of the cluster's region, and the store replicates each object to the other region's store, all as
/// messages on the simulated network, so they cost bandwidth and transfer. As the remote log metadata it tells
/// brokers how far each partition is copied, so they delete local segments only once copied.
/// </summary>
public sealed class RemoteTier : IEventHandler, INetworkEndpoint, IRemoteLogMetadata
{
    private readonly Simulation _sim;
    private readonly KafkaCluster _cluster;
    private readonly RemoteTierConfig _config;
    private readonly Node _store;
    private readonly Node? _replica;
    private readonly RngStream _rng;
    private readonly Distribution _lag;
    private readonly bool[] _uploading;
    private readonly long[] _uploaded, _replicated, _taskLimit;
    private readonly List<Segment>[] _replicaOutOfOrder;
    private readonly int _kTask, _kReplicate;
    private readonly HashSet<string> _topics;

    private sealed class Segment(int partition, long startOffset, long endOffset, long bytes)
    {
        public int Partition { get; } = partition;
        public long StartOffset { get; } = startOffset;
        public long EndOffset { get; } = endOffset;
        public long Bytes { get; } = bytes;
        public int PartsOutstanding;
    }

    internal RemoteTier(Simulation sim, KafkaCluster cluster, RemoteTierPlan plan)
    {
        _sim = sim;
        _cluster = cluster;
        _config = plan.Config;
        _topics = new HashSet<string>(plan.Topics, StringComparer.Ordinal);
        _store = sim.Topology.Node(StoreNodeName(plan.StoreZone));
        _replica = plan.ReplicaStoreZone is { } z ? sim.Topology.Node(StoreNodeName(z)) : null;
        _rng = sim.Streams.Get($"remote-tier/{cluster.Name}");
        _lag = _config.ReplicationLag.Build();
        int n = cluster.Context.Partitions.Count;
        _uploading = new bool[n];
        _uploaded = new long[n];
        _replicated = new long[n];
        _taskLimit = new long[n];
        _replicaOutOfOrder = new List<Segment>[n];
        for (int i = 0; i < n; i++) _replicaOutOfOrder[i] = [];
        cluster.Context.RemoteLog = this;
        sim.Network.Attach(_store, this);
        if (_replica is not null) sim.Network.Attach(_replica, this);
        _kTask = sim.Scheduler.Kinds.Register("remote-tier:task");
        _kReplicate = sim.Scheduler.Kinds.Register("remote-tier:replicate");
        sim.Scheduler.Schedule(_config.TaskInterval, this, _kTask);
    }

    public static string StoreNodeName(string zone) => $"objectstore-{zone}";

    /// <summary>The cluster whose segments this tier holds.</summary>
    public KafkaCluster Cluster => _cluster;

    /// <summary>The name of the cluster whose segments this tier holds.</summary>
    public string ClusterName => _cluster.Name;

    /// <summary>The object store the cluster uploads to, and its replica in the other region (null when none).</summary>
    public Node Store => _store;
    public Node? ReplicaStore => _replica;

    public long BytesUploaded { get; private set; }
    public long BytesReplicated { get; private set; }
    public long SegmentsUploaded { get; private set; }
    public long SegmentsReplicated { get; private set; }

    /// <summary>The offset below which every record of <paramref name="partition"/> is in the remote tier.</summary>
    public long? UploadedOffset(int partition) => Tiered(partition) ? _uploaded[partition] : null;

    /// <summary>The offset below which every record of <paramref name="partition"/> is in the other region's store.</summary>
    public long ReplicatedOffset(int partition) => _replicated[partition];

    /// <summary>
    /// How far behind the other region's copy of the store is at <paramref name="now"/>: over the tiered partitions,
    /// the largest of now minus the append time of the first record the copy lacks (0 when it lacks nothing
    /// committed). This is the recovery point of data restored from the replicated store alone.
    /// </summary>
    public SimDuration ReplicaLag(SimTime now)
    {
        var worst = SimDuration.Zero;
        for (int p = 0; p < _replicated.Length; p++)
        {
            if (!Tiered(p) || _cluster.FinalLog(p) is not { } log) continue;
            long have = Math.Max(_replicated[p], log.LogStartOffset);
            if (have >= log.HighWatermark) continue;
            if (log.AppendTimeAt(have) is { } t && now - t > worst) worst = now - t;
        }
        return worst;
    }

    /// <summary>
    /// Whether the partition's topic has remote storage enabled (KIP-405 <c>remote.storage.enable</c> is per topic): the
    /// plan's application topics. A MirrorMaker 2 heartbeats topic written once a second would otherwise hold an active
    /// segment open for <c>segment.ms</c> and set the cold recovery point of the whole design.
    /// </summary>
    private bool Tiered(int partition)
    {
        var topic = _cluster.Context.Partitions[partition].Topic;
        return !topic.Internal && (_topics.Count == 0 || _topics.Contains(topic.Name));
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kTask)
        {
            for (int p = 0; p < _uploading.Length; p++)
            {
                if (_uploading[p] || !Tiered(p)) continue;
                _taskLimit[p] = long.MaxValue;
                CopyNextSegment(p);
            }
            scheduler.Schedule(_config.TaskInterval, this, _kTask);
        }
        else if (ev.Kind == _kReplicate) Send(_store, _replica!, (Segment)ev.State!, replica: true);
    }

    /// <summary>
    /// The leader copies the oldest closed segment that holds records not yet copied. A task run copies every candidate
    /// segment it found, one after the other (RemoteLogManager.RLMCopyTask.copyLogSegmentsToRemote loops over
    /// candidateLogSegments), so the first copy of a run fixes the run's last candidate in <see cref="_taskLimit"/>;
    /// segments closed after it wait for the next run.
    /// </summary>
    private void CopyNextSegment(int partition)
    {
        int leader = _cluster.PartitionState(partition).Leader;
        if (leader < 0 || !_cluster.Broker(leader).Alive || _cluster.Broker(leader).Replica(partition) is not { } replica) return;
        var log = replica.Log;
        ref readonly var segments = ref log.Segments;
        for (int i = 0; i + 1 < segments.Count; i++)
        {
            long end = segments[i + 1].BaseOffset;
            if (end <= _uploaded[partition]) continue;
            // A segment holding records above the high watermark is not copied yet (it could still be truncated).
            if (end > log.HighWatermark || end > _taskLimit[partition]) return;
            if (_taskLimit[partition] == long.MaxValue) _taskLimit[partition] = LastCandidateEnd(in segments, log.HighWatermark);
            _uploading[partition] = true;
            Send(_cluster.Broker(leader).Node, _store, new Segment(partition, segments[i].BaseOffset, end, segments[i].Bytes), replica: false);
            return;
        }
    }

    /// <summary>The end of the last closed segment wholly below the high watermark: the run's last candidate.</summary>
    private static long LastCandidateEnd(in LogSegments segments, long highWatermark)
    {
        long end = 0;
        for (int i = 0; i + 1 < segments.Count && segments[i + 1].BaseOffset <= highWatermark; i++) end = segments[i + 1].BaseOffset;
        return end;
    }

    private void Send(Node from, Node to, Segment seg, bool replica)
    {
        int parts = (int)Math.Max(1, (seg.Bytes + _config.PartBytes - 1) / _config.PartBytes);
        seg.PartsOutstanding = parts;
        long left = seg.Bytes;
        for (int i = 0; i < parts; i++)
        {
            int size = (int)Math.Min(left, _config.PartBytes);
            left -= size;
            _sim.Network.Send(from, to, new ObjectPart(seg, size, replica) { To = Component.Client, From = Component.Client, ClientId = -1 });
        }
    }

    void INetworkEndpoint.OnMessage(NetMessage message)
    {
        var part = (ObjectPart)message;
        var seg = part.Segment;
        if (--seg.PartsOutstanding > 0) return;
        if (!part.Replica)
        {
            BytesUploaded += seg.Bytes;
            SegmentsUploaded++;
            _uploading[seg.Partition] = false;
            _uploaded[seg.Partition] = Math.Max(_uploaded[seg.Partition], seg.EndOffset);
            if (_replica is not null) _sim.Scheduler.Schedule(_lag.SampleDuration(_rng), this, _kReplicate, 0, seg);
            CopyNextSegment(seg.Partition);
        }
        else
        {
            BytesReplicated += seg.Bytes;
            SegmentsReplicated++;
            AdvanceReplicated(seg);
        }
    }

    /// <summary>Objects replicate independently and out of order: the copy is complete only up to its first gap.</summary>
    private void AdvanceReplicated(Segment arrived)
    {
        int p = arrived.Partition;
        var waiting = _replicaOutOfOrder[p];
        waiting.Add(arrived);
        for (int i = 0; i < waiting.Count; i++)
        {
            if (waiting[i].StartOffset > _replicated[p]) continue;
            _replicated[p] = Math.Max(_replicated[p], waiting[i].EndOffset);
            waiting.RemoveAt(i);
            i = -1;
        }
    }

    /// <summary>A part lost on the way (a store or broker went down): the segment is tried again at the next task.</summary>
    void INetworkEndpoint.OnConnectionClosed(NetMessage message)
    {
        var part = (ObjectPart)message;
        if (!part.Replica) _uploading[part.Segment.Partition] = false;
    }

    /// <summary>One part of an object on its way to a store.</summary>
    private sealed class ObjectPart(Segment segment, int size, bool replica) : KafkaMessage
    {
        public Segment Segment { get; } = segment;
        public bool Replica { get; } = replica;
        protected override int PayloadBytes => size;
    }
}
