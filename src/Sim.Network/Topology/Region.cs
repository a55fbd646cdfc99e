namespace Sim.Network.Topology;

/// <summary>A geographic region (a cloud region, a metro area). Holds zones; crossing regions is the expensive hop.</summary>
public sealed class Region(int index, string name)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public List<Zone> Zones { get; } = [];
    public override string ToString() => Name;
}
