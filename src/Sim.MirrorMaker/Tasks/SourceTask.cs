using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;
using Sim.MirrorMaker.Connect;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Tasks;

/// <summary>
/// A MirrorSourceTask on a worker: a consumer reading committed records from its source partitions and a
/// producer writing them to the remote topics, batch for batch, with their timestamps.
/// <para>
/// Connect's bookkeeping decides what a restart costs. A record's upstream offset becomes committable
/// once it and every record before it in its partition are acknowledged downstream; every
/// <c>offset.flush.interval.ms</c> the worker stores the committable positions, and a task that starts
/// again (a crash, a rebalance) resumes there: records acknowledged after the last flush are sent again
/// (duplicates), none are skipped. When the producer's <c>buffer.memory</c> is full the poll loop blocks:
/// fetching pauses until acknowledgements free room.
/// </para>
/// <para>
/// Offset syncs follow MirrorSourceTask's rule per record: the first record of a task's lifetime, an upstream
/// gap, a downstream truncation, or a downstream offset <c>offset.lag.max</c> past the last sync's next
/// offset. Only the batch's last qualifying sync is kept, as the task sends only the newest pending sync of a
/// partition. The syncs go straight to the flow's store; in Kafka they travel through the offset-syncs topic,
/// which delays them by a produce and a fetch.
/// </para>
/// </summary>
internal sealed class SourceTask : ITaskInstance, IConsumerSink, IProducerListener, IEventHandler
{
    private readonly MirrorFlow _flow;
    private readonly ConnectCluster _connect;
    private readonly KafkaConsumer _consumer;
    private readonly KafkaProducer _producer;
    private readonly Dictionary<int, PartitionProgress> _progress = [];
    private readonly Queue<(int Partition, RecordBatch Batch)> _blocked = new();
    private readonly int _kFlush;
    private bool _stopped;

    /// <summary>The worker's node: the task runs in the worker's process, so a pause of the worker holds it.</summary>
    public int Host { get; }

    private sealed class PartitionProgress
    {
        public long Committable;
        public readonly List<(long Start, long End)> AckedAhead = [];
        public long LastSyncDownstream = -1;
        public long PreviousUpstream = -1;
        public long PreviousDownstream = -1;
    }

    public SourceTask(MirrorFlow flow, ConnectCluster connect, Node worker, IReadOnlyList<int> partitions, int consumerId, int producerId)
    {
        _flow = flow;
        _connect = connect;
        Host = worker.Index;
        _kFlush = connect.Scheduler.Kinds.Register("mm2:offset-flush");
        var start = partitions.Select(p => connect.StoredOffset(flow, p)).ToList();
        for (int i = 0; i < partitions.Count; i++) _progress[partitions[i]] = new PartitionProgress { Committable = start[i] };
        _consumer = flow.Source.AddConsumer(consumerId, worker, flow.Config.Consumer with { GroupId = $"mm2-{flow.Name}" }, partitions);
        _consumer.Sink = this;
        _consumer.StartPositions = start;
        var targets = partitions.Select(p => flow.Target.Context.Partitions[flow.TargetOf(p)]).ToList();
        _producer = flow.Target.AddProducer(producerId, worker, flow.Config.Producer, targets);
        _producer.Listener = this;
        _producer.Start();
        _consumer.Start();
        connect.Scheduler.Schedule(connect.Config.OffsetFlushInterval, this, _kFlush);
        flow.Metrics.TaskStarts++;
    }

    public void Stop(bool graceful)
    {
        if (_stopped) return;
        if (graceful) Flush();
        _stopped = true;
        _consumer.Stop();
        _producer.Stop();
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (_stopped) return;
        Flush();
        scheduler.Schedule(_connect.Config.OffsetFlushInterval, this, _kFlush);
    }

    /// <summary>Stores the committable position of every partition that has one (Connect's offset commit).</summary>
    private void Flush()
    {
        foreach (var (p, progress) in _progress.OrderBy(kv => kv.Key))
        {
            if (progress.Committable >= 0) _connect.StoreOffset(_flow, p, progress.Committable);
        }
    }

    public void Records(KafkaConsumer consumer, int partition, in RecordBatch batch)
    {
        if (_stopped) return;
        if (_blocked.Count > 0 || !Forward(partition, batch))
        {
            _blocked.Enqueue((partition, batch));
            _consumer.Pause();
        }
    }

    private bool Forward(int partition, in RecordBatch b)
    {
        var progress = _progress[partition];
        // A partition read from auto.offset.reset learns its starting point from the first batch.
        if (progress.Committable < 0) progress.Committable = b.BaseOffset;
        var origin = b.Origin.IsSet ? b.Origin : new RecordOrigin(_flow.SourceClusterId, partition, b.BaseOffset);
        return _producer.TrySend(_flow.TargetOf(partition), b.Count, b.Bytes, b.CreateTime, origin, b.BaseOffset);
    }

    public void Acked(KafkaProducer producer, int targetPartition, ProducerBatch batch, long baseOffset)
    {
        if (_stopped) return;
        int partition = SourceOf(targetPartition);
        var now = _connect.Scheduler.Now;
        _flow.Metrics.RecordsMirrored += batch.Count;
        _flow.Metrics.BytesMirrored += batch.Bytes;
        double lagMs = (now - batch.CreateTime).TotalMilliseconds;
        _flow.Metrics.RecordLagMs.Add(lagMs);
        if (_flow.IsHeartbeats(targetPartition)) _flow.Metrics.Heartbeats.Add((now, now - batch.CreateTime));
        _flow.Acknowledged(partition, batch.SourceOffset, batch.Count);
        Commit(_progress[partition], batch.SourceOffset, batch.SourceOffset + batch.Count);
        if (baseOffset >= 0) Sync(partition, _progress[partition], batch.SourceOffset, baseOffset, batch.Count);
        Unblock();
    }

    public void Failed(KafkaProducer producer, int targetPartition, ProducerBatch batch, ErrorCode error)
    {
        if (_stopped) return;
        // The records never reach the target and their offsets never become committable, so the task's
        // flushed position stops before them and a restart sends them again.
        _flow.Metrics.RecordsFailed += batch.Count;
        Unblock();
    }

    private void Unblock()
    {
        while (_blocked.Count > 0)
        {
            var (p, b) = _blocked.Peek();
            if (!Forward(p, b)) return;
            _blocked.Dequeue();
        }
        _consumer.Resume();
    }

    private int SourceOf(int targetPartition)
    {
        foreach (var p in _progress.Keys)
        {
            if (_flow.TargetOf(p) == targetPartition) return p;
        }
        throw new InvalidOperationException($"no source partition for target partition {targetPartition}");
    }

    /// <summary>Advances the committable position over the contiguous acknowledged prefix.</summary>
    private static void Commit(PartitionProgress p, long start, long end)
    {
        if (end <= p.Committable) return;
        if (start > p.Committable)
        {
            // Before the first range starting after it (a loop, not FindIndex: a lambda capturing start would be allocated per call).
            int at = 0;
            while (at < p.AckedAhead.Count && p.AckedAhead[at].Start <= start) at++;
            p.AckedAhead.Insert(at, (start, end));
            return;
        }
        p.Committable = end;
        while (p.AckedAhead.Count > 0 && p.AckedAhead[0].Start <= p.Committable)
        {
            p.Committable = Math.Max(p.Committable, p.AckedAhead[0].End);
            p.AckedAhead.RemoveAt(0);
        }
    }

    /// <summary>MirrorSourceTask's PartitionState.update over the batch's records, keeping the last sync it calls for.</summary>
    private void Sync(int partition, PartitionProgress p, long upstream, long downstream, int count)
    {
        long lagMax = _flow.Config.OffsetLagMax;
        OffsetSync? sync = null;
        bool first = p.LastSyncDownstream < 0;
        bool skipped = upstream - p.PreviousUpstream != 1;
        bool truncated = downstream < p.PreviousDownstream;
        if (first || skipped || truncated || downstream - (p.LastSyncDownstream + 1) >= lagMax)
        {
            sync = new OffsetSync(upstream, downstream);
            p.LastSyncDownstream = downstream;
        }
        // Later records of the batch: a sync each time the downstream offset gets offset.lag.max past the last.
        long lastDownstream = downstream + count - 1;
        long next = p.LastSyncDownstream + 1 + lagMax;
        if (next <= lastDownstream && next > downstream)
        {
            long steps = (lastDownstream - next) / (lagMax + 1);
            long d = next + steps * (lagMax + 1);
            sync = new OffsetSync(upstream + (d - downstream), d);
            p.LastSyncDownstream = d;
        }
        p.PreviousUpstream = upstream + count - 1;
        p.PreviousDownstream = lastDownstream;
        if (sync is { } s) _flow.Syncs.Add(partition, s);
    }
}
