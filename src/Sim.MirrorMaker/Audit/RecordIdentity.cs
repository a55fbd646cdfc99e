using Sim.Kafka;
using Sim.Kafka.Log;

namespace Sim.MirrorMaker.Audit;

/// <summary>A partition where records were first written: a cluster (by its MirrorMaker number) and a catalog index there.</summary>
public readonly record struct RootPartition(int Cluster, int Partition);

/// <summary>
/// Maps what a log holds to the records' first-written identities: a batch produced to the log is itself,
/// a mirrored batch is what its origin says. This is how the simulator tells which records reached a
/// standby and which a consumer read twice, across clusters and hops.
/// </summary>
public static class RecordIdentity
{
    public static (RootPartition Root, long Offset) Of(int clusterId, int partition, in RecordBatch batch) =>
        batch.Origin.IsSet
            ? (new RootPartition(batch.Origin.Cluster, batch.Origin.Partition), batch.Origin.Offset)
            : (new RootPartition(clusterId, partition), batch.BaseOffset);

    /// <summary>
    /// How many records of <paramref name="of"/> (only those first written to cluster <paramref name="rootCluster"/>,
    /// when given) <paramref name="from"/> lacks.
    /// </summary>
    public static long Missing(IReadOnlyDictionary<RootPartition, OffsetIntervals> of, IReadOnlyDictionary<RootPartition, OffsetIntervals> from, int? rootCluster = null)
    {
        long n = 0;
        foreach (var (root, set) in of)
        {
            if (rootCluster is { } c && root.Cluster != c) continue;
            from.TryGetValue(root, out var there);
            foreach (var (s, e) in set.Intervals) n += (e - s) - (there?.CountIn(s, e) ?? 0);
        }
        return n;
    }

    /// <summary>
    /// The identities of every record in <paramref name="topic"/>'s final logs on <paramref name="cluster"/>
    /// (below each log end), with the number of copies beyond the first (duplicates).
    /// </summary>
    public static (Dictionary<RootPartition, OffsetIntervals> Records, long Duplicates) InTopic(KafkaCluster cluster, int clusterId, string topic)
    {
        var records = new Dictionary<RootPartition, OffsetIntervals>();
        long duplicates = 0;
        var batches = new List<RecordBatch>();
        foreach (var p in cluster.Context.Partitions.Where(p => p.Topic.Name == topic))
        {
            var log = cluster.FinalLog(p.Index);
            if (log is null) continue;
            batches.Clear();
            log.Read(log.LogStartOffset, log.LogEndOffset, int.MaxValue, batches);
            foreach (var b in batches)
            {
                var (root, offset) = Of(clusterId, p.Index, b);
                if (!records.TryGetValue(root, out var set)) records[root] = set = new OffsetIntervals();
                duplicates += set.Add(offset, offset + b.Count);
            }
        }
        return (records, duplicates);
    }

    /// <summary>The identities of every record in any of <paramref name="topics"/> on <paramref name="cluster"/>, merged.</summary>
    public static Dictionary<RootPartition, OffsetIntervals> InTopics(KafkaCluster cluster, int clusterId, IEnumerable<string> topics)
    {
        var all = new Dictionary<RootPartition, OffsetIntervals>();
        foreach (var t in topics.Distinct())
        {
            foreach (var (root, set) in InTopic(cluster, clusterId, t).Records)
            {
                if (!all.TryGetValue(root, out var into)) all[root] = into = new OffsetIntervals();
                foreach (var (s, e) in set.Intervals) into.Add(s, e);
            }
        }
        return all;
    }
}
