using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;
using Sim.MirrorMaker.Policy;
using Sim.Network.Topology;

namespace Sim.Architectures.Templates;

/// <summary>How big one cluster is: brokers and KRaft controller voters, spread over its site's zones.</summary>
public sealed record ClusterShape(int Brokers = 3, int Controllers = 3)
{
    /// <summary>The machine this cluster's brokers run on; null keeps the architecture's (its <c>hardware:</c>, else the default instance).</summary>
    public Sim.Kafka.Hardware.BrokerHardware? Hardware { get; init; }

    /// <summary>
    /// This cluster's server settings (the architecture's <c>broker</c> block with the shape's own <c>broker</c> keys written
    /// over it); null keeps the architecture's. An aggregate cluster keeps its copies for years while the regions keep 7 days.
    /// </summary>
    public ServerSettings? Server { get; init; }
}

/// <summary>What every template accepts: the server settings of all its clusters.</summary>
public abstract record ArchitectureOptions
{
    public ServerSettings Server { get; init; } = new();
}

/// <summary>Options shared by the templates that mirror with MirrorMaker 2.</summary>
public interface IMirrorOptions
{
    /// <summary>MirrorMaker 2 settings for every flow (its source and target are set by the template).</summary>
    MirrorFlowConfig Mirror { get; }

    /// <summary>Connect workers per Connect cluster, placed in the target site ("remote consume, local produce").</summary>
    int WorkersPerConnect { get; }
}

/// <summary>What applications do: topics, producers and consumers placed in zones.</summary>
public sealed record WorkloadSpec(IReadOnlyList<TopicConfig> Topics, IReadOnlyList<ProducerSpec> Producers, IReadOnlyList<ConsumerSpec> Consumers);

/// <summary><see cref="Count"/> producer applications in <see cref="Zone"/>, each sending <see cref="Workload"/>.</summary>
public sealed record ProducerSpec(string Zone, WorkloadConfig Workload)
{
    public int Count { get; init; } = 1;
    public ProducerConfig Config { get; init; } = new();
}

/// <summary><see cref="Count"/> instances of a consumer application in <see cref="Zone"/>: members of one group reading one topic's data.</summary>
public sealed record ConsumerSpec(string Zone, string Group, string Topic)
{
    public int Count { get; init; } = 1;

    /// <summary>When the application starts its consumers (null: at the start of the run). A reader that starts late with <c>auto.offset.reset=earliest</c> catches up from the log start.</summary>
    public Sim.Core.Time.SimTime? Start { get; init; }

    public ConsumerConfig Config { get; init; } = new();
}

/// <summary>
/// The common work of the templates: resolving sites to zones, placing clusters' brokers and controllers
/// and Connect workers on the model's racks, adding MirrorMaker 2 flows, and placing applications.
/// </summary>
internal sealed class TemplateBuilder
{
    private readonly ModelDefinition _topology;
    private readonly string _architecture;
    private readonly ArchitectureOptions _options;
    private readonly WorkloadSpec _workload;
    private readonly List<ClusterLayout> _clusters = [];
    private readonly Dictionary<string, ClusterSettings> _settings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MirrorFlowConfig>> _flowsByTarget = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _workers = new(StringComparer.Ordinal);
    private readonly List<NodeOptions> _extraNodes = [];
    private readonly List<AppPlacement> _apps = [];
    private readonly List<FailoverPlan> _failovers = [];
    private readonly List<StandbyFlowsPlan> _standbyFlows = [];
    private readonly List<RemoteTierPlan> _tiers = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _sites = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];

    public TemplateBuilder(ModelDefinition topology, string architecture, ArchitectureOptions options, WorkloadSpec workload)
    {
        _topology = topology;
        _architecture = architecture;
        _options = options;
        _workload = workload;
        foreach (var p in workload.Producers) CheckZone(p.Zone, "a producer");
        foreach (var c in workload.Consumers)
        {
            CheckZone(c.Zone, "a consumer");
            if (!workload.Topics.Any(t => t.Name == c.Topic)) throw new ArgumentException($"consumer group '{c.Group}' reads topic '{c.Topic}', which the workload does not declare");
        }
        foreach (var p in workload.Producers)
        {
            if (!workload.Topics.Any(t => t.Name == p.Workload.Topic)) throw new ArgumentException($"a producer in zone '{p.Zone}' writes topic '{p.Workload.Topic}', which the workload does not declare");
        }
    }

    public WorkloadSpec Workload => _workload;

    private IEnumerable<ZoneOptions> Zones => _topology.Network.Topology.Regions.SelectMany(r => r.Zones);

    private void CheckZone(string zone, string what)
    {
        if (!Zones.Any(z => z.Name == zone))
            throw new ArgumentException($"{what} is placed in zone '{zone}', which model '{_topology.Name}' does not have (zones: {string.Join(", ", Zones.Select(z => z.Name))})");
    }

    /// <summary>The zones of a site: a zone is a site of its own; a region's site is all its zones.</summary>
    public IReadOnlyList<string> Site(string site)
    {
        if (_sites.TryGetValue(site, out var known)) return known;
        IReadOnlyList<string> zones = Zones.Any(z => z.Name == site) ? [site]
            : _topology.Network.Topology.Regions.FirstOrDefault(r => r.Name == site)?.Zones.Select(z => z.Name).ToList()
              ?? throw new ArgumentException($"'{site}' is neither a zone nor a region of model '{_topology.Name}' (zones: {string.Join(", ", Zones.Select(z => z.Name))}; regions: {string.Join(", ", _topology.Network.Topology.Regions.Select(r => r.Name))})");
        _sites[site] = zones;
        return zones;
    }

    /// <summary>The site (of <paramref name="sites"/>) that holds <paramref name="zone"/>, or null.</summary>
    public string? SiteOf(string zone, IEnumerable<string> sites) => sites.FirstOrDefault(s => Site(s).Contains(zone));

    /// <summary>Places a cluster: brokers, then controllers, round-robin over the zones of its sites and over each zone's racks.</summary>
    public void AddCluster(string name, IReadOnlyList<(string Zone, int Brokers, int Controllers)> placement, IReadOnlyList<TopicConfig> topics,
        Sim.Kafka.Hardware.BrokerHardware? hardware = null, ServerSettings? server = null)
    {
        var brokers = new List<NodeOptions>();
        var controllers = new List<NodeOptions>();
        int id = 1;
        foreach (var (zone, count, _) in placement)
        {
            var racks = Zones.First(z => z.Name == zone).Racks;
            for (int i = 0; i < count; i++, id++) brokers.Add(new NodeOptions($"{name}-broker-{id}", NodeRole.Broker, racks[i % racks.Count], name, id));
        }
        foreach (var (zone, _, count) in placement)
        {
            var racks = Zones.First(z => z.Name == zone).Racks;
            for (int i = 0; i < count; i++, id++) controllers.Add(new NodeOptions($"{name}-controller-{id}", NodeRole.Controller, racks[i % racks.Count], name, id));
        }
        AddCluster(new ClusterLayout(name, brokers, controllers, ControllerMode.Dedicated) { Hardware = hardware }, topics);
        if (server is not null) _settings[name] = _settings[name] with { Server = server };
    }

    /// <summary>A cluster exactly as laid out (a model's own cluster, in dedicated or combined mode).</summary>
    public void AddCluster(ClusterLayout layout, IReadOnlyList<TopicConfig> topics)
    {
        string name = layout.Name;
        if (layout.Brokers.Count == 0) throw new ArgumentException($"cluster '{name}' has no brokers");
        if (layout.Controllers.Count == 0) throw new ArgumentException($"cluster '{name}' has no controllers");
        foreach (var t in topics)
        {
            if (t.ReplicationFactor > layout.Brokers.Count)
                throw new ArgumentException($"topic '{t.Name}' has replication.factor {t.ReplicationFactor}, more than the {layout.Brokers.Count} brokers of cluster '{name}'");
        }
        _clusters.Add(layout);
        _settings[name] = new ClusterSettings(topics) { Server = _options.Server };
    }

    /// <summary>A cluster of <paramref name="shape"/> spread over the zones of <paramref name="site"/>.</summary>
    public void AddCluster(string name, string site, ClusterShape shape, IReadOnlyList<TopicConfig> topics)
    {
        var zones = Site(site);
        var placement = zones.Select((z, i) => (z, Share(shape.Brokers, zones.Count, i), Share(shape.Controllers, zones.Count, i))).ToList();
        AddCluster(name, placement, topics, shape.Hardware, shape.Server);
    }

    private static int Share(int total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);

    /// <summary>A MirrorMaker 2 flow, run by the Connect cluster next to its target.</summary>
    public void AddFlow(string source, string target, string targetSite, IMirrorOptions mirror, bool paused = false)
    {
        string connect = $"mm2-{target}";
        if (!_flowsByTarget.TryGetValue(connect, out var flows))
        {
            _flowsByTarget[connect] = flows = [];
            var zones = Site(targetSite);
            var workers = new List<string>();
            for (int i = 0; i < mirror.WorkersPerConnect; i++)
            {
                var zone = Zones.First(z => z.Name == zones[i % zones.Count]);
                string name = $"{connect}-worker-{i + 1}";
                workers.Add(name);
                _extraNodes.Add(new NodeOptions(name, NodeRole.ConnectWorker, zone.Racks[i / zones.Count % zone.Racks.Count]));
            }
            _workers[connect] = workers;
        }
        flows.Add(mirror.Mirror with { Source = source, Target = target, StartsPaused = paused });
    }

    /// <summary>Flows added paused (<see cref="AddFlow"/>) that a failover of <paramref name="primary"/> resumes.</summary>
    public void AddStandbyFlows(string name, string primary, IReadOnlyList<(string Source, string Target)> flows, FailoverConfig config, string probeZone) =>
        _standbyFlows.Add(new StandbyFlowsPlan(name, primary, flows, config, probeZone));

    /// <summary>The name <paramref name="topic"/> from <paramref name="source"/> has on the target of a flow built from <paramref name="mirror"/>.</summary>
    public static string RemoteTopic(IMirrorOptions mirror, string source, string topic) =>
        ReplicationPolicy.For(mirror.Mirror with { Source = source, Target = "-" }).FormatRemoteTopic(source, topic);

    /// <summary>Places every producer of the workload on the cluster <paramref name="clusterOf"/> picks for its zone.</summary>
    public void PlaceProducers(Func<string, string> clusterOf, Func<string, string?>? failoverOf = null) =>
        PlaceProducersOn(z => [clusterOf(z)], failoverOf);

    /// <summary>Places every producer of the workload once on each cluster <paramref name="clustersOf"/> lists for its zone (a site with several clusters runs a copy on each).</summary>
    public void PlaceProducersOn(Func<string, IReadOnlyList<string>> clustersOf, Func<string, string?>? failoverOf = null)
    {
        foreach (var p in _workload.Producers)
        {
            for (int i = 0; i < p.Count; i++)
            {
                foreach (var cluster in clustersOf(p.Zone))
                {
                    _apps.Add(new AppPlacement($"producer-{p.Zone}-{p.Workload.Topic}-{_apps.Count(a => a.Role == AppRole.Producer) + 1}", AppRole.Producer, p.Zone, cluster,
                        [p.Workload.Topic])
                    {
                        Producer = p.Config, Workload = p.Workload, Topic = p.Workload.Topic, Failover = failoverOf?.Invoke(p.Zone),
                    });
                }
            }
        }
    }

    /// <summary>Places every consumer of the workload: on the cluster picked for its zone, reading the topics picked there.</summary>
    public void PlaceConsumers(Func<string, string> clusterOf, Func<string, string, IReadOnlyList<string>> topicsOf, Func<string, string?>? failoverOf = null)
    {
        foreach (var c in _workload.Consumers)
        {
            string cluster = clusterOf(c.Zone);
            for (int i = 0; i < c.Count; i++)
            {
                // Instances of one application are members of one group, which shares the topic's partitions among them.
                string name = c.Count == 1 ? $"consumer-{c.Zone}-{c.Group}" : $"consumer-{c.Zone}-{c.Group}-{i + 1}";
                _apps.Add(new AppPlacement(name, AppRole.Consumer, c.Zone, cluster, topicsOf(cluster, c.Topic))
                {
                    Consumer = c.Config with { GroupId = c.Group }, Topic = c.Topic, Failover = failoverOf?.Invoke(c.Zone), Start = c.Start,
                });
            }
        }
    }

    public void AddFailover(string name, string primary, string standby, FailoverConfig config, string probeZone) =>
        _failovers.Add(new FailoverPlan(name, primary, standby, config, probeZone));

    /// <summary>A remote tier for <paramref name="cluster"/>'s application topics (those of the workload: <c>remote.storage.enable=true</c>, KIP-405).</summary>
    public void AddRemoteTier(string cluster, string storeZone, string? replicaStoreZone, Tiering.RemoteTierConfig config)
    {
        foreach (var z in new[] { storeZone, replicaStoreZone })
        {
            if (z is null || _extraNodes.Any(n => n.Name == Tiering.RemoteTier.StoreNodeName(z))) continue;
            var zone = Zones.First(x => x.Name == z);
            _extraNodes.Add(new NodeOptions(Tiering.RemoteTier.StoreNodeName(z), NodeRole.None, zone.Racks[0]));
        }
        _tiers.Add(new RemoteTierPlan(cluster, storeZone, replicaStoreZone, config) { Topics = _workload.Topics.Select(t => t.Name).ToList() });
    }

    public void Note(string sentence) => _notes.Add(sentence);

    public DeploymentPlan Build()
    {
        var nodes = _clusters.SelectMany(c => c.Nodes).Concat(_extraNodes).ToList();
        var connects = _flowsByTarget.Select(kv => new ConnectClusterConfig(kv.Key, _workers[kv.Key], kv.Value)).ToList();
        var model = _topology with
        {
            Name = $"{_topology.Name}/{_architecture}",
            Network = _topology.Network with { Nodes = nodes },
            Clusters = _clusters,
            MirrorMaker = connects,
        };
        return new DeploymentPlan(_architecture, model, _settings, _apps, _failovers)
        {
            RemoteTiers = _tiers, Sites = _sites, Notes = _notes, StandbyFlows = _standbyFlows,
        };
    }
}
