using Sim.Network.Topology;

namespace Sim.Network.Links;

/// <summary>
/// The resolved link profile of every ordered pair of zones, plus each zone's same-rack profile.
/// Resolution, from weakest to strongest: the scope's default preset (same zone, cross-zone in one
/// region, cross-region); a region-pair override; a zone-pair override. Within one level a one-way
/// override (<c>a->b</c>) beats a two-way one (<c>a/b</c>). An override that names a preset replaces
/// the figures inherited so far before applying its own.
/// </summary>
public sealed class LinkTable
{
    private readonly LinkProfile[,] _zonePairs;
    private readonly LinkProfile[] _sameRack;

    public LinkTable(NetworkTopology topology, IReadOnlyList<LinkOptions> links, LinkDefaults defaults)
    {
        int z = topology.Zones.Count;
        _zonePairs = new LinkProfile[z, z];
        _sameRack = new LinkProfile[z];
        foreach (var from in topology.Zones)
        {
            _sameRack[from.Index] = LinkPresets.Get(defaults.SameRack);
            foreach (var to in topology.Zones)
            {
                string preset = from == to ? defaults.SameZone : from.Region == to.Region ? defaults.CrossZone : defaults.CrossRegion;
                var profile = LinkPresets.Get(preset);
                // Region-level overrides apply only across zones; a zone's inside is configured by naming the zone.
                if (from != to)
                {
                    profile = Apply(profile, links, from.Region.Name, to.Region.Name);
                }
                profile = Apply(profile, links, from.Name, to.Name);
                _zonePairs[from.Index, to.Index] = profile;
            }
        }
    }

    private static LinkProfile Apply(LinkProfile profile, IReadOnlyList<LinkOptions> links, string from, string to)
    {
        foreach (var l in links)
        {
            if (l.Bidirectional && ((l.From == from && l.To == to) || (l.From == to && l.To == from))) profile = Merge(profile, l.Profile);
        }
        foreach (var l in links)
        {
            if (!l.Bidirectional && l.From == from && l.To == to) profile = Merge(profile, l.Profile);
        }
        return profile;
    }

    private static LinkProfile Merge(LinkProfile inherited, LinkProfileOptions o) =>
        (o.Preset is null ? inherited : LinkPresets.Get(o.Preset)).With(o);

    /// <summary>The profile for a message from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public LinkProfile Between(Node from, Node to) =>
        from.Rack == to.Rack ? _sameRack[from.Zone.Index] : _zonePairs[from.Zone.Index, to.Zone.Index];

    public LinkProfile Between(Zone from, Zone to) => _zonePairs[from.Index, to.Index];

    public LinkProfile SameRack(Zone zone) => _sameRack[zone.Index];
}
