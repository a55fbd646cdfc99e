using Sim.Core.Time;
using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>zone-outage</c>, <c>site-outage</c>, <c>region-outage</c>: every node of the places loses power
/// (or, with <see cref="OutageScope.Kafka"/>, only the brokers and controllers there), and operators
/// running a failover learn of it. The window's <see cref="FaultWindow.Zones"/> are the zones that went dark.
/// </summary>
public sealed record Outage(OutageLevel Level, SimTime At, SimDuration? Duration, Targets<PlaceRef> Places) : Fault(At, Duration)
{
    public OutageScope Scope { get; init; } = OutageScope.All;

    public override string Kind => Level switch
    {
        OutageLevel.Zone => FaultKind.ZoneOutage,
        OutageLevel.Site => FaultKind.SiteOutage,
        _ => FaultKind.RegionOutage,
    };

    public override string TargetText => Places.ToString();

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var zones = PlaceRef.ResolveAll(Places, runtime);
        var nodes = runtime.Network.Topology.Nodes.Where(n => zones.Contains(n.Zone)).ToList();
        if (Scope == OutageScope.Kafka) nodes = nodes.Where(n => (n.Roles & (NodeRole.Broker | NodeRole.Controller)) != 0).ToList();
        var downed = nodes.Where(runtime.NodeDown).ToList();
        foreach (var n in downed) runtime.PowerOff(n);
        runtime.NotifyFailovers(zones, began: true);
        return new(new FaultHit($"{string.Join(", ", zones.Select(z => z.Name))} ({downed.Count} nodes)", zones, downed), () =>
        {
            foreach (var n in downed.Where(runtime.NodeUp)) runtime.PowerOn(n);
            runtime.NotifyFailovers(zones, began: false);
        });
    }

    public static Fault? Read(FaultFields f, OutageLevel level)
    {
        var scope = f.Choice("scope", "all", "kafka") == "kafka" ? OutageScope.Kafka : OutageScope.All;
        var places = f.Each<PlaceRef>("target", level switch
        {
            OutageLevel.Zone => p => f.Names.Zone(p, f.DeclaredCluster),
            OutageLevel.Region => f.Names.Region,
            _ => p => f.Names.Place(p, f.DeclaredCluster),
        });
        return places is null ? null : new Outage(level, f.At, f.Duration, places) { Scope = scope };
    }
}
