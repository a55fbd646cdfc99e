using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// What a fault hit when it fired: the zones and nodes it resolved to, and a line describing it (derived
/// from those and the fault's settings, for display in faults.csv and traces only: read
/// <see cref="Zones"/> and <see cref="Nodes"/>, never parse <see cref="Display"/>).
/// </summary>
public sealed record FaultHit(string Display, IReadOnlyList<Zone> Zones, IReadOnlyList<Node> Nodes)
{
    /// <summary>A fault whose role resolved to nothing (say, no leader to crash).</summary>
    public static FaultHit Nothing(string display) => new(display, [], []);

    /// <summary>A fault on one node.</summary>
    public static FaultHit On(Node node, string display) => new(display, [node.Zone], [node]);

    /// <summary>A fault on nodes, with the zones they are in.</summary>
    public static FaultHit OnNodes(IReadOnlyList<Node> nodes, string display) =>
        new(display, nodes.Select(n => n.Zone).Distinct().ToList(), nodes);
}

/// <summary>A fault applied: what it hit, and what undoes it at the end of its window (null: nothing to undo).</summary>
public sealed record FaultEffect(FaultHit Hit, Action? Repair)
{
    public static FaultEffect Nothing(string display) => new(FaultHit.Nothing(display), null);
}
