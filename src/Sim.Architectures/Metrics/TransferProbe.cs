using Sim.Core.Scheduling;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Bytes the network carried between zones and between regions after the warm-up, and what they cost at the
/// run's prices. It notes the network's counters, and the bytes written to the remote tiers' object stores, at the
/// end of the warm-up (its own event, <c>metrics:warmup</c>), so the monthly bill (<see cref="BillProbe"/>) can read
/// what moved after it.
/// </summary>
public sealed class TransferProbe(RunContext context) : IRunProbe, IEventHandler
{
    private long _crossZoneAtWarmup, _crossRegionAtWarmup, _objectStoreAtWarmup;

    public void Start()
    {
        var s = context.Simulation.Scheduler;
        s.ScheduleAt(context.WarmupEnd, this, s.Kinds.Register("metrics:warmup"));
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        _crossZoneAtWarmup = context.Simulation.Network.CrossZoneBytes;
        _crossRegionAtWarmup = context.Simulation.Network.CrossRegionBytes;
        _objectStoreAtWarmup = ObjectStoreBytes();
    }

    private long ObjectStoreBytes() => context.RemoteTiers.Sum(t => t.BytesUploaded + t.BytesReplicated);

    /// <summary>Bytes between zones (regions included), between regions, and into object stores, since the warm-up ended (all of them if it has not).</summary>
    public (long CrossZone, long CrossRegion, long ObjectStore) SinceWarmup()
    {
        var network = context.Simulation.Network;
        return (network.CrossZoneBytes - _crossZoneAtWarmup, network.CrossRegionBytes - _crossRegionAtWarmup, ObjectStoreBytes() - _objectStoreAtWarmup);
    }

    public RunResult Contribute(RunResult result)
    {
        var (crossZone, crossRegion, _) = SinceWarmup();
        return Contribute(result, crossZone, crossRegion, context.Options.Prices);
    }

    /// <summary>The transfer figures of <paramref name="crossZone"/> bytes between zones (regions included) and <paramref name="crossRegion"/> between regions.</summary>
    public static RunResult Contribute(RunResult result, long crossZone, long crossRegion, Prices prices) => result.With(Figures(crossZone, crossRegion, prices));

    /// <summary>The transfer metrics of <paramref name="crossZone"/> and <paramref name="crossRegion"/> bytes at <paramref name="prices"/>.</summary>
    public static (MetricInfo Metric, double Value)[] Figures(long crossZone, long crossRegion, Prices prices)
    {
        static double Gb(long bytes) => bytes / 1e9;
        return [
            (MetricCatalog.CrossZoneGb, Gb(crossZone)), (MetricCatalog.CrossRegionGb, Gb(crossRegion)),
            (MetricCatalog.TransferCostUsd, Gb(crossZone - crossRegion) * prices.CrossZonePerGb + Gb(crossRegion) * prices.CrossRegionPerGb)];
    }
}
