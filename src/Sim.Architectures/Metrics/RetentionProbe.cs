using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// What the brokers' log disks hold once retention is reached, at the load the run measured: each replica's
/// bytes appended per second after the warm-up times its topic's retention (<c>retention.ms</c>, or with remote
/// storage <c>local.retention.ms</c>; KIP-405), capped by <c>retention.bytes</c> (per partition, as
/// UnifiedLog.deleteRetentionSizeBreachedSegments applies it). Kafka keeps a log until retention deletes its closed
/// segments, so a design whose clusters keep data for different times (seed 003, aggregate: "Retention: Short in
/// regional (7d), long in aggregate (years)") needs different disks, which a minutes-long run never fills. Kept
/// forever (<c>retention.ms=-1</c>) counts as <see cref="ForeverYears"/> years. Compacted internal topics are left out.
/// </summary>
public sealed class RetentionProbe(RunContext context) : IRunProbe
{
    /// <summary>How long a log kept forever is counted for.</summary>
    public const double ForeverYears = 5;

    private bool Measuring(SimTime at) => context.Measuring(at);

    private Sim.Kafka.KafkaCluster ClusterNamed(string name) => context.Simulation.Clusters[name];

    // Bytes appended per cluster, then per broker id and partition (-1: nothing counted), in arrays: an append adds
    // to a slot found by two indexes instead of hashing a (cluster, broker, partition) key twice.
    private readonly Dictionary<string, List<long[]?>> _bytes = new(StringComparer.Ordinal);

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster, BytesOf(cluster))];

    private List<long[]?> BytesOf(string cluster)
    {
        if (!_bytes.TryGetValue(cluster, out var byBroker)) _bytes[cluster] = byBroker = [];
        return byBroker;
    }

    /// <summary>Every replica's bytes appended after the warm-up, by cluster (ordinal), broker id and partition, ascending.</summary>
    private IEnumerable<(string Cluster, int Broker, int Partition, long Bytes)> Appended()
    {
        foreach (var (cluster, byBroker) in _bytes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            for (int broker = 0; broker < byBroker.Count; broker++)
            {
                if (byBroker[broker] is not { } byPartition) continue;
                for (int partition = 0; partition < byPartition.Length; partition++)
                {
                    if (byPartition[partition] >= 0) yield return (cluster, broker, partition, byPartition[partition]);
                }
            }
        }
    }

    public RunResult Contribute(RunResult result)
    {
        double measuredS = result.Measured.TotalSeconds;
        var perBroker = new SortedDictionary<(string, int), double>();
        double total = 0;
        foreach (var (cluster, broker, partition, bytes) in Appended())
        {
            if (measuredS <= 0) break;
            double held = Retained(cluster, partition, bytes / measuredS);
            perBroker[(cluster, broker)] = perBroker.GetValueOrDefault((cluster, broker)) + held;
            total += held;
        }
        double util = 0;
        foreach (var ((cluster, id), held) in perBroker)
        {
            long capacity = context.Simulation.Clusters[cluster].Broker(id).LogDirs.Sum(d => d.CapacityBytes);
            if (capacity > 0) util = Math.Max(util, held / capacity);
        }
        return result.With((MetricCatalog.LogRetainedTb, total / 1e12), (MetricCatalog.BrokerStorageRetainedUtilMax, util));
    }

    /// <summary>Bytes one replica of <paramref name="partition"/> holds at <paramref name="bytesPerSecond"/> once its retention is reached.</summary>
    private double Retained(string cluster, int partition, double bytesPerSecond)
    {
        var c = context.Simulation.Clusters[cluster];
        var log = c.Context.Broker.Log.WithOverrides(c.Context.Partitions[partition].Topic);
        bool tiered = context.RemoteTiers.Any(t => t.ClusterName == cluster && t.UploadedOffset(partition) is not null);
        var retention = log.LocalRetention(tiered);
        double seconds = retention == SimDuration.MaxValue ? ForeverYears * 365.25 * 86400 : retention.TotalSeconds;
        double held = bytesPerSecond * seconds;
        long cap = log.LocalRetentionSize(tiered);
        return cap > 0 ? Math.Min(held, cap) : held;
    }

    private sealed class View(RetentionProbe probe, string cluster, List<long[]?> byBroker) : IKafkaObserver
    {
        private Sim.Kafka.KafkaCluster? _cluster;
        // Per partition: 0 not looked up yet, 1 of an internal topic, 2 of another (a topic's kind never changes).
        private byte[] _internal = [];

        private bool Internal(int partition)
        {
            if (partition >= _internal.Length) Array.Resize(ref _internal, Math.Max(partition + 1, _internal.Length * 2));
            ref byte kind = ref _internal[partition];
            if (kind == 0)
            {
                _cluster ??= probe.ClusterNamed(cluster);
                kind = _cluster.Context.Partitions[partition].Topic.Internal ? (byte)1 : (byte)2;
            }
            return kind == 1;
        }

        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
        {
            if (!probe.Measuring(at)) return;
            if (Internal(partition)) return;
            while (byBroker.Count <= brokerId) byBroker.Add(null);
            var byPartition = byBroker[brokerId];
            if (byPartition is null || byPartition.Length <= partition)
            {
                var grown = new long[Math.Max(partition + 1, _cluster!.Context.Partitions.Count)];
                Array.Fill(grown, -1);
                byPartition?.CopyTo(grown, 0);
                byBroker[brokerId] = byPartition = grown;
            }
            ref long bytes = ref byPartition[partition];
            bytes = Math.Max(bytes, 0) + batch.Bytes;
        }
    }
}
