using Sim.Core.Time;
using Sim.Network.Faults;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>link-degradation</c>: links between the target's zones and the other side's (<see cref="To"/>, or
/// every other zone when null) get extra delay, jitter, loss or less bandwidth, both ways or, with
/// <see cref="OneWay"/>, only from the target.
/// </summary>
public sealed record DegradedLinks(SimTime At, SimDuration? Duration, Targets<PlaceRef> From, Targets<PlaceRef>? To, LinkDegradation Degradation)
    : Fault(At, Duration)
{
    public bool OneWay { get; init; }

    public override string Kind => FaultKind.LinkDegradation;

    public override string TargetText => From.ToString();

    public override IEnumerable<string> TrailingFields
    {
        get
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            if (To is not null) yield return $"to: \"{To}\"";
            if (OneWay) yield return "one_way: true";
            if (Degradation.ExtraDelay != SimDuration.Zero) yield return $"delay: {Degradation.ExtraDelay}";
            if (Degradation.ExtraLoss > 0) yield return "loss: " + Degradation.ExtraLoss.ToString("0.###", inv);
            if (Degradation.BandwidthFactor != 1) yield return "bandwidth_factor: " + Degradation.BandwidthFactor.ToString("0.###", inv);
        }
    }

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var net = runtime.Network;
        var from = PlaceRef.ResolveAll(From, runtime);
        var to = To is null ? net.Topology.Zones.Where(z => !from.Contains(z)).ToList() : PlaceRef.ResolveAll(To, runtime);
        net.Degrade(from, to, !OneWay, Degradation);
        string display = $"{string.Join(",", from.Select(z => z.Name))} {(OneWay ? "->" : "<->")} {string.Join(",", to.Select(z => z.Name))}";
        return new(new FaultHit(display, [.. from.Concat(to).Distinct()], []), () => net.Restore(from, to, !OneWay, Degradation));
    }

    public static Fault? Read(FaultFields f)
    {
        var from = f.Each("target", p => f.Names.Place(p, f.DeclaredCluster));
        var to = f.Each("to", p => f.Names.Place(p, f.DeclaredCluster));
        bool oneWay = f.Flag("one_way") ?? false;
        var delay = f.Span("delay");
        var jitter = f.Distribution("jitter");
        var loss = f.Fraction("loss");
        var bandwidth = f.Fraction("bandwidth_factor");
        if (delay is null && jitter is null && loss is null && bandwidth is null)
        {
            f.Error("", "link-degradation needs at least one of delay, jitter, loss, bandwidth");
            return null;
        }
        if (from is null || (to is null && f.Has("to"))) return null;
        var degradation = new LinkDegradation(delay ?? SimDuration.Zero, jitter, loss ?? 0, bandwidth ?? 1);
        return new DegradedLinks(f.At, f.Duration, from, to, degradation) { OneWay = oneWay };
    }
}
