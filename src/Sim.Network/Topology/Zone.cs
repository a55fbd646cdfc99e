namespace Sim.Network.Topology;

/// <summary>
/// A failure domain inside a region: an availability zone, a site or a data centre. Zones are the
/// unit of outages and of link profiles; in a stretch cluster a zone is also what <c>broker.rack</c>
/// names when rack = site.
/// </summary>
public sealed class Zone(int index, string name, Region region)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public Region Region { get; } = region;
    public List<Rack> Racks { get; } = [];
    public override string ToString() => Name;
}
