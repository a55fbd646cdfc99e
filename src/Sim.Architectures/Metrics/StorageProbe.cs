using Sim.Core.Time;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Storage on the brokers' log disks: the fullest log directory's peak (as a share of its disk and in bytes),
/// its fill now for the time series, and the directories a full disk took offline (KIP-112). Sizes are the log
/// segments' bytes as the brokers wrote them, so compression shows up as the batches' compressed size.
/// </summary>
public sealed class StorageProbe(RunContext context) : IRunProbe
{
    private int _offline;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this)];

    /// <summary>The fullest log directory's fill now, 0 to 1.</summary>
    public double UsedFractionNow()
    {
        double most = 0;
        foreach (var d in Dirs()) most = Math.Max(most, d.UsedBytes / (double)d.CapacityBytes);
        return most;
    }

    private IEnumerable<Sim.Kafka.Broker.LogDirectory> Dirs() =>
        context.Simulation.Clusters.Keys.Order(StringComparer.Ordinal).SelectMany(c => context.Simulation.Clusters[c].Brokers.OrderBy(b => b.Id)).SelectMany(b => b.LogDirs);

    public RunResult Contribute(RunResult result)
    {
        double fraction = 0;
        long bytes = 0;
        foreach (var d in Dirs())
        {
            fraction = Math.Max(fraction, d.MaxUsedBytes / (double)d.CapacityBytes);
            bytes = Math.Max(bytes, d.MaxUsedBytes);
        }
        return result.With((MetricCatalog.BrokerStorageUsedMax, fraction), (MetricCatalog.BrokerStorageGbMax, bytes / 1e9), (MetricCatalog.LogDirsOffline, _offline));
    }

    private sealed class View(StorageProbe p) : IKafkaObserver
    {
        public void LogDirFailed(SimTime at, int brokerId, int dir, string cause) => p._offline++;
    }
}
