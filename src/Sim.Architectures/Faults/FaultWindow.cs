using Sim.Core.Time;
using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>A fault as it happened: what it hit, and when it began and ended (null: still on at the end).</summary>
public sealed record FaultWindow(Fault Spec, FaultHit Hit, SimTime Start, SimTime? End)
{
    public string Kind => Spec.Kind;

    /// <summary>The zones the fault hit (for an outage, the zones that went dark).</summary>
    public IReadOnlyList<Zone> Zones => Hit.Zones;

    /// <summary>The nodes the fault hit (for an outage, the nodes it took down).</summary>
    public IReadOnlyList<Node> Nodes => Hit.Nodes;

    /// <summary>The display text faults.csv and traces show; derived from the hit, for display only.</summary>
    public string Resolved => Hit.Display;
}
