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
/// Tiered storage (KIP-405) for one cluster: <c>segment.bytes</c> closes log segments, the remote log
/// manager uploads closed segments every <c>remote.log.manager.task.interval.ms</c>, and the object store
/// copies uploaded objects to another region after a replication lag drawn from
/// <see cref="ReplicationLag"/> (S3 Cross-Region Replication is asynchronous: most objects within
/// seconds, its SLA 15 minutes).
/// </summary>
public sealed record RemoteTierConfig
{
    public long SegmentBytes { get; init; } = 1L << 30;
    public SimDuration TaskInterval { get; init; } = SimDuration.FromSeconds(30);
    /// <summary>Defaults to a lognormal with median 15 s and p99 5 min (base units: nanoseconds).</summary>
    public DistributionSpec ReplicationLag { get; init; } =
        new("lognormal", new Dictionary<string, double> { ["median"] = 15e9, ["p99"] = 300e9 }, Sim.Core.QuantityKind.Duration);

    /// <summary>Objects move in parts of this size (multipart upload and copy).</summary>
    public int PartBytes { get; init; } = 8 << 20;
}

/// <summary>
/// A cluster's remote tier at run time: it watches leaders append, closes segments, uploads them from the
/// leader's broker to the object store of the cluster's region, and replicates them to the other
/// region's store, all as messages on the simulated network, so they cost bandwidth and transfer.
/// </summary>
public sealed class RemoteTier : IEventHandler, IKafkaObserver, INetworkEndpoint
{
    private readonly Simulation _sim;
    private readonly KafkaCluster _cluster;
    private readonly RemoteTierConfig _config;
    private readonly Node _store;
    private readonly Node? _replica;
    private readonly RngStream _rng;
    private readonly Distribution _lag;
    private readonly long[] _open;
    private readonly long[] _segmentStart;
    private readonly List<Segment> _closed = [];
    private readonly int _kTask, _kReplicate;
    private long _nextId;

    private sealed class Segment(long id, int partition, long startOffset, long endOffset, long bytes)
    {
        public long Id { get; } = id;
        public int Partition { get; } = partition;
        public long StartOffset { get; } = startOffset;
        public long EndOffset { get; } = endOffset;
        public long Bytes { get; } = bytes;
        public int PartsOutstanding;
        public bool Uploading;
    }

    internal RemoteTier(Simulation sim, KafkaCluster cluster, RemoteTierPlan plan)
    {
        _sim = sim;
        _cluster = cluster;
        _config = plan.Config;
        _store = sim.Topology.Node(StoreNodeName(plan.StoreZone));
        _replica = plan.ReplicaStoreZone is { } z ? sim.Topology.Node(StoreNodeName(z)) : null;
        _rng = sim.Streams.Get($"remote-tier/{cluster.Name}");
        _lag = _config.ReplicationLag.Build();
        int n = cluster.Context.Partitions.Count;
        _open = new long[n];
        _segmentStart = new long[n];
        sim.Network.Attach(_store, this);
        if (_replica is not null) sim.Network.Attach(_replica, this);
        sim.EventsOf(cluster.Name).Add(this);
        _kTask = sim.Scheduler.Kinds.Register("remote-tier:task");
        _kReplicate = sim.Scheduler.Kinds.Register("remote-tier:replicate");
        sim.Scheduler.Schedule(_config.TaskInterval, this, _kTask);
    }

    public static string StoreNodeName(string zone) => $"objectstore-{zone}";

    /// <summary>The cluster whose segments this tier holds.</summary>
    public KafkaCluster Cluster => _cluster;

    public long BytesUploaded { get; private set; }
    public long BytesReplicated { get; private set; }
    public long SegmentsUploaded { get; private set; }
    public long SegmentsReplicated { get; private set; }

    /// <summary>Per partition, the offset below which every record is in the remote tier, and in its replica.</summary>
    public long[] UploadedOffset { get; private set; } = [];
    public long[] ReplicatedOffset { get; private set; } = [];

    void IKafkaObserver.Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
    {
        if (!asLeader || _cluster.Context.Partitions[partition].Topic.Name.StartsWith("__", StringComparison.Ordinal)) return;
        _open[partition] += batch.Bytes;
        if (_open[partition] < _config.SegmentBytes) return;
        long end = batch.BaseOffset + batch.Count;
        _closed.Add(new Segment(_nextId++, partition, _segmentStart[partition], end, _open[partition]));
        _segmentStart[partition] = end;
        _open[partition] = 0;
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kTask)
        {
            foreach (var seg in _closed.Where(s => !s.Uploading))
            {
                int leader = _cluster.PartitionState(seg.Partition).Leader;
                if (leader < 0 || !_cluster.Broker(leader).Alive) continue;
                seg.Uploading = true;
                Send(_cluster.Broker(leader).Node, _store, seg, replica: false);
            }
            scheduler.Schedule(_config.TaskInterval, this, _kTask);
        }
        else if (ev.Kind == _kReplicate) Send(_store, _replica!, (Segment)ev.State!, replica: true);
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
        var seg = (Segment)part.Segment;
        if (--seg.PartsOutstanding > 0) return;
        if (!part.Replica)
        {
            BytesUploaded += seg.Bytes;
            SegmentsUploaded++;
            _closed.Remove(seg);
            if (UploadedOffset.Length == 0) UploadedOffset = new long[_open.Length];
            UploadedOffset[seg.Partition] = Math.Max(UploadedOffset[seg.Partition], seg.EndOffset);
            if (_replica is not null) _sim.Scheduler.Schedule(_lag.SampleDuration(_rng), this, _kReplicate, 0, seg);
        }
        else
        {
            BytesReplicated += seg.Bytes;
            SegmentsReplicated++;
            if (ReplicatedOffset.Length == 0) ReplicatedOffset = new long[_open.Length];
            ReplicatedOffset[seg.Partition] = Math.Max(ReplicatedOffset[seg.Partition], seg.EndOffset);
        }
    }

    /// <summary>A part lost on the way (a store or broker went down): the segment is tried again at the next task.</summary>
    void INetworkEndpoint.OnConnectionClosed(NetMessage message)
    {
        var part = (ObjectPart)message;
        var seg = (Segment)part.Segment;
        if (!part.Replica) seg.Uploading = false;
    }

    /// <summary>One part of an object on its way to a store.</summary>
    private sealed class ObjectPart(object segment, int size, bool replica) : KafkaMessage
    {
        public object Segment { get; } = segment;
        public bool Replica { get; } = replica;
        protected override int PayloadBytes => size;
    }
}
