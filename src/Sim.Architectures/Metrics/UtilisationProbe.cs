using Sim.Core.Scheduling;
using Sim.Kafka.Broker;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// How busy each broker's machine was after the warm-up: CPU (core time used over cores times the time),
/// network card in and out (bytes over the baseline rate), disk (write-back and disk reads over what the
/// disks sustain), page-cache hit ratio of reads, write-back stall time and GC pauses. It notes every
/// counter at the end of the warm-up (its own event, <c>metrics:utilisation-warmup</c>) and reports the
/// busiest broker's figure for each, since the busiest broker is the one that binds.
/// </summary>
public sealed class UtilisationProbe(RunContext context) : IRunProbe, IEventHandler
{
    private readonly record struct Counters(long CoreNs, long NicIn, long NicOut, double DiskBytes, long CacheReads, long DiskReads, long StallNs, long GcPauses);

    private readonly Dictionary<KafkaBroker, Counters> _atWarmup = [];

    /// <summary>The seed's thresholds for a sized cluster (CPU 70 %, memory 80 %, disk 60 %, network 70 %), which a report may flag.</summary>
    public static readonly (double Cpu, double Memory, double Disk, double Network) Thresholds = (0.70, 0.80, 0.60, 0.70);

    public void Start()
    {
        var s = context.Simulation.Scheduler;
        s.ScheduleAt(context.WarmupEnd, this, s.Kinds.Register("metrics:utilisation-warmup"));
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        foreach (var b in Brokers()) _atWarmup[b] = Read(b);
    }

    private IEnumerable<KafkaBroker> Brokers() =>
        context.Simulation.Clusters.Keys.Order(StringComparer.Ordinal).SelectMany(c => context.Simulation.Clusters[c].Brokers.OrderBy(b => b.Id));

    private Counters Read(KafkaBroker b)
    {
        var net = context.Simulation.Network;
        var pc = b.PageCache;
        return new Counters(b.Cores.WorkStartedNanoseconds, net.NicIn(b.Node)?.Bytes ?? 0, net.NicOut(b.Node)?.Bytes ?? 0,
            pc.WrittenBackBytes + pc.DiskReadBytes, pc.CacheReadBytes, pc.DiskReadBytes, pc.StallNanoseconds, b.GcPauses);
    }

    public RunResult Contribute(RunResult result)
    {
        double seconds = (context.Now - context.WarmupEnd).TotalSeconds;
        double cpu = 0, nicIn = 0, nicOut = 0, disk = 0, stall = 0, gc = 0;
        long cacheReads = 0, diskReads = 0;
        foreach (var b in Brokers())
        {
            if (seconds <= 0) break;
            var now = Read(b);
            var then = _atWarmup.GetValueOrDefault(b);
            var hw = b.PageCache.Hardware;
            double nicBps = hw.NetworkBaseline.BytesPerSecond;
            cpu = Math.Max(cpu, (now.CoreNs - then.CoreNs) / 1e9 / (hw.Cores * seconds));
            nicIn = Math.Max(nicIn, (now.NicIn - then.NicIn) / (nicBps * seconds));
            nicOut = Math.Max(nicOut, (now.NicOut - then.NicOut) / (nicBps * seconds));
            disk = Math.Max(disk, (now.DiskBytes - then.DiskBytes) / (b.PageCache.DiskBytesPerSecond * seconds));
            stall = Math.Max(stall, (now.StallNs - then.StallNs) / 1e9);
            gc += now.GcPauses - then.GcPauses;
            cacheReads += now.CacheReads - then.CacheReads;
            diskReads += now.DiskReads - then.DiskReads;
        }
        long reads = cacheReads + diskReads;
        return result.With(
            (MetricCatalog.BrokerCpuUtilMax, cpu), (MetricCatalog.BrokerNicInUtilMax, nicIn), (MetricCatalog.BrokerNicOutUtilMax, nicOut),
            (MetricCatalog.BrokerDiskUtilMax, disk), (MetricCatalog.PageCacheHitRatio, reads == 0 ? 1 : (double)cacheReads / reads),
            (MetricCatalog.WriteStallSMax, stall), (MetricCatalog.GcPauses, gc));
    }
}
