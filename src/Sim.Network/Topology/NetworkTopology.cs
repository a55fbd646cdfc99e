namespace Sim.Network.Topology;

/// <summary>
/// The built, immutable structure: regions, zones, racks and nodes, with dense indices and lookups by
/// name. Enumeration order is declaration order everywhere, never hash order.
/// </summary>
public sealed class NetworkTopology
{
    private readonly Dictionary<string, Region> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Zone> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Rack> _racks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<Zone> Zones { get; }
    public IReadOnlyList<Rack> Racks { get; }
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Builds the structure; the options must have passed validation (names unique, racks known).</summary>
    public NetworkTopology(TopologyOptions topology, IReadOnlyList<NodeOptions> nodes)
    {
        var regions = new List<Region>();
        var zones = new List<Zone>();
        var racks = new List<Rack>();
        foreach (var ro in topology.Regions)
        {
            var region = new Region(regions.Count, ro.Name);
            regions.Add(region);
            _regions.Add(region.Name, region);
            foreach (var zo in ro.Zones)
            {
                var zone = new Zone(zones.Count, zo.Name, region);
                zones.Add(zone);
                region.Zones.Add(zone);
                _zones.Add(zone.Name, zone);
                foreach (var rackName in zo.Racks)
                {
                    var rack = new Rack(racks.Count, rackName, zone);
                    racks.Add(rack);
                    zone.Racks.Add(rack);
                    _racks.Add(rack.Name, rack);
                }
            }
        }
        var built = new List<Node>();
        foreach (var no in nodes)
        {
            if (!_racks.TryGetValue(no.Rack, out var rack)) throw new ArgumentException($"node '{no.Name}' is on unknown rack '{no.Rack}'");
            var node = new Node(built.Count, no.Name, no.Roles, rack, no.Cluster, no.KafkaId);
            built.Add(node);
            _nodes.Add(node.Name, node);
        }
        Regions = regions;
        Zones = zones;
        Racks = racks;
        Nodes = built;
    }

    public Region Region(string name) => _regions.TryGetValue(name, out var r) ? r : throw new KeyNotFoundException($"no region named '{name}'");
    public Zone Zone(string name) => _zones.TryGetValue(name, out var z) ? z : throw new KeyNotFoundException($"no zone named '{name}'");
    public Rack Rack(string name) => _racks.TryGetValue(name, out var r) ? r : throw new KeyNotFoundException($"no rack named '{name}'");
    public Node Node(string name) => _nodes.TryGetValue(name, out var n) ? n : throw new KeyNotFoundException($"no node named '{name}'");
    public bool TryGetZone(string name, out Zone zone) => _zones.TryGetValue(name, out zone!);
    public bool TryGetRegion(string name, out Region region) => _regions.TryGetValue(name, out region!);
    public bool TryGetNode(string name, out Node node) => _nodes.TryGetValue(name, out node!);

    /// <summary>The nodes of <paramref name="zone"/>, in index order.</summary>
    public IEnumerable<Node> NodesIn(Zone zone) => Nodes.Where(n => n.Zone == zone);
}
