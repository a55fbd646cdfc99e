using Sim.Network.Topology;

namespace Sim.Network.Faults;

/// <summary>A set of nodes, stored as a bit per node index; built from zones, regions or single nodes.</summary>
public sealed class NodeSet
{
    private readonly bool[] _members;

    public NodeSet(int nodeCount, IEnumerable<Node> members, string description)
    {
        _members = new bool[nodeCount];
        foreach (var n in members) _members[n.Index] = true;
        Description = description;
    }

    public string Description { get; }

    public bool Contains(int nodeIndex) => _members[nodeIndex];

    public static NodeSet Of(NetworkTopology t, params Zone[] zones) =>
        new(t.Nodes.Count, t.Nodes.Where(n => zones.Contains(n.Zone)), string.Join("+", zones.Select(z => z.Name)));

    public static NodeSet Of(NetworkTopology t, params Node[] nodes) =>
        new(t.Nodes.Count, nodes, string.Join("+", nodes.Select(n => n.Name)));

    public static NodeSet AllBut(NetworkTopology t, NodeSet excluded) =>
        new(t.Nodes.Count, t.Nodes.Where(n => !excluded.Contains(n.Index)), "all but " + excluded.Description);

    public override string ToString() => Description;
}
