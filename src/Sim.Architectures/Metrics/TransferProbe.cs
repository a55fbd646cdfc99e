using Sim.Core.Scheduling;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Bytes the network carried between zones and between regions after the warm-up, and what they cost at the
/// run's prices. It notes the network's counters at the end of the warm-up (its own event, <c>metrics:warmup</c>).
/// </summary>
public sealed class TransferProbe(RunContext context) : IRunProbe, IEventHandler
{
    private long _crossZoneAtWarmup, _crossRegionAtWarmup;

    public void Start()
    {
        var s = context.Simulation.Scheduler;
        s.ScheduleAt(context.WarmupEnd, this, s.Kinds.Register("metrics:warmup"));
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        _crossZoneAtWarmup = context.Simulation.Network.CrossZoneBytes;
        _crossRegionAtWarmup = context.Simulation.Network.CrossRegionBytes;
    }

    public RunResult Contribute(RunResult result)
    {
        var network = context.Simulation.Network;
        return Contribute(result, network.CrossZoneBytes - _crossZoneAtWarmup, network.CrossRegionBytes - _crossRegionAtWarmup, context.Options.Prices);
    }

    /// <summary>The transfer figures of <paramref name="crossZone"/> bytes between zones (regions included) and <paramref name="crossRegion"/> between regions.</summary>
    public static RunResult Contribute(RunResult result, long crossZone, long crossRegion, Prices prices)
    {
        static double Gb(long bytes) => bytes / 1e9;
        return result.With(
            (MetricCatalog.CrossZoneGb, Gb(crossZone)), (MetricCatalog.CrossRegionGb, Gb(crossRegion)),
            (MetricCatalog.TransferCostUsd, Gb(crossZone - crossRegion) * prices.CrossZonePerGb + Gb(crossRegion) * prices.CrossRegionPerGb));
    }
}
