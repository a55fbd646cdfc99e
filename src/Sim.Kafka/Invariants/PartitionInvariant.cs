using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Invariants;

/// <summary>
/// An invariant over partitions, re-checked only for the partitions an event touched: one whose leader
/// applied a new state, whose high watermark moved, which a replica appended to or truncated, or whose
/// committed state changed. Watching the model's events instead of scanning every replica after every
/// event keeps checking cheap on clusters with many partitions, and loses nothing: these are the only
/// ways the state such invariants read can change.
/// </summary>
public abstract class PartitionInvariant : IInvariant, IKafkaObserver
{
    private readonly List<int> _dirty = [];
    private readonly bool[] _isDirty;

    protected PartitionInvariant(KafkaCluster cluster)
    {
        Cluster = cluster;
        _isDirty = new bool[cluster.Context.Partitions.Count];
        cluster.Context.Events.Add(this);
    }

    protected KafkaCluster Cluster { get; }

    public abstract string Name { get; }

    public string? Check(Scheduler scheduler)
    {
        if (_dirty.Count == 0) return null;
        try
        {
            foreach (int p in _dirty)
            {
                if (CheckPartition(p) is { } problem) return problem;
            }
            return null;
        }
        finally
        {
            foreach (int p in _dirty) _isDirty[p] = false;
            _dirty.Clear();
        }
    }

    /// <summary>Checks one partition; a sentence naming what broke, or null.</summary>
    protected abstract string? CheckPartition(int partition);

    /// <summary>The replica of <paramref name="partition"/> that a live broker leads, or null.</summary>
    protected Broker.PartitionReplica? LiveLeader(int partition, out int broker)
    {
        broker = -1;
        Broker.PartitionReplica? found = null;
        foreach (var b in Cluster.Brokers)
        {
            if (b.Alive && b.Replica(partition) is { IsLeader: true } r && (found is null || r.LeaderEpoch > found.LeaderEpoch))
            {
                found = r;
                broker = b.Id;
            }
        }
        return found;
    }

    protected void Touch(int partition)
    {
        if ((uint)partition >= (uint)_isDirty.Length || _isDirty[partition]) return;
        _isDirty[partition] = true;
        _dirty.Add(partition);
    }

    public virtual void LeaderStateApplied(SimTime at, int brokerId, int partition, int leaderEpoch, bool newLeadership) => Touch(partition);

    public virtual void HighWatermarkAdvanced(SimTime at, int brokerId, int partition, long highWatermark) => Touch(partition);

    public virtual void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader) => Touch(partition);

    public virtual void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) => Touch(partition);

    public virtual void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause) => Touch(after.Partition);
}
