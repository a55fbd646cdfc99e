namespace Sim.Network.Topology;

/// <summary>A rack inside a zone; its name is what <c>broker.rack</c> and <c>client.rack</c> report.</summary>
public sealed class Rack(int index, string name, Zone zone)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public Zone Zone { get; } = zone;
    public override string ToString() => Name;
}
