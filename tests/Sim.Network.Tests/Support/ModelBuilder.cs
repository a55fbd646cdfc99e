using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Network.Tests.Support;

/// <summary>
/// Builds <see cref="NetworkOptions"/> for a test the way a model file would declare them, without
/// validating (the validator tests need invalid models). <see cref="Zone"/> names racks
/// <c>{zone}-r{i}</c> and nodes <c>{zone}{n}</c>, counting from 1 rack by rack, so zone <c>a</c> with
/// two racks of one node holds <c>a1</c> on <c>a-r1</c> and <c>a2</c> on <c>a-r2</c>.
/// </summary>
internal sealed class ModelBuilder
{
    private readonly List<(string Name, List<ZoneOptions> Zones)> _regions = [];
    private readonly List<NodeOptions> _nodes = [];
    private readonly List<LinkOptions> _links = [];
    private LinkDefaults _defaults = new();

    public ModelBuilder Zone(string region, string zone, int racks = 1, int nodesPerRack = 1)
    {
        var rackNames = Enumerable.Range(1, racks).Select(i => $"{zone}-r{i}").ToList();
        RegionZones(region).Add(new ZoneOptions(zone, rackNames));
        int n = 1;
        foreach (var rack in rackNames)
        {
            for (int k = 0; k < nodesPerRack; k++) _nodes.Add(new NodeOptions($"{zone}{n++}", NodeRole.Broker, rack));
        }
        return this;
    }

    /// <summary>Declares a zone with exactly these racks and no nodes.</summary>
    public ModelBuilder ZoneWithRacks(string region, string zone, params string[] racks)
    {
        RegionZones(region).Add(new ZoneOptions(zone, racks));
        return this;
    }

    /// <summary>Declares a region with no zones yet (so the order of declaration can be chosen).</summary>
    public ModelBuilder Region(string region)
    {
        RegionZones(region);
        return this;
    }

    public ModelBuilder Node(NodeOptions node)
    {
        _nodes.Add(node);
        return this;
    }

    /// <summary>Adds a link override written as a model file writes its key: <c>a/b</c> (both ways) or <c>a->b</c>.</summary>
    public ModelBuilder Link(string key, LinkProfileOptions profile)
    {
        int arrow = key.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            _links.Add(new LinkOptions(key, key[..arrow], key[(arrow + 2)..], Bidirectional: false, profile));
        }
        else
        {
            int slash = key.IndexOf('/');
            _links.Add(new LinkOptions(key, key[..slash], key[(slash + 1)..], Bidirectional: true, profile));
        }
        return this;
    }

    /// <summary>Gives every pair of zones declared so far, and every zone's inside, the same two-way profile.</summary>
    public ModelBuilder LinkEverywhere(LinkProfileOptions profile)
    {
        var zones = _regions.SelectMany(r => r.Zones).Select(z => z.Name).ToList();
        for (int i = 0; i < zones.Count; i++)
        {
            for (int j = i; j < zones.Count; j++) Link($"{zones[i]}/{zones[j]}", profile);
        }
        return this;
    }

    public ModelBuilder Defaults(LinkDefaults defaults)
    {
        _defaults = defaults;
        return this;
    }

    public NetworkOptions Build() => new(
        new TopologyOptions(_regions.Select(r => new RegionOptions(r.Name, r.Zones.ToList())).ToList()),
        _nodes.ToList(),
        _links.ToList(),
        _defaults);

    private List<ZoneOptions> RegionZones(string name)
    {
        foreach (var r in _regions)
        {
            if (r.Name == name) return r.Zones;
        }
        var zones = new List<ZoneOptions>();
        _regions.Add((name, zones));
        return zones;
    }
}
