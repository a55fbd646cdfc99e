using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Experiments.Models;
using Sim.Kafka;
using Sim.Kafka.Invariants;
using Sim.Kafka.Observation;
using Sim.Network;
using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Experiments.Runtime;

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
    public RngStreams Streams { get; }
    public NetworkTopology Topology { get; }
    public Network.Transport.Network Network { get; }
    public KafkaEvents Events { get; } = new();
    public IReadOnlyDictionary<string, KafkaCluster> Clusters => _clusters;

    public KafkaCluster Cluster(string name) => _clusters[name];

    /// <summary>The host in <paramref name="zone"/> that clients run on.</summary>
    public Node ClientNode(string zone) => Topology.Node(ClientNodeName(zone));

    public static string ClientNodeName(string zone) => $"client-{zone}";

    /// <param name="settings">Topics and configuration per cluster name; every cluster of the model needs an entry.</param>
    /// <param name="observers">Observers registered before anything starts, so they see every event.</param>
    public static Simulation Build(ModelDefinition model, IReadOnlyDictionary<string, ClusterSettings> settings, ulong seed,
        IEnumerable<IKafkaObserver>? observers = null, bool checkInvariants = false)
    {
        var zones = model.Network.Topology.Regions.SelectMany(r => r.Zones).ToList();
        var clients = zones.Select(z => new NodeOptions(ClientNodeName(z.Name), NodeRole.Client, z.Racks[0])).ToList();
        var options = model.Network with { Nodes = [.. model.Network.Nodes, .. clients] };
        var topology = new NetworkTopology(options.Topology, options.Nodes);
        var sim = new Simulation(seed, topology, options);
        foreach (var o in observers ?? []) sim.Events.Add(o);
        foreach (var layout in model.Clusters)
        {
            if (!settings.TryGetValue(layout.Name, out var s))
                throw new ArgumentException($"no settings for cluster '{layout.Name}' of model '{model.Name}'");
            var cluster = KafkaCluster.Build(
                new KafkaClusterOptions(layout.Name,
                    layout.Brokers.Select(b => (b.KafkaId!.Value, topology.Node(b.Name))).ToList(),
                    layout.Controllers.Select(c => (c.KafkaId!.Value, topology.Node(c.Name))).ToList(),
                    s.Topics)
                { Broker = s.Broker, Quorum = s.Quorum, OffsetsTopicPartitions = s.OffsetsTopicPartitions },
                sim.Scheduler, sim.Network, sim.Streams, sim.Events);
            sim._clusters.Add(layout.Name, cluster);
            if (checkInvariants) KafkaInvariants.Register(sim.Scheduler, cluster);
        }
        sim.Scheduler.CheckInvariants = checkInvariants;
        return sim;
    }
}
