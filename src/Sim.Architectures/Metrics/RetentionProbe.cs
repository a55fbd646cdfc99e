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

    private readonly Dictionary<(string Cluster, int Broker, int Partition), long> _bytes = [];

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public RunResult Contribute(RunResult result)
    {
        double measuredS = result.Measured.TotalSeconds;
        var perBroker = new SortedDictionary<(string, int), double>();
        double total = 0;
        foreach (var ((cluster, broker, partition), bytes) in _bytes.OrderBy(kv => kv.Key.Cluster, StringComparer.Ordinal).ThenBy(kv => kv.Key.Broker).ThenBy(kv => kv.Key.Partition))
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

    private bool Counts(string cluster, SimTime at, int partition) =>
        context.Measuring(at) && !context.Simulation.Clusters[cluster].Context.Partitions[partition].Topic.Internal;

    private sealed class View(RetentionProbe probe, string cluster) : IKafkaObserver
    {
        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
        {
            if (!probe.Counts(cluster, at, partition)) return;
            var key = (cluster, brokerId, partition);
            probe._bytes[key] = probe._bytes.GetValueOrDefault(key) + batch.Bytes;
        }
    }
}
