using Sim.Architectures.Model;
using System.Globalization;
using Sim.Core;
using Sim.Network;
using Sim.Network.Links;
using Sim.Network.Topology;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Models;

/// <summary>
/// Loads <c>models/*.yaml</c>: YAML, then plain values, then validation, then immutable options.
/// Every problem is reported at once with file, line, column and key; nothing is built from a file
/// with any problem. The format is documented in docs/models.md.
/// </summary>
public static class ModelLoader
{
    internal static readonly string[] TopKeys = ["name", "description", "regions", "links", "clusters", "mirrormaker"];
    internal static readonly string[] RegionKeys = ["zones"];
    internal static readonly string[] ZoneKeys = ["racks", "client.network"];
    internal static readonly string[] LinkFields = ["preset", "rtt", "jitter", "loss", "bandwidth"];
    internal static readonly string[] DefaultKeys = ["same-rack", "same-zone", "cross-zone", "cross-region"];
    internal static readonly string[] ClusterKeys = ["brokers", "controllers", "controller.mode", "hardware"];
    internal static readonly string[] PlacementKeys = ["id", "rack", "zone"];

    /// <summary>A bound on counted placements, so a typo such as 30000 fails at once instead of exhausting memory.</summary>
    public const int MaxNodesPerZone = 1000;

    /// <summary>Loads and validates a model file; throws <see cref="InputException"/> listing every problem.</summary>
    public static ModelDefinition Load(string path, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var problems = new List<Diagnostic>();
        var text = InputFile.Read(path, path, "", limits.FileBytes, problems) ?? throw new InputException(problems);
        return Load(path, text, limits);
    }

    public static ModelDefinition Load(string file, string text, YamlLimits? limits = null)
    {
        var reader = YamlReader.Parse(file, text, out var root, limits);
        if (root is null) throw reader.Failure();
        var model = Read(reader, root, file);
        if (reader.HasErrors || model is null) throw reader.Failure();
        return model;
    }

    /// <summary>
    /// Whether a file's text is a model rather than an experiment: its top level holds <c>regions</c> and
    /// neither an experiment's <c>model</c> nor its <c>architectures</c>. Decided on the top-level keys as
    /// the parser reads them, so a file in JSON form or with its keys in any order is told apart the same
    /// way; a text that does not parse is not a model (the experiment loader then reports why).
    /// </summary>
    public static bool IsModel(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        int depth = 0;
        bool key = true, regions = false;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                        if (depth == 0 && parser.Current is not YamlDotNet.Core.Events.MappingStart) return false;
                        depth++;
                        break;
                    case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                        depth--;
                        if (depth == 1) key = true;
                        break;
                    case YamlDotNet.Core.Events.Scalar s when depth == 1:
                        if (key && s.Value is "model" or "architectures") return false;
                        if (key && s.Value == "regions") regions = true;
                        key = !key;
                        break;
                    case YamlDotNet.Core.Events.AnchorAlias when depth == 1:
                        key = !key;
                        break;
                }
            }
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return false;
        }
        return regions;
    }

    internal static ModelDefinition? Read(YamlReader r, YamlNode root, string file)
    {
        var top = r.Mapping(root, "", TopKeys);
        if (top is null) return null;
        string name = Path.GetFileNameWithoutExtension(file);
        string? description = null;
        YamlNode? regionsNode = null, linksNode = null, clustersNode = null, mirrorNode = null;
        foreach (var (k, v) in top)
        {
            switch (k)
            {
                case "name": name = r.Scalar(v, k) ?? name; break;
                case "description": description = r.Scalar(v, k); break;
                case "regions": regionsNode = v; break;
                case "links": linksNode = v; break;
                case "clusters": clustersNode = v; break;
                case "mirrormaker": mirrorNode = v; break;
            }
        }
        if (regionsNode is null)
        {
            r.Error("regions", root, "a model needs 'regions' (regions hold zones, zones hold racks)");
            return null;
        }
        var topology = ReadTopology(r, regionsNode);
        var places = topology.Regions.Select(x => x.Name).Concat(topology.Regions.SelectMany(x => x.Zones).Select(z => z.Name)).ToList();
        var (links, defaults) = linksNode is null ? ([], new LinkDefaults()) : ReadLinks(r, linksNode, places);
        var clusters = clustersNode is null ? [] : ReadClusters(r, clustersNode, topology);
        var nodes = clusters.SelectMany(c => c.Nodes).ToList();
        var (connects, workers) = mirrorNode is null ? ([], []) : MirrorMakerSection.Read(r, mirrorNode, topology, clusters.Select(c => c.Name).ToList());
        var options = new NetworkOptions(topology, [.. nodes, .. workers], links, defaults);
        r.AddSpecErrors(NetworkOptionsValidator.Validate(options));
        return new ModelDefinition(name, description, file, options, clusters) { MirrorMaker = connects };
    }

    private static TopologyOptions ReadTopology(YamlReader r, YamlNode node)
    {
        var regions = new List<RegionOptions>();
        foreach (var (regionName, regionNode) in r.Mapping(node, "regions") ?? [])
        {
            string rk = $"regions.{regionName}";
            var zones = new List<ZoneOptions>();
            foreach (var (field, value) in r.Mapping(regionNode, rk, RegionKeys) ?? [])
            {
                foreach (var (zoneName, zoneNode) in r.Mapping(value, $"{rk}.{field}") ?? [])
                {
                    string zk = $"{rk}.zones.{zoneName}";
                    var racks = new List<string>();
                    Sim.Core.Bandwidth? clientNetwork = null;
                    foreach (var (zf, zv) in r.Mapping(zoneNode, zk, ZoneKeys) ?? [])
                    {
                        if (zf == "client.network")
                        {
                            clientNetwork = r.Bandwidth(zv, $"{zk}.{zf}");
                            continue;
                        }
                        foreach (var rackNode in r.Sequence(zv, $"{zk}.{zf}") ?? [])
                        {
                            if (r.Scalar(rackNode, $"{zk}.racks") is { } rack) racks.Add(rack);
                        }
                    }
                    zones.Add(new ZoneOptions(zoneName, racks) { ClientNetwork = clientNetwork });
                }
            }
            regions.Add(new RegionOptions(regionName, zones));
        }
        return new TopologyOptions(regions);
    }

    private static (IReadOnlyList<LinkOptions>, LinkDefaults) ReadLinks(YamlReader r, YamlNode node, IReadOnlyCollection<string> places)
    {
        var links = new List<LinkOptions>();
        var defaults = new LinkDefaults();
        foreach (var (key, value) in r.Mapping(node, "links") ?? [])
        {
            string lk = $"links.{key}";
            if (key == "defaults")
            {
                foreach (var (dk, dv) in r.Mapping(value, lk, DefaultKeys) ?? [])
                {
                    var preset = r.Scalar(dv, $"{lk}.{dk}");
                    if (preset is null) continue;
                    defaults = dk switch
                    {
                        "same-rack" => defaults with { SameRack = preset },
                        "same-zone" => defaults with { SameZone = preset },
                        "cross-zone" => defaults with { CrossZone = preset },
                        _ => defaults with { CrossRegion = preset },
                    };
                }
                continue;
            }
            if (!LinkKey.TryParse(key, places, out var from, out var to, out var both, out var error))
            {
                r.Error(lk, r.Locate(lk), error);
                continue;
            }
            var profile = new LinkProfileOptions();
            foreach (var (f, v) in r.Mapping(value, lk, LinkFields) ?? [])
            {
                string fk = $"{lk}.{f}";
                profile = f switch
                {
                    "preset" => profile with { Preset = r.Scalar(v, fk) },
                    "rtt" => profile with { Rtt = r.Duration(v, fk) },
                    "jitter" => profile with { Jitter = r.Distribution(v, fk, QuantityKind.Duration) },
                    "loss" => profile with { Loss = r.Number(v, fk) },
                    _ => v is YamlScalarNode { Value: "unlimited" }
                        ? profile with { UnlimitedBandwidth = true }
                        : profile with { Bandwidth = r.Bandwidth(v, fk) },
                };
            }
            links.Add(new LinkOptions(key, from, to, both, profile));
        }
        return (links, defaults);
    }

    private static List<ClusterLayout> ReadClusters(YamlReader r, YamlNode node, TopologyOptions topology)
    {
        var clusters = new List<ClusterLayout>();
        var zones = topology.Regions.SelectMany(x => x.Zones).ToList();
        foreach (var (clusterName, clusterNode) in r.Mapping(node, "clusters") ?? [])
        {
            string ck = $"clusters.{clusterName}";
            var entries = r.Mapping(clusterNode, ck, ClusterKeys) ?? [];
            var mode = ControllerMode.Dedicated;
            foreach (var (k, v) in entries)
            {
                if (k != "controller.mode") continue;
                var text = r.Scalar(v, $"{ck}.{k}");
                if (text == "combined") mode = ControllerMode.Combined;
                else if (text is not null && text != "dedicated")
                    r.Error($"{ck}.{k}", v, $"unknown controller mode '{text}'", "expected one of: combined, dedicated");
            }
            var brokerNode = entries.FirstOrDefault(e => e.Key == "brokers").Value;
            var controllerNode = entries.FirstOrDefault(e => e.Key == "controllers").Value;
            if (brokerNode is null)
            {
                r.Error($"{ck}.brokers", r.Locate(ck), $"cluster '{clusterName}' needs 'brokers'");
                continue;
            }
            var brokers = ReadPlacements(r, brokerNode, $"{ck}.brokers", zones, clusterName, NodeRole.Broker, firstId: 1);
            int nextId = brokers.Count == 0 ? 1 : brokers.Max(b => b.KafkaId ?? 0) + 1;
            var controllers = controllerNode is null
                ? []
                : mode == ControllerMode.Combined
                    ? CombinedControllers(r, controllerNode, $"{ck}.controllers", zones, brokers)
                    : ReadPlacements(r, controllerNode, $"{ck}.controllers", zones, clusterName, NodeRole.Controller, nextId);
            if (mode == ControllerMode.Combined)
            {
                var voters = controllers.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
                brokers = brokers.Select(b => voters.Contains(b.Name) ? b with { Roles = NodeRole.Broker | NodeRole.Controller } : b).ToList();
                controllers = brokers.Where(b => voters.Contains(b.Name)).ToList();
            }
            if (controllers.Count == 0 && brokers.Count > 0)
                r.Error($"{ck}.controllers", r.Locate(ck), $"cluster '{clusterName}' needs 'controllers': the KRaft voters that hold its metadata");
            var hardwareNode = entries.FirstOrDefault(e => e.Key == "hardware").Value;
            clusters.Add(new ClusterLayout(clusterName, brokers, controllers, mode)
            {
                Hardware = hardwareNode is null ? null : HardwareSection.Read(r, hardwareNode, $"{ck}.hardware"),
            });
        }
        return clusters;
    }

    /// <summary>
    /// Nodes given either as counts per zone (<c>{a: 3, b: 3}</c>, spread round-robin over the zone's
    /// racks, ids assigned in order) or as a list of <c>{id, rack}</c> or <c>{id, zone}</c> entries.
    /// </summary>
    internal static List<NodeOptions> ReadPlacements(YamlReader r, YamlNode node, string key, List<ZoneOptions> zones, string cluster, NodeRole role, int firstId)
    {
        var result = new List<NodeOptions>();
        string kind = role switch { NodeRole.Broker => "broker", NodeRole.ConnectWorker => "worker", _ => "controller" };
        if (node is YamlSequenceNode)
        {
            var items = r.Sequence(node, key) ?? [];
            for (int i = 0; i < items.Count; i++)
            {
                string ik = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
                int? id = null;
                string? rack = null;
                bool placed = false;
                var fields = r.Mapping(items[i], ik, PlacementKeys) ?? [];
                if (fields.Any(f => f.Key == "rack") && fields.Any(f => f.Key == "zone"))
                {
                    r.Error(ik, items[i], $"give a {kind} either a 'rack' or a 'zone', not both");
                    continue;
                }
                foreach (var (f, v) in fields)
                {
                    if (f == "id") id = r.Integer(v, $"{ik}.id");
                    else if (f == "rack")
                    {
                        placed = true;
                        var rackName = r.Scalar(v, $"{ik}.rack");
                        var racks = zones.SelectMany(z => z.Racks).ToList();
                        if (rackName is not null && !racks.Contains(rackName))
                            r.Error($"{ik}.rack", v, $"unknown rack '{rackName}'", Sim.Experiments.Text.NameSuggester.Hint(rackName, racks));
                        else rack = rackName;
                    }
                    else if (r.Scalar(v, $"{ik}.zone") is { } zoneName)
                    {
                        placed = true;
                        var zone = zones.FirstOrDefault(z => z.Name == zoneName);
                        if (zone is null) r.Error($"{ik}.zone", v, $"unknown zone '{zoneName}'", Sim.Experiments.Text.NameSuggester.Hint(zoneName, zones.Select(z => z.Name)));
                        else if (zone.Racks.Count > 0) rack = zone.Racks[result.Count(n => zone.Racks.Contains(n.Rack)) % zone.Racks.Count];
                    }
                }
                if (id is null && !fields.Any(f => f.Key == "id")) r.Error($"{ik}.id", items[i], $"a {kind} listed explicitly needs an 'id' (its node.id)");
                if (!placed) r.Error($"{ik}.rack", items[i], $"a {kind} needs a 'rack' or a 'zone'");
                if (id is null || rack is null) continue;
                result.Add(new NodeOptions($"{cluster}-{kind}-{id}", role, rack, cluster, id, ik));
            }
            return result;
        }
        int nextId = firstId;
        foreach (var (zoneName, countNode) in r.Mapping(node, key) ?? [])
        {
            string zk = $"{key}.{zoneName}";
            var zone = zones.FirstOrDefault(z => z.Name == zoneName);
            var count = r.Integer(countNode, zk);
            if (zone is null)
            {
                r.Error(zk, r.Locate(zk), $"unknown zone '{zoneName}'", Sim.Experiments.Text.NameSuggester.Hint(zoneName, zones.Select(z => z.Name)));
                continue;
            }
            if (count is null) continue;
            if (count < 0) { r.Error(zk, countNode, $"a {kind} count cannot be negative"); continue; }
            if (count > MaxNodesPerZone) { r.Error(zk, countNode, $"{count} {kind}s in one zone is more than the simulator models (at most {MaxNodesPerZone})"); continue; }
            for (int i = 0; i < count && zone.Racks.Count > 0; i++)
            {
                int id = nextId++;
                result.Add(new NodeOptions($"{cluster}-{kind}-{id}", role, zone.Racks[i % zone.Racks.Count], cluster, id, zk));
            }
        }
        return result;
    }

    /// <summary>In combined mode, controllers are counts per zone and the first brokers of each zone take the role.</summary>
    private static List<NodeOptions> CombinedControllers(YamlReader r, YamlNode node, string key, List<ZoneOptions> zones, List<NodeOptions> brokers)
    {
        var result = new List<NodeOptions>();
        foreach (var (zoneName, countNode) in r.Mapping(node, key) ?? [])
        {
            string zk = $"{key}.{zoneName}";
            var zone = zones.FirstOrDefault(z => z.Name == zoneName);
            var count = r.Integer(countNode, zk);
            if (zone is null)
            {
                r.Error(zk, r.Locate(zk), $"unknown zone '{zoneName}'", Sim.Experiments.Text.NameSuggester.Hint(zoneName, zones.Select(z => z.Name)));
                continue;
            }
            if (count is null) continue;
            var inZone = brokers.Where(b => zone.Racks.Contains(b.Rack)).ToList();
            if (count < 0 || count > inZone.Count)
            {
                r.Error(zk, countNode, $"combined mode puts controllers on brokers: zone '{zoneName}' has {inZone.Count} brokers, so 0 to {inZone.Count} controllers");
                continue;
            }
            result.AddRange(inZone.Take(count.Value));
        }
        return result;
    }
}
