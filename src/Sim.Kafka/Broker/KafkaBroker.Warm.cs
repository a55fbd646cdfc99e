using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A device of the simulator with no Kafka counterpart: before a pass over the partitions of a fetch or a fetch
/// response, a loop reads the objects that pass reads first for each partition (its replica, registration and log,
/// and on the leader the follower's state). The loop's loads do not wait on one another, so with many partitions,
/// whose objects are out of the processor's caches, the memory system fetches them together rather than one after
/// another as the pass would. Nothing the model does changes.
/// </summary>
public sealed partial class KafkaBroker
{
    // What the warming loops read, kept so the loads are not discarded.
    private long _warmed;

    // Below a few thousand partitions a cluster's replicas stay in the processor's caches and warming only costs.
    private const int WarmFromPartitions = 2048;

    /// <summary>Warms what <see cref="ApplyFetched"/> reads for each result of a fetch response.</summary>
    internal void Warm(List<FetchResult> results)
    {
        if (_replicas.Length < WarmFromPartitions) return;
        long sum = 0;
        for (int i = 0; i < results.Count; i++)
        {
            var p = _replicas[results[i].Partition];
            if (p is not null) sum += p.State.Leader + p.Log.LogEndOffset;
        }
        _warmed += sum;
    }

    /// <summary>Warms what a follower fetch's update and read look at for each live partition of its session.</summary>
    private void Warm(List<SessionPartition> live, int replicaId)
    {
        if (_replicas.Length < WarmFromPartitions) return;
        long sum = 0;
        for (int i = 0; i < live.Count; i++)
        {
            var p = _replicas[live[i].Entry.Partition];
            if (p is null) continue;
            sum += p.State.Isr.Length + p.Log.LogEndOffset + (p.Follower(replicaId)?.LogEndOffset ?? 0);
        }
        _warmed += sum;
    }
}
