using System.Globalization;
using Sim.Architectures.Model;
using Sim.Architectures.Templates;
using Sim.Architectures.Tiering;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>An architecture block as read: the server.properties its clusters run with, and how to build its plan.</summary>
internal sealed record ArchitectureBlock(ServerSettings Server, Func<ModelDefinition, WorkloadSpec, DeploymentPlan> Build);

/// <summary>
/// One block of an experiment's <c>architectures</c>: which template it uses (its name, or <c>template:</c>)
/// and that template's options. Reading it yields a builder of the deployment plan for a model and a
/// workload; the template itself checks what only it can (sites that exist, enough brokers).
/// </summary>
internal static class ArchitectureSection
{
    internal static readonly string[] Common = ["template", "metadata", "broker", "hardware", "access"];
    internal static readonly string[] MirrorKeys = ["mirror", "workers_per_connect"];

    /// <summary>One template: its name, a line for <c>sim list</c>, the keys its block may write besides the common ones, and the reader of its options.</summary>
    private sealed record Template(string Name, string Description, string[] Keys, Func<Fields, ServerSettings, Func<ModelDefinition, WorkloadSpec, DeploymentPlan>?> Read);

    /// <summary>
    /// Every architecture template, the one table the loader, <c>sim list</c> and the docs read. A new
    /// architecture is a template in <c>Sim.Architectures/Templates</c> and a row here.
    /// </summary>
    private static readonly IReadOnlyList<Template> Table =
    [
        new(StretchCluster.Name, "one cluster across 2-3 sites (rack = site), KRaft voters placed per site, optionally a controller-only witness site; keys: sites, brokers_per_site, controllers, witness",
            ["sites", "brokers_per_site", "controllers", "witness"], Stretch),
        new(ActiveActive.Name, "a cluster per site, MirrorMaker 2 both ways, local produce and consume; keys: sites, cluster, mirror, failover",
            ["sites", "cluster", "failover", .. MirrorKeys], ActiveActiveOf),
        new(ActivePassive.Name, "a primary and a standby fed by MirrorMaker 2, clients fail over; keys: primary, standby, *_cluster, mirror, failover",
            ["primary", "standby", "primary_cluster", "standby_cluster", "failover", .. MirrorKeys],
            (f, s) => ActivePassiveOf(f, s) is { } ap ? (m, w) => ActivePassive.Build(m, ap, w) : null),
        new(AggregateCluster.Name, "regional clusters mirrored into one aggregate cluster; keys: regions, aggregate, regional_cluster, aggregate_cluster, readers (regional, aggregate), mirror",
            ["regions", "aggregate", "regional_cluster", "aggregate_cluster", "readers", .. MirrorKeys], Aggregate),
        new(HubAndSpoke.Name, "spoke clusters mirrored into a hub, optionally fanned back out, with an optional standby hub whose fan-out a failover resumes; keys: spokes, spoke_count, hub, spoke_cluster, hub_cluster, fan_out, hub_standby, hub_standby_cluster, failover, mirror",
            ["spokes", "spoke_count", "hub", "spoke_cluster", "hub_cluster", "fan_out", "hub_standby", "hub_standby_cluster", "failover", .. MirrorKeys], Hub),
        new(ObserverCluster.Name, "production clusters mirrored into a read-only analytics cluster; keys: production, observer, *_cluster, mirror",
            ["production", "observer", "production_cluster", "observer_cluster", .. MirrorKeys], Observer),
        new(TieredStorageDr.Name, "active-passive for hot data plus a remote tier replicated between object stores; keys: primary, dr, tier, mirror, failover",
            ["primary", "dr", "primary_cluster", "standby_cluster", "failover", "tier", .. MirrorKeys], Tiered),
        new(CustomTopology.Name, "the model file's own clusters and MirrorMaker 2 flows; keys: client_clusters", ["client_clusters"], Custom),
    ];

    /// <summary>Each template's own keys (besides the common ones), for the JSON Schema of experiment files.</summary>
    internal static IEnumerable<(string Name, IReadOnlyList<string> Keys)> TemplateKeys => Table.Select(t => (t.Name, (IReadOnlyList<string>)t.Keys));

    /// <summary>The templates' names, in table order.</summary>
    public static readonly IReadOnlyList<string> Templates = [.. Table.Select(t => t.Name)];

    /// <summary>One line on each template, for <c>sim list</c> and the docs.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Descriptions = [.. Table.Select(t => (t.Name, t.Description))];

    internal static readonly string[] ShapeKeys = ["brokers", "controllers", "hardware", "broker"];

    /// <summary>
    /// The architecture named <paramref name="name"/> at <paramref name="path"/>: its server settings and a
    /// function from model and workload to a plan, or null after reporting problems.
    /// </summary>
    public static ArchitectureBlock? Read(YamlReader r, string name, YamlNode node, string path)
    {
        string template = name;
        if (node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("template"), out var t))
            template = r.Scalar(t, $"{path}.template") ?? name;
        if (Table.FirstOrDefault(t => t.Name == template) is not { } entry)
        {
            r.ErrorAt(node is YamlMappingNode mm && mm.Children.ContainsKey(new YamlScalarNode("template")) ? $"{path}.template" : path,
                $"unknown architecture template '{template}'", Sim.Experiments.Text.NameSuggester.Hint(template, Templates) + $"; templates: {string.Join(", ", Templates)}");
            return null;
        }
        var fields = new Fields(r, path, r.Mapping(node, path, [.. Common, .. entry.Keys]) ?? []);
        var server = fields.Server();
        var build = entry.Read(fields, server);
        var access = fields.Optional("access", (v, k) => ConfigKeys.Access.Apply(r, v, k, new Sim.Kafka.Access.AccessConfig()));
        if (build is null) return null;
        return new ArchitectureBlock(server, access is null ? build : (m, w) => build(m, w) with { Access = access });
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? Stretch(Fields f, ServerSettings s)
    {
        var sites = f.Required("sites", f.Names);
        if (sites is null) return null;
        var o = Apply(new StretchOptions(sites), s) with
        {
            BrokersPerSite = f.Int("brokers_per_site", 1, 100, 3),
            Controllers = f.Optional("controllers", f.Counts),
            Witness = f.Optional("witness", f.Name),
        };
        return (m, w) => StretchCluster.Build(m, o, w);
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? ActiveActiveOf(Fields f, ServerSettings s)
    {
        var sites = f.Required("sites", f.Names);
        if (sites is null) return null;
        var o = Apply(new ActiveActiveOptions(sites), s);
        o = o with
        {
            Cluster = f.Shape("cluster", o.Cluster),
            Mirror = f.Mirror(o.Mirror),
            WorkersPerConnect = f.Int("workers_per_connect", 1, 100, o.WorkersPerConnect),
            Failover = f.Failover(),
        };
        return (m, w) => ActiveActive.Build(m, o, w);
    }

    private static ActivePassiveOptions? ActivePassiveOf(Fields f, ServerSettings s, string standbyKey = "standby")
    {
        var primary = f.Required("primary", f.Name);
        var standby = f.Required(standbyKey, f.Name);
        if (primary is null || standby is null) return null;
        var o = Apply(new ActivePassiveOptions(primary, standby), s);
        return o with
        {
            PrimaryCluster = f.Shape("primary_cluster", o.PrimaryCluster),
            StandbyCluster = f.Shape("standby_cluster", o.StandbyCluster),
            Mirror = f.Mirror(o.Mirror),
            WorkersPerConnect = f.Int("workers_per_connect", 1, 100, o.WorkersPerConnect),
            Failover = f.Failover() ?? o.Failover,
        };
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? Aggregate(Fields f, ServerSettings s)
    {
        var regions = f.Required("regions", f.Names);
        var aggregate = f.Required("aggregate", f.Name);
        if (regions is null || aggregate is null) return null;
        var o = Apply(new AggregateOptions(regions, aggregate), s);
        o = o with
        {
            RegionalCluster = f.Shape("regional_cluster", o.RegionalCluster),
            AggregateCluster = f.Shape("aggregate_cluster", o.AggregateCluster),
            ReadAggregate = f.Choice("readers", "regional", "aggregate") == "aggregate",
            Mirror = f.Mirror(o.Mirror),
            WorkersPerConnect = f.Int("workers_per_connect", 1, 100, o.WorkersPerConnect),
        };
        return (m, w) => AggregateCluster.Build(m, o, w);
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? Hub(Fields f, ServerSettings s)
    {
        var spokes = f.Required("spokes", f.Names);
        var hub = f.Required("hub", f.Name);
        if (spokes is null || hub is null) return null;
        var o = Apply(new HubAndSpokeOptions(spokes, hub), s);
        o = o with
        {
            SpokeCluster = f.Shape("spoke_cluster", o.SpokeCluster),
            HubCluster = f.Shape("hub_cluster", o.HubCluster),
            FanOut = f.Bool("fan_out", o.FanOut),
            SpokeCount = f.Find("spoke_count") is null ? null : f.Int("spoke_count", 2, 200, spokes.Count),
            HubStandby = f.Find("hub_standby") is null ? null : f.Required("hub_standby", f.Name),
            HubStandbyCluster = f.Shape("hub_standby_cluster", o.HubStandbyCluster),
            HubFailover = f.Failover(o.HubFailover) ?? o.HubFailover,
            Mirror = f.Mirror(o.Mirror),
            WorkersPerConnect = f.Int("workers_per_connect", 1, 100, o.WorkersPerConnect),
        };
        return (m, w) => HubAndSpoke.Build(m, o, w);
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? Observer(Fields f, ServerSettings s)
    {
        var production = f.Required("production", f.Names);
        var observer = f.Required("observer", f.Name);
        if (production is null || observer is null) return null;
        var o = Apply(new ObserverOptions(production, observer), s);
        o = o with
        {
            ProductionCluster = f.Shape("production_cluster", o.ProductionCluster),
            ObserverCluster = f.Shape("observer_cluster", o.ObserverCluster),
            Mirror = f.Mirror(o.Mirror),
            WorkersPerConnect = f.Int("workers_per_connect", 1, 100, o.WorkersPerConnect),
        };
        return (m, w) => ObserverCluster.Build(m, o, w);
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? Tiered(Fields f, ServerSettings s)
    {
        var hot = ActivePassiveOf(f, s, standbyKey: "dr");
        if (hot is null) return null;
        var o = Apply(new TieredStorageOptions(hot.Primary, hot.Standby), s) with
        {
            HotPath = hot,
            Tier = f.Optional("tier", (v, k) => ConfigKeys.Tier.Apply(f.R, v, k, new RemoteTierConfig())) ?? new RemoteTierConfig(),
        };
        return (m, w) => TieredStorageDr.Build(m, o, w);
    }

    private static Func<ModelDefinition, WorkloadSpec, DeploymentPlan>? Custom(Fields f, ServerSettings s)
    {
        var clients = f.Optional("client_clusters", (v, k) =>
        {
            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (zone, cluster) in f.R.Mapping(v, k) ?? [])
            {
                if (f.R.Scalar(cluster, YamlReader.Join(k, zone)) is { } c) map[zone] = c;
            }
            return (IReadOnlyDictionary<string, string>)map;
        });
        var o = Apply(new CustomOptions(), s);
        if (clients is not null) o = o with { ClientClusters = clients };
        return (m, w) => CustomTopology.Build(m, o, w);
    }

    private static T Apply<T>(T options, ServerSettings s) where T : ArchitectureOptions =>
        options with { Server = s };

    /// <summary>The entries of one architecture block, read on demand so each template takes the keys it knows.</summary>
    private sealed class Fields(YamlReader r, string path, IReadOnlyList<(string Key, YamlNode Value)> entries)
    {
        public YamlReader R => r;

        public YamlNode? Find(string key)
        {
            foreach (var (k, v) in entries)
            {
                if (k == key) return v;
            }
            return null;
        }

        public T? Optional<T>(string key, Func<YamlNode, string, T?> read) where T : class =>
            Find(key) is { } v ? read(v, YamlReader.Join(path, key)) : null;

        public T? Required<T>(string key, Func<YamlNode, string, T?> read) where T : class
        {
            if (Find(key) is { } v) return read(v, YamlReader.Join(path, key));
            r.ErrorAt(YamlReader.Join(path, key), $"this architecture needs '{key}'");
            return null;
        }

        public IReadOnlyList<string>? Names(YamlNode v, string key) => Values.Names(r, v, key);

        public string? Name(YamlNode v, string key) => r.Scalar(v, key);

        public IReadOnlyDictionary<string, int>? Counts(YamlNode v, string key)
        {
            var map = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (zone, count) in r.Mapping(v, key) ?? [])
            {
                if (Values.Int(r, count, YamlReader.Join(key, zone), 0, 100) is { } n) map[zone] = n;
            }
            return map;
        }

        /// <summary>A cluster shape (<c>{brokers: N, controllers: N, hardware: {...}}</c>) written over <paramref name="current"/>; its hardware is that cluster's machine.</summary>
        public ClusterShape Shape(string key, ClusterShape current) => Optional(key, (v, k) =>
        {
            var shape = current;
            foreach (var (field, value) in r.Mapping(v, k, ShapeKeys) ?? [])
            {
                if (field == "hardware")
                {
                    shape = shape with { Hardware = Sim.Experiments.Models.HardwareSection.Read(r, value, YamlReader.Join(k, field)) };
                    continue;
                }
                if (field == "broker")
                {
                    // The cluster's own broker keys over the architecture's (e.g. log.retention.ms per cluster).
                    shape = shape with { Server = ConfigKeys.Server.Apply(r, value, YamlReader.Join(k, field), shape.Server ?? Server()) };
                    continue;
                }
                var n = Values.Int(r, value, YamlReader.Join(k, field), 1, 100);
                if (n is null) continue;
                shape = field == "brokers" ? shape with { Brokers = n.Value } : shape with { Controllers = n.Value };
            }
            return shape;
        }) ?? current;

        public int Int(string key, int min, int max, int current) =>
            Find(key) is { } v ? Values.Int(r, v, YamlReader.Join(path, key), min, max) ?? current : current;

        public string? Choice(string key, params string[] choices) =>
            Find(key) is { } v ? Values.Choice(r, v, YamlReader.Join(path, key), choices) : null;

        public bool Bool(string key, bool current) =>
            Find(key) is { } v ? Values.Bool(r, v, YamlReader.Join(path, key)) ?? current : current;

        /// <summary>MirrorMaker 2 keys of <c>mirror</c>, written over the template's prototype flow.</summary>
        public MirrorFlowConfig Mirror(MirrorFlowConfig current) => Optional("mirror", (v, k) => ConfigKeys.Mirror.Apply(r, v, k, current)) ?? current;

        /// <summary>The <c>failover</c> block over Kafka-client defaults, or null when the block is absent.</summary>
        public FailoverConfig? Failover(FailoverConfig? baseline = null) => Optional("failover", (v, k) => ConfigKeys.Failover.Apply(r, v, k, baseline ?? new FailoverConfig()));

        public ServerSettings Server()
        {
            var s = new ServerSettings();
            if (Find("broker") is { } b) s = ConfigKeys.Server.Apply(r, b, YamlReader.Join(path, "broker"), s);
            // The block's machine for every cluster it builds (docs/hardware.md); a cluster shape's or the
            // model cluster's own hardware: is more specific and wins (Simulation takes the layout's first).
            if (Find("hardware") is { } hw)
                s = s with { Broker = s.Broker with { Hardware = Sim.Experiments.Models.HardwareSection.Read(r, hw, YamlReader.Join(path, "hardware")) } };
            if (Find("metadata") is { } m && Values.Choice(r, m, YamlReader.Join(path, "metadata"), "kraft", "zookeeper") is { } mode)
                s = s with { Quorum = s.Quorum with { Mode = mode == "kraft" ? MetadataMode.KRaft : MetadataMode.ZooKeeper } };
            return s;
        }
    }
}
