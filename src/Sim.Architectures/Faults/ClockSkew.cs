using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary><c>clock-skew</c>: the clocks of the places' nodes run <see cref="Offset"/> ahead (or behind) of true time (record timestamps, heartbeats).</summary>
public sealed record ClockSkew(SimTime At, SimDuration? Duration, Targets<PlaceRef> Places, SimDuration Offset) : Fault(At, Duration)
{
    public override string Kind => FaultKind.ClockSkew;

    public override string TargetText => Places.ToString();

    public override IEnumerable<string> TrailingFields => [$"offset: {Offset}"];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var net = runtime.Network;
        var zones = PlaceRef.ResolveAll(Places, runtime);
        var nodes = net.Topology.Nodes.Where(n => zones.Contains(n.Zone)).ToList();
        foreach (var n in nodes) net.SetClockOffset(n, net.ClockOffset(n) + Offset);
        return new(new FaultHit($"{string.Join(", ", zones.Select(z => z.Name))} {Offset}", zones, nodes), () =>
        {
            foreach (var n in nodes) net.SetClockOffset(n, net.ClockOffset(n) - Offset);
        });
    }

    public static Fault? Read(FaultFields f)
    {
        var places = f.Each("target", p => f.Names.Place(p, f.DeclaredCluster));
        var offset = f.Span("offset") ?? SimDuration.Zero;
        if (offset.Nanoseconds == 0) { f.Error("offset", "clock-skew needs a non-zero offset"); return null; }
        return places is null ? null : new ClockSkew(f.At, f.Duration, places, offset);
    }
}
