using Sim.Core.Validation;
using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Network;

/// <summary>
/// Checks <see cref="NetworkOptions"/> before anything is built and reports every problem at once, each
/// under the key path a model file writes it at (<c>regions.metro.zones.a.racks</c>, <c>links.a/b.rtt</c>),
/// with a hint where one helps (the nearest valid name for a misspelt one).
/// </summary>
public static class NetworkOptionsValidator
{
    public static IReadOnlyList<SpecError> Validate(NetworkOptions options)
    {
        var errors = new List<SpecError>();
        var regionNames = new HashSet<string>(StringComparer.Ordinal);
        var zoneNames = new List<string>();
        var rackNames = new List<string>();
        if (options.Topology.Regions.Count == 0) errors.Add(new SpecError("regions", "a model needs at least one region"));
        foreach (var region in options.Topology.Regions)
        {
            string rk = $"regions.{region.Name}";
            CheckName(region.Name, rk, errors);
            if (!regionNames.Add(region.Name)) errors.Add(new SpecError(rk, $"region '{region.Name}' is declared twice"));
            // Links name zones and regions alike, so the two share one namespace. A clash is reported once,
            // at whichever of the two is declared second: here a region after a zone, below a zone after
            // a region (its own included).
            else if (zoneNames.Contains(region.Name)) errors.Add(new SpecError(rk, $"region '{region.Name}' has the name of a zone; links name both, so they must differ"));
            if (region.Zones.Count == 0) errors.Add(new SpecError(rk + ".zones", $"region '{region.Name}' has no zones"));
            foreach (var zone in region.Zones)
            {
                string zk = $"{rk}.zones.{zone.Name}";
                CheckName(zone.Name, zk, errors);
                if (zoneNames.Contains(zone.Name)) errors.Add(new SpecError(zk, $"zone '{zone.Name}' is declared twice (zone names are unique across regions)"));
                else if (regionNames.Contains(zone.Name)) errors.Add(new SpecError(zk, $"zone '{zone.Name}' has the name of a region; links name both, so they must differ"));
                zoneNames.Add(zone.Name);
                if (zone.Racks.Count == 0) errors.Add(new SpecError(zk + ".racks", $"zone '{zone.Name}' has no racks"));
                foreach (var rack in zone.Racks)
                {
                    CheckName(rack, zk + ".racks", errors);
                    if (rackNames.Contains(rack)) errors.Add(new SpecError(zk + ".racks", $"rack '{rack}' is declared twice (rack names are unique in a model)"));
                    rackNames.Add(rack);
                }
            }
        }
        ValidateNodes(options.Nodes, rackNames, errors);
        ValidateLinks(options, regionNames, zoneNames, errors);
        ValidateDefaults(options.Defaults, errors);
        return errors;
    }

    private static void CheckName(string name, string key, List<SpecError> errors)
    {
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new SpecError(key, "a name must not be empty"));
        else if (name.Contains('/') || name.Contains("->", StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
            errors.Add(new SpecError(key, $"'{name}' may not contain '/', '->' or spaces, which link keys use as separators"));
    }

    private static void ValidateNodes(IReadOnlyList<NodeOptions> nodes, List<string> racks, List<SpecError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ids = new Dictionary<(string Cluster, int Id), string>();
        foreach (var n in nodes)
        {
            string key = n.Key ?? $"nodes.{n.Name}";
            if (!racks.Contains(n.Rack)) errors.Add(new SpecError(key, $"node '{n.Name}' is placed on unknown rack '{n.Rack}'") { Unknown = n.Rack, Known = [.. racks] });
            bool duplicateId = false;
            if (n.KafkaId is int id)
            {
                if (id < 0) errors.Add(new SpecError(key, $"node.id {id} is negative"));
                var k = (n.Cluster ?? "", id);
                duplicateId = !ids.TryAdd(k, n.Name);
                if (duplicateId) errors.Add(new SpecError(key, $"duplicate node.id {id} in cluster '{n.Cluster}': also used by '{ids[k]}'"));
            }
            // Generated names repeat exactly when ids do; one message for one mistake.
            if (!names.Add(n.Name) && !duplicateId) errors.Add(new SpecError(key, $"node name '{n.Name}' is used twice"));
        }
    }

    private static void ValidateLinks(NetworkOptions options, HashSet<string> regions, List<string> zones, List<SpecError> errors)
    {
        var places = regions.Concat(zones).ToList();
        var seen = new HashSet<(string, string, bool)>();
        foreach (var l in options.Links)
        {
            string key = $"links.{l.Key}";
            bool fromKnown = places.Contains(l.From), toKnown = places.Contains(l.To);
            if (!fromKnown) errors.Add(new SpecError(key, $"'{l.From}' is not a zone or region of this model") { Unknown = l.From, Known = [.. places] });
            if (!toKnown) errors.Add(new SpecError(key, $"'{l.To}' is not a zone or region of this model") { Unknown = l.To, Known = [.. places] });
            if (fromKnown && toKnown && regions.Contains(l.From) != regions.Contains(l.To))
                errors.Add(new SpecError(key, "a link joins two zones or two regions, not a zone and a region"));
            if (fromKnown && toKnown && l.From == l.To && regions.Contains(l.From))
                errors.Add(new SpecError(key, "a region-level link must join two different regions; name a zone to set links inside it"));
            var canonical = l.Bidirectional && string.CompareOrdinal(l.From, l.To) > 0 ? (l.To, l.From, true) : (l.From, l.To, l.Bidirectional);
            if (!seen.Add(canonical)) errors.Add(new SpecError(key, $"the link between '{l.From}' and '{l.To}' is given twice"));
            var p = l.Profile;
            if (p.Preset is not null && !LinkPresets.TryGet(p.Preset, out _))
                errors.Add(new SpecError(key + ".preset", $"unknown link preset '{p.Preset}'") { Unknown = p.Preset, Known = [.. LinkPresets.Names] });
            if (p.Rtt is { IsNegative: true } rtt) errors.Add(new SpecError(key + ".rtt", $"RTT {rtt} is negative"));
            if (p.Loss is double loss && (loss < 0 || loss >= 1 || double.IsNaN(loss)))
                errors.Add(new SpecError(key + ".loss", $"loss {loss} must be a probability in [0, 1)"));
        }
    }

    private static void ValidateDefaults(LinkDefaults d, List<SpecError> errors)
    {
        foreach (var (key, preset) in new[] { ("same-rack", d.SameRack), ("same-zone", d.SameZone), ("cross-zone", d.CrossZone), ("cross-region", d.CrossRegion) })
        {
            if (!LinkPresets.TryGet(preset, out _))
                errors.Add(new SpecError($"links.defaults.{key}", $"unknown link preset '{preset}'") { Unknown = preset, Known = [.. LinkPresets.Names] });
        }
    }
}
