using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;

namespace Sim.Kafka.Broker;

/// <summary>
/// One broker's replica of one partition (Partition.scala): the log, what the broker believes the
/// partition's registration is, and, while it leads, the followers' progress, the high watermark rule
/// and the ISR changes it has asked the controller for.
/// </summary>
/// <remarks>
/// High watermark: the smallest LEO over the ISR, taking the larger of the current and the requested
/// ISR while an AlterPartition is in flight; it does not advance while the ISR is smaller than
/// <c>min.insync.replicas</c> (KAFKA-15583, Kafka 3.7+), and never moves back on a leader.
/// </remarks>
public sealed class PartitionReplica
{
    // The states of the first few producers to write are found by a scan of a small array, the others' in a dictionary
    // made when a ninth writes: a partition's batches mostly come from a few producers, and a dictionary's buckets and
    // entries would be two cache misses per append (and three objects per replica) with many partitions. Nothing
    // enumerates the producers.
    private const int ScannedProducers = 8;
    private ProducerSlot[]? _producers;
    private int _producerCount;
    private Dictionary<long, ProducerStateEntry>? _moreProducers;

    private record struct ProducerSlot(long Id, ProducerStateEntry Entry);

    // The partition's index, read on every touch without reaching into the shared PartitionInfo.
    private readonly int _index;

    public PartitionReplica(PartitionInfo info, int brokerId, PartitionState state, LogConfig logConfig, LogDirectory dir)
    {
        Info = info;
        _index = info.Index;
        IsInternal = info.Topic.Internal;
        BrokerId = brokerId;
        State = state;
        LeaderEpoch = -1;
        Log = new ReplicaLog(logConfig);
        Dir = dir;
    }

    public PartitionInfo Info { get; }

    /// <summary>The partition's index (<c>Info.Index</c>), kept in the replica: the hot paths read it without reaching into PartitionInfo.</summary>
    public int Index => _index;
    public int BrokerId { get; }
    public ReplicaLog Log { get; }

    /// <summary>The log directory (disk) the replica's log lives in.</summary>
    public LogDirectory Dir { get; }

    /// <summary>The latest registration this broker knows (from the metadata log or an AlterPartition answer).</summary>
    public PartitionState State
    {
        get => _state;
        set { _state = value; _isr = value.Isr; Touch(); }
    }

    private PartitionState _state = null!;
    private int[] _isr = [];

    /// <summary>The current ISR (<c>State.Isr</c>), kept in the replica: every acks=all append and high-watermark check reads it.</summary>
    public int[] Isr => _isr;

    /// <summary>Whether the partition is of an internal topic (<c>Info.Topic.Internal</c>), kept in the replica for the passes over every replica.</summary>
    public bool IsInternal { get; }

    /// <summary>
    /// Told of every change to the replica that can change what a fetch of it answers or does on the leader (log end,
    /// high watermark, epochs, leadership, ISR, followers, log start): the leader's fetch sessions (KIP-227) bring the
    /// partition back into the next answer to each follower fetching it.
    /// </summary>
    internal IPartitionWatcher? Watcher { get; set; }

    /// <summary>The clock the log's segments age by (<see cref="LogSegments.Clock"/>).</summary>
    public HorizonClock? Clock { init => Log.Segments.Clock = value; }

    internal void Touch() => Watcher?.Touched(_index);

    private bool TryGetProducer(long producerId, out ProducerStateEntry entry)
    {
        var slots = _producers;
        for (int i = 0; i < _producerCount; i++)
        {
            if (slots![i].Id == producerId)
            {
                entry = slots[i].Entry;
                return true;
            }
        }
        entry = null!;
        return _moreProducers is not null && _moreProducers.TryGetValue(producerId, out entry!);
    }

    private ProducerStateEntry GetOrAddProducer(long producerId)
    {
        if (TryGetProducer(producerId, out var entry)) return entry;
        entry = new ProducerStateEntry();
        if (_producerCount == ScannedProducers) (_moreProducers ??= [])[producerId] = entry;
        else
        {
            if (_producers is null || _producerCount == _producers.Length) Array.Resize(ref _producers, _producerCount == 0 ? 2 : ScannedProducers);
            _producers[_producerCount++] = new ProducerSlot(producerId, entry);
        }
        return entry;
    }

    private void ClearProducers()
    {
        if (_producers is not null) Array.Clear(_producers);
        _producerCount = 0;
        _moreProducers?.Clear();
    }

    public bool IsLeader { get; private set; }

    /// <summary>The leader epoch this replica acts in (as leader, or as follower of that leader).</summary>
    public int LeaderEpoch { get; private set; }

    /// <summary>The LEO when this replica became leader: a follower rejoins the ISR only past it.</summary>
    public long LeaderEpochStartOffset { get; private set; }

    // The followers' states (Partition.scala's remoteReplicasMap): the first two, all of them at RF 3, held with their
    // broker ids in the replica itself, so finding one on a fetch reads this object only; any more in a list.
    private int _follower0Id = NoFollower, _follower1Id = NoFollower;
    private FollowerState? _follower0, _follower1;
    private List<FollowerState>? _moreFollowers;
    private const int NoFollower = int.MinValue;

    /// <summary>The ISR requested in a pending AlterPartition, or null.</summary>
    public int[]? PendingIsr
    {
        get => _pendingIsr;
        set { _pendingIsr = value; Touch(); }
    }

    private int[]? _pendingIsr;

    public long AlterInFlight
    {
        get => _alterInFlight;
        set { _alterInFlight = value; Touch(); }
    }

    private long _alterInFlight = -1;

    public List<DelayedProduce> DelayedProduces { get; } = [];

    public void BecomeLeader(PartitionState state, SimTime now)
    {
        State = state;
        IsLeader = true;
        LeaderEpoch = state.LeaderEpoch;
        Log.StartEpoch(state.LeaderEpoch);
        LeaderEpochStartOffset = Log.LogEndOffset;
        PendingIsr = null;
        AlterInFlight = -1;
        ClearFollowers();
        Touch();
        foreach (var r in state.Replicas)
        {
            if (r == BrokerId) continue;
            // ISR members start caught up, so a new leader does not shrink the ISR before anyone could fetch.
            AddFollower(new FollowerState(r) { LastCaughtUp = now, LastFetch = now, LeaderEndOffsetAtLastFetch = Log.LogEndOffset });
        }
    }

    public void BecomeFollower(PartitionState state)
    {
        State = state;
        IsLeader = false;
        LeaderEpoch = state.LeaderEpoch;
        PendingIsr = null;
        AlterInFlight = -1;
        ClearFollowers();
        Touch();
    }

    public FollowerState? Follower(int brokerId)
    {
        if (brokerId == _follower0Id) return _follower0;
        if (brokerId == _follower1Id) return _follower1;
        if (_moreFollowers is null) return null;
        // A plain loop: this runs on every follower fetch, and a predicate would allocate a closure each time.
        foreach (var f in _moreFollowers)
        {
            if (f.BrokerId == brokerId) return f;
        }
        return null;
    }

    private void AddFollower(FollowerState f)
    {
        if (_follower0 is null) (_follower0Id, _follower0) = (f.BrokerId, f);
        else if (_follower1 is null) (_follower1Id, _follower1) = (f.BrokerId, f);
        else (_moreFollowers ??= []).Add(f);
    }

    private void ClearFollowers()
    {
        (_follower0Id, _follower0) = (NoFollower, null);
        (_follower1Id, _follower1) = (NoFollower, null);
        _moreFollowers?.Clear();
    }

    /// <summary>The ISR the high watermark is computed over: the larger of the current and the pending one.</summary>
    public int[] MaximalIsr => _pendingIsr is { } p && p.Length > _isr.Length ? p : _isr;

    /// <summary><c>min.insync.replicas</c> as this broker last applied it (a dynamic change arrives with the metadata log).</summary>
    public int MinInSyncReplicas
    {
        get => _minInSyncReplicas;
        set { _minInSyncReplicas = value; Touch(); }
    }

    private int _minInSyncReplicas = 1;

    /// <summary>
    /// A leader that stays leader while the replica set changes (a reassignment adds or removes replicas,
    /// KIP-455) starts tracking the new followers, which start out of sync, and forgets the removed ones.
    /// </summary>
    public void SyncFollowers(PartitionState state, SimTime now)
    {
        // The followers still replicas, kept in their order; those removed are forgotten.
        var kept = new List<FollowerState>(2 + (_moreFollowers?.Count ?? 0));
        if (_follower0 is not null) kept.Add(_follower0);
        if (_follower1 is not null) kept.Add(_follower1);
        if (_moreFollowers is not null) kept.AddRange(_moreFollowers);
        ClearFollowers();
        foreach (var f in kept)
        {
            if (state.IsReplica(f.BrokerId)) AddFollower(f);
        }
        Touch();
        foreach (var r in state.Replicas)
        {
            if (r == BrokerId || Follower(r) is not null) continue;
            AddFollower(new FollowerState(r) { LastCaughtUp = now, LastFetch = now, LogEndOffset = -1 });
        }
    }

    /// <summary>Advances the high watermark by the rule above; true if it moved.</summary>
    public bool MaybeAdvanceHighWatermark()
    {
        if (!IsLeader) return false;
        if (_isr.Length < _minInSyncReplicas) return false;
        long hw = Log.LogEndOffset;
        foreach (var id in MaximalIsr)
        {
            if (id == BrokerId) continue;
            var f = Follower(id);
            long leo = f?.LogEndOffset ?? -1;
            if (leo < 0) return false;
            hw = Math.Min(hw, leo);
        }
        if (hw <= Log.HighWatermark) return false;
        Log.SetHighWatermark(hw);
        Touch();
        return true;
    }

    /// <summary>Followers in the ISR that have not caught up within <paramref name="lagTimeMax"/>.</summary>
    public int[] OutOfSyncReplicas(SimTime now, SimDuration lagTimeMax)
    {
        // Plain loops: the ISR check visits every partition a broker leads, and nearly always finds none out of sync.
        int count = 0;
        foreach (var id in State.Isr)
        {
            if (OutOfSync(id, now, lagTimeMax)) count++;
        }
        if (count == 0) return [];
        var result = new int[count];
        int i = 0;
        foreach (var id in State.Isr)
        {
            if (OutOfSync(id, now, lagTimeMax)) result[i++] = id;
        }
        return result;
    }

    private bool OutOfSync(int id, SimTime now, SimDuration lagTimeMax) =>
        id != BrokerId && Follower(id) is { } f && now - f.LastCaughtUp > lagTimeMax;

    // ---- idempotence ----

    /// <summary>
    /// Checks a batch from an idempotent producer: a retry of a retained batch is a duplicate (answer
    /// with the original offset); a sequence that skips ahead is out of order; anything else appends.
    /// </summary>
    public IdempotenceCheck CheckSequence(in RecordBatch batch, out long originalOffset, out int originalEpoch)
    {
        originalOffset = -1;
        originalEpoch = -1;
        if (batch.ProducerId < 0 || !TryGetProducer(batch.ProducerId, out var entry)) return IdempotenceCheck.Append;
        if (entry.TryFindDuplicate(batch.BaseSequence, out originalOffset, out originalEpoch)) return IdempotenceCheck.Duplicate;
        if (batch.BaseSequence != entry.LastSequence + 1) return IdempotenceCheck.OutOfOrder;
        return IdempotenceCheck.Append;
    }

    /// <summary>Appends a batch and records its producer's sequence.</summary>
    public void Append(in RecordBatch batch)
    {
        Log.Append(batch);
        Touch();
        Dir.Add(batch.Bytes);
        if (batch.ProducerId >= 0)
        {
            var entry = GetOrAddProducer(batch.ProducerId);
            entry.Record(batch.BaseSequence, batch.Count, batch.BaseOffset, batch.LeaderEpoch);
        }
    }

    /// <summary>Deletes segments past retention (<see cref="ReplicaLog.DeleteOldSegments"/>), freeing their bytes on the disk.</summary>
    public int DeleteOldSegments(SimTime now, long? uploadedOffset)
    {
        long size = Log.Segments.SizeBytes;
        int deleted = Log.DeleteOldSegments(now, uploadedOffset);
        if (deleted > 0) Touch();
        Dir.Add(Log.Segments.SizeBytes - size);
        return deleted;
    }

    /// <summary>Empties the log and starts it at <paramref name="offset"/>; producer state goes with it.</summary>
    public long TruncateFullyAndStartAt(long offset)
    {
        long size = Log.Segments.SizeBytes;
        long removed = Log.TruncateFullyAndStartAt(offset);
        Dir.Add(Log.Segments.SizeBytes - size);
        ClearProducers();
        return removed;
    }

    /// <summary>Truncates the log and rebuilds producer state from what remains in detail (as Kafka reloads it from the log).</summary>
    public long TruncateTo(long offset)
    {
        long size = Log.Segments.SizeBytes;
        long removed = Log.TruncateTo(offset);
        Touch();
        Dir.Add(Log.Segments.SizeBytes - size);
        if (removed > 0)
        {
            ClearProducers();
            foreach (var b in Log.RecentBatches)
            {
                if (b.ProducerId < 0) continue;
                var entry = GetOrAddProducer(b.ProducerId);
                entry.Record(b.BaseSequence, b.Count, b.BaseOffset, b.LeaderEpoch);
            }
        }
        return removed;
    }
}

/// <summary>What learns of changes to a broker's replicas (the broker's fetch sessions).</summary>
internal interface IPartitionWatcher
{
    void Touched(int partition);
}

/// <summary>The outcome of an idempotence check.</summary>
public enum IdempotenceCheck
{
    Append,
    Duplicate,
    OutOfOrder,
}
