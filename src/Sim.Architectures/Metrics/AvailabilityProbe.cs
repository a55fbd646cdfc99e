using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Records the applications produced, had acknowledged and had fail after the warm-up, and the availability
/// those give. Events before the warm-up's end count in none of them, like every other "after the warm-up" figure.
/// </summary>
public sealed class AvailabilityProbe(RunContext context) : IRunProbe
{
    private RunContext Context => context;

    private long _produced, _acked, _failed, _stranded;
    private readonly Dictionary<string, List<(SimTime Start, SimTime End)>> _unreachable = new(StringComparer.Ordinal);

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public RunResult Contribute(RunResult result) => result.With(
        (MetricCatalog.RecordsProduced, _produced), (MetricCatalog.RecordsAcked, _acked), (MetricCatalog.RecordsFailed, _failed),
        (MetricCatalog.Availability, Availability()));

    /// <summary>
    /// Acknowledged records not produced while their cluster was unreachable, over those plus the failed and the
    /// stranded (produced while the producer's host was up but no broker of its cluster was).
    /// </summary>
    private double Availability()
    {
        long ok = _acked - _ackedStranded;
        long all = ok + (_failed - _failedStranded) + _stranded;
        return all == 0 ? 1 : (double)ok / all;
    }

    private long _ackedStranded, _failedStranded;

    /// <summary>Notes whether the cluster is unreachable now, opening or extending its current window; returns it.</summary>
    private bool Unreachable(Sim.Kafka.KafkaCluster cluster, SimTime at)
    {
        bool now = context.UnreachableNow(cluster);
        var windows = WindowsOf(cluster.Name);
        bool open = windows.Count > 0 && windows[^1].End == SimTime.MaxValue;
        if (now && !open) windows.Add((at, SimTime.MaxValue));
        else if (!now && open) windows[^1] = (windows[^1].Start, at);
        return now;
    }

    private bool WasUnreachable(string cluster, SimTime at)
    {
        if (!_unreachable.TryGetValue(cluster, out var windows)) return false;
        foreach (var w in windows)
        {
            if (at >= w.Start && at < w.End) return true;
        }
        return false;
    }

    // The windows of the cluster asked for last: the producers of a run usually write to one cluster.
    private string? _lastCluster;
    private List<(SimTime Start, SimTime End)>? _lastWindows;

    private List<(SimTime Start, SimTime End)> WindowsOf(string cluster)
    {
        if (ReferenceEquals(cluster, _lastCluster)) return _lastWindows!;
        if (!_unreachable.TryGetValue(cluster, out var windows)) _unreachable[cluster] = windows = [];
        (_lastCluster, _lastWindows) = (cluster, windows);
        return windows;
    }

    private sealed class View(AvailabilityProbe p, string cluster) : IKafkaObserver
    {
        public void Produced(SimTime at, int producerId, int records)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app || !p.Context.Measuring(at)) return;
            p._produced += records;
            if (p.Unreachable(app.Cluster, at)) p._stranded += records;
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is null || !p.Context.Measuring(at)) return;
            p._acked += batch.Count;
            if (p.Context.Measuring(batch.CreateTime) && p.WasUnreachable(cluster, batch.CreateTime)) p._ackedStranded += batch.Count;
        }

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (p.Context.AppOf(cluster, producerId) is null || !p.Context.Measuring(at)) return;
            p._failed += records;
            // Records failing while the cluster is unreachable were produced in that window and are already counted
            // as stranded by availability; records_failed still counts them, as every failed delivery.
            if (p.WasUnreachable(cluster, at)) p._failedStranded += records;
        }
    }
}
