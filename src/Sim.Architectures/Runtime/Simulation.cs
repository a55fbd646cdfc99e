using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Architectures.Model;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Invariants;
using Sim.Kafka.Observation;
using Sim.MirrorMaker;
using Sim.Network;
using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Architectures.Runtime;

/// <summary>
/// One run's world, built from a loaded model file: the kernel, the random streams of the run's seed, the
/// network with its links, and each cluster the model places, started in steady state. Clients are
/// placed on client nodes added to the model's zones (one per zone, named <c>client-ZONE</c>).
/// </summary>
public sealed class Simulation
{
    private readonly Dictionary<string, KafkaCluster> _clusters = new(StringComparer.Ordinal);

    private Simulation(ulong seed, NetworkTopology topology, NetworkOptions options)
    {
        Streams = new RngStreams(seed);
        Topology = topology;
        Network = new Network.Transport.Network(Scheduler, topology, new LinkTable(topology, options.Links, options.Defaults), Streams);
    }

    public Scheduler Scheduler { get; } = new();

    /// <summary>Every client id of the run and its name (MirrorMaker 2's, the failover controllers', the applications').</summary>
    public ClientIds ClientIds { get; } = new();
    public RngStreams Streams { get; }
    public NetworkTopology Topology { get; }
    public Network.Transport.Network Network { get; }
    private readonly Dictionary<string, KafkaEvents> _events = new(StringComparer.Ordinal);

    /// <summary>The event outlet of one cluster: observers registered here see that cluster only.</summary>
    public KafkaEvents EventsOf(string cluster) => _events[cluster];

    public IReadOnlyDictionary<string, KafkaCluster> Clusters => _clusters;

    /// <summary>The model's MirrorMaker 2 deployment, started with the clusters; null when the model has none.</summary>
    public MirrorMakerDeployment? MirrorMaker { get; private set; }

    public KafkaCluster Cluster(string name) => _clusters[name];

    /// <summary>The host in <paramref name="zone"/> that clients run on.</summary>
    public Node ClientNode(string zone) => Topology.Node(ClientNodeName(zone));

    public static string ClientNodeName(string zone) => $"client-{zone}";

    /// <param name="settings">Topics and configuration per cluster name; every cluster of the model needs an entry.</param>
    /// <param name="observers">Observers registered on every cluster before anything starts, so they see every event.</param>
    /// <param name="observersOf">Observers for one cluster only, by cluster name, also registered before anything starts.</param>
    public static Simulation Build(ModelDefinition model, IReadOnlyDictionary<string, ClusterSettings> settings, ulong seed,
        IEnumerable<IKafkaObserver>? observers = null, bool checkInvariants = false, Func<string, IEnumerable<IKafkaObserver>>? observersOf = null)
    {
        var zones = model.Network.Topology.Regions.SelectMany(r => r.Zones).ToList();
        var clients = zones.Select(z => new NodeOptions(ClientNodeName(z.Name), NodeRole.Client, z.Racks[0])).ToList();
        var options = model.Network with { Nodes = [.. model.Network.Nodes, .. clients] };
        var topology = new NetworkTopology(options.Topology, options.Nodes);
        var sim = new Simulation(seed, topology, options);
        foreach (var z in zones)
        {
            if (z.ClientNetwork is { } card) sim.Network.SetNic(sim.ClientNode(z.Name), new Sim.Network.Transport.NicProfile(card) { Mtu = 1500 });
        }
        var invariants = checkInvariants ? new InvariantMonitor(sim.Scheduler) : null;
        var observerList = (observers ?? []).ToList();
        var flows = model.MirrorMaker.SelectMany(c => c.Flows).ToList();
        foreach (var layout in model.Clusters)
        {
            if (!settings.ContainsKey(layout.Name))
                throw new ArgumentException($"no settings for cluster '{layout.Name}' of model '{model.Name}'");
        }
        // MirrorMaker 2's remote and heartbeats topics exist on the clusters from the start.
        var topics = MirrorPlan.Topics(
            model.Clusters.ToDictionary(c => c.Name, c => (IReadOnlyList<Sim.Kafka.Config.TopicConfig>)settings[c.Name].Topics, StringComparer.Ordinal),
            model.Clusters.ToDictionary(c => c.Name, c => c.Brokers.Count, StringComparer.Ordinal), flows);
        foreach (var layout in model.Clusters)
        {
            var s = settings[layout.Name] with { Topics = topics[layout.Name] };
            var events = new KafkaEvents();
            foreach (var o in observerList) events.Add(o);
            foreach (var o in observersOf?.Invoke(layout.Name) ?? []) events.Add(o);
            sim._events.Add(layout.Name, events);
            var cluster = KafkaCluster.Build(
                new KafkaClusterOptions(layout.Name,
                    layout.Brokers.Select(b => (b.KafkaId!.Value, topology.Node(b.Name))).ToList(),
                    layout.Controllers.Select(c => (c.KafkaId!.Value, topology.Node(c.Name))).ToList(),
                    s.Topics)
                { Server = layout.Hardware is { } hw ? s.Server with { Broker = s.Server.Broker with { Hardware = hw } } : s.Server },
                sim.Scheduler, sim.Network, sim.Streams, events);
            sim._clusters.Add(layout.Name, cluster);
            if (invariants is not null) KafkaInvariants.Register(invariants, cluster);
        }
        sim.Scheduler.Monitor = invariants;
        if (model.MirrorMaker.Count > 0)
        {
            sim.MirrorMaker = new MirrorMakerDeployment(sim.Scheduler, sim.Network, sim._clusters, model.MirrorMaker, topology.Node, sim.ClientIds.MirrorMaker());
            sim.MirrorMaker.Start();
            invariants?.Add(new Sim.MirrorMaker.Invariants.TranslatedOffsetsNotAhead(sim.MirrorMaker.Flows));
        }
        return sim;
    }
}
