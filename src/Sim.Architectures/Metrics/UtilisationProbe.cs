using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Broker;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// How busy each broker's machine was: CPU (core time used over cores times the time), network card in and out
/// (bytes over the baseline rate), disk (write-back and disk reads over what the disks sustain), page-cache hit
/// ratio of reads, write-back stall time and GC pauses. After the warm-up (it notes every counter at its end, its
/// own event, <c>metrics:utilisation-warmup</c>) it reports the busiest broker's figure for each, since the
/// busiest broker is the one that binds, and names that broker. At each time-series sample (<see cref="Sample"/>,
/// called by <see cref="TimeseriesProbe"/>) it records every broker's figures over the interval, from which the
/// intervals over the seed's thresholds are found (<see cref="ThresholdWatch"/>).
/// </summary>
public sealed class UtilisationProbe(RunContext context) : IRunProbe, IEventHandler
{
    private readonly record struct Counters(long CoreNs, long NicIn, long NicOut, double DiskBytes, long CacheReads, long DiskReads, long StallNs, long GcPauses, double DiskOps);

    private readonly Dictionary<KafkaBroker, Counters> _atWarmup = [];
    private readonly Dictionary<KafkaBroker, Counters> _atSample = [];
    private readonly Dictionary<KafkaBroker, Dictionary<long, long>> _pipelineAtWarmup = [];
    private readonly List<BrokerUtilisation> _samples = [];
    private SimTime _lastSample = SimTime.Zero;

    public void Start()
    {
        var s = context.Simulation.Scheduler;
        s.ScheduleAt(context.WarmupEnd, this, s.Kinds.Register("metrics:utilisation-warmup"));
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        foreach (var (_, b) in Brokers())
        {
            _atWarmup[b] = Read(b);
            _pipelineAtWarmup[b] = b.ProduceConnectionBusyNanoseconds();
        }
    }

    private IEnumerable<(string Cluster, KafkaBroker Broker)> Brokers() =>
        context.Simulation.Clusters.Keys.Order(StringComparer.Ordinal).SelectMany(c => context.Simulation.Clusters[c].Brokers.OrderBy(b => b.Id).Select(b => (c, b)));

    private Counters Read(KafkaBroker b)
    {
        var net = context.Simulation.Network;
        var pc = b.PageCache;
        return new Counters(b.Cores.WorkStartedNanoseconds, net.NicIn(b.Node)?.Bytes ?? 0, net.NicOut(b.Node)?.Bytes ?? 0,
            pc.WrittenBackBytes + pc.DiskReadBytes, pc.CacheReadBytes, pc.DiskReadBytes, pc.StallNanoseconds, b.GcPauses, pc.DiskOperations);
    }

    /// <summary>Records every broker's utilisation over the interval since the previous sample.</summary>
    public void Sample(SimTime now)
    {
        double seconds = (now - _lastSample).TotalSeconds;
        _lastSample = now;
        if (seconds <= 0) return;
        foreach (var (cluster, b) in Brokers())
        {
            var c = Read(b);
            var then = _atSample.GetValueOrDefault(b);
            _atSample[b] = c;
            var hw = b.PageCache.Hardware;
            double nicBps = hw.NetworkBaseline.BytesPerSecond, diskBytes = c.DiskBytes - then.DiskBytes;
            long reads = c.CacheReads - then.CacheReads + c.DiskReads - then.DiskReads;
            _samples.Add(new BrokerUtilisation(now.TotalSeconds, cluster, b.Id,
                (c.CoreNs - then.CoreNs) / 1e9 / (hw.Cores * seconds),
                (hw.JvmHeapBytes + b.PageCache.DirtyBytes) / hw.MemoryBytes,
                (c.NicIn - then.NicIn) / (nicBps * seconds), (c.NicOut - then.NicOut) / (nicBps * seconds),
                diskBytes / 1e6 / seconds, (c.DiskOps - then.DiskOps) / seconds, diskBytes / (b.PageCache.DiskBytesPerSecond * seconds),
                reads == 0 ? double.NaN : (double)(c.CacheReads - then.CacheReads) / reads));
        }
    }

    /// <summary>The nanoseconds since the warm-up that <paramref name="b"/>'s busiest producer connection held it (KafkaBroker.Pipeline).</summary>
    private long BusiestConnection(KafkaBroker b)
    {
        var then = _pipelineAtWarmup.GetValueOrDefault(b);
        long most = 0;
        foreach (var (connection, ns) in b.ProduceConnectionBusyNanoseconds()) most = Math.Max(most, ns - (then?.GetValueOrDefault(connection) ?? 0));
        return most;
    }

    public RunResult Contribute(RunResult result)
    {
        double seconds = (context.Now - context.WarmupEnd).TotalSeconds;
        var busiest = new Dictionary<MetricInfo, (double Value, string Cluster, int Broker)>();
        double stall = 0, gc = 0;
        long cacheReads = 0, diskReads = 0;
        foreach (var (cluster, b) in Brokers())
        {
            if (seconds <= 0) break;
            var now = Read(b);
            var then = _atWarmup.GetValueOrDefault(b);
            var hw = b.PageCache.Hardware;
            double nicBps = hw.NetworkBaseline.BytesPerSecond;
            Busier(MetricCatalog.BrokerCpuUtilMax, (now.CoreNs - then.CoreNs) / 1e9 / (hw.Cores * seconds));
            Busier(MetricCatalog.BrokerNicInUtilMax, (now.NicIn - then.NicIn) / (nicBps * seconds));
            Busier(MetricCatalog.BrokerNicOutUtilMax, (now.NicOut - then.NicOut) / (nicBps * seconds));
            Busier(MetricCatalog.BrokerDiskUtilMax, (now.DiskBytes - then.DiskBytes) / (b.PageCache.DiskBytesPerSecond * seconds));
            Busier(MetricCatalog.BrokerProducePipelineUtilMax, BusiestConnection(b) / 1e9 / seconds);
            stall = Math.Max(stall, (now.StallNs - then.StallNs) / 1e9);
            gc += now.GcPauses - then.GcPauses;
            cacheReads += now.CacheReads - then.CacheReads;
            diskReads += now.DiskReads - then.DiskReads;

            // The first broker to reach the highest value is the busiest (brokers in cluster and id order).
            void Busier(MetricInfo m, double v)
            {
                if (!busiest.TryGetValue(m, out var best) || v > best.Value) busiest[m] = (v, cluster, b.Id);
            }
        }
        long reads = cacheReads + diskReads;
        double Max(MetricInfo m) => busiest.TryGetValue(m, out var x) ? x.Value : 0;
        var interval = context.Options.TimeseriesInterval.TotalSeconds;
        return result.With(
            (MetricCatalog.BrokerCpuUtilMax, Max(MetricCatalog.BrokerCpuUtilMax)), (MetricCatalog.BrokerNicInUtilMax, Max(MetricCatalog.BrokerNicInUtilMax)),
            (MetricCatalog.BrokerNicOutUtilMax, Max(MetricCatalog.BrokerNicOutUtilMax)), (MetricCatalog.BrokerDiskUtilMax, Max(MetricCatalog.BrokerDiskUtilMax)),
            (MetricCatalog.PageCacheHitRatio, reads == 0 ? 1 : (double)cacheReads / reads),
            (MetricCatalog.WriteStallSMax, stall), (MetricCatalog.GcPauses, gc),
            (MetricCatalog.BrokerProducePipelineUtilMax, Max(MetricCatalog.BrokerProducePipelineUtilMax))) with
        {
            BrokerTimeseries = _samples,
            ThresholdCrossings = ThresholdWatch.Crossings(_samples, (context.WarmupEnd - SimTime.Zero).TotalSeconds, interval),
            Busiest = MetricCatalog.Utilisations.Where(busiest.ContainsKey).Select(m => new BusiestOf(m.Name, busiest[m].Cluster, busiest[m].Broker)).ToList(),
        };
    }
}
