using System.Globalization;
using Sim.Architectures.Templates;

namespace Sim.Architectures.Faults;

/// <summary>
/// The names one deployment offers a fault plan (zones, regions, sites, clusters, brokers, controllers,
/// workers, nodes, topics) and the roles a target may use; reads each part of a target into a typed
/// reference, checked against the deployment, so a bad name fails when the plan is read, at its key.
/// </summary>
public sealed class FaultNames
{
    /// <summary>The roles a target may use, resolved when the fault fires.</summary>
    public static readonly IReadOnlyList<string> RoleNames =
        ["leader-of", "follower-of", "active-controller", "controller-voter", "random-broker", "random-controller", "random-worker", "random-consumer", "zone-with-most-leaders"];

    private readonly DeploymentPlan _plan;

    public FaultNames(DeploymentPlan plan)
    {
        _plan = plan;
        var model = plan.Model;
        Zones = model.Network.Topology.Regions.SelectMany(r => r.Zones).Select(z => z.Name).ToList();
        Regions = model.Network.Topology.Regions.Select(r => r.Name).ToList();
        Clusters = model.Clusters.Select(c => c.Name).ToList();
        Brokers = model.Clusters.SelectMany(c => c.Brokers).Select(b => b.Name).ToList();
        Controllers = model.Clusters.SelectMany(c => c.Controllers).Select(b => b.Name).ToList();
        Workers = model.MirrorMaker.SelectMany(c => c.Workers).ToList();
        Consumers = plan.Apps.Where(a => a.Role == AppRole.Consumer).Select(a => a.Name).ToList();
        Flows = model.MirrorMaker.SelectMany(c => c.Flows).Select(f => f.Name).ToList();
        Nodes = model.Network.Nodes.Select(n => n.Name).Concat(Zones.Select(z => $"client-{z}")).ToList();
    }

    public DeploymentPlan Plan => _plan;
    public IReadOnlyList<string> Zones { get; }
    public IReadOnlyList<string> Regions { get; }
    public IReadOnlyList<string> Clusters { get; }
    public IReadOnlyList<string> Brokers { get; }
    public IReadOnlyList<string> Controllers { get; }
    public IReadOnlyList<string> Workers { get; }
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The consumer application instances (<c>consumer-ZONE-GROUP</c>, numbered when a group has several).</summary>
    public IReadOnlyList<string> Consumers { get; }

    /// <summary>The MirrorMaker 2 flows, as <c>SOURCE-&gt;TARGET</c>.</summary>
    public IReadOnlyList<string> Flows { get; }

    /// <summary>The cluster roles refer to when a fault names none: the deployment's first.</summary>
    public string? DefaultCluster => Clusters.Count > 0 ? Clusters[0] : null;

    public bool IsPlace(string s) => Zones.Contains(s) || Regions.Contains(s) || _plan.Sites.ContainsKey(s);

    /// <summary>The role of a part and its argument (null: a name).</summary>
    public static (string Role, string? Argument)? RoleOf(string part)
    {
        int colon = part.IndexOf(':');
        string head = colon < 0 ? part : part[..colon];
        if (!RoleNames.Contains(head)) return null;
        return (head, colon < 0 ? null : part[(colon + 1)..]);
    }

    /// <summary>A broker by name, <c>leader-of:TOPIC/PARTITION</c> or <c>random-broker[:ZONE]</c> of <paramref name="cluster"/>.</summary>
    public Parsed<BrokerRef> Broker(string part, string? cluster)
    {
        switch (RoleOf(part))
        {
            case null:
                var owner = _plan.Model.Clusters.FirstOrDefault(c => c.Brokers.Any(b => b.Name == part));
                return owner is null ? Parsed<BrokerRef>.Fail($"no broker named '{part}'{Some(Brokers)}") : new BrokerRef.Named(owner.Name, part);
            case { Role: "leader-of" or "follower-of" } r:
                var partition = Partition(r.Argument, cluster);
                if (partition.Value is not { } pr) return Parsed<BrokerRef>.Fail(partition.Problem!);
                return r.Role == "leader-of" ? new BrokerRef.LeaderOf(pr.Cluster, pr.Topic, pr.Partition) : new BrokerRef.FollowerOf(pr.Cluster, pr.Topic, pr.Partition);
            case { Role: "random-broker", Argument: null }:
                return cluster is null ? Parsed<BrokerRef>.Fail("the deployment has no cluster") : new BrokerRef.RandomAlive(cluster, null);
            case { Role: "random-broker", Argument: { } z }:
                var layout = _plan.Model.Clusters.FirstOrDefault(c => c.Name == cluster);
                return layout is not null && layout.Brokers.Any(b => ZoneOfRack(b.Rack) == z)
                    ? new BrokerRef.RandomAlive(layout.Name, z) : Parsed<BrokerRef>.Fail($"cluster '{cluster}' has no broker in zone '{z}'");
            default:
                return Parsed<BrokerRef>.Fail($"'{part}' does not name a broker (use a broker's name, leader-of:TOPIC/PARTITION, follower-of:TOPIC/PARTITION or random-broker[:ZONE])");
        }
    }

    /// <summary>A controller by name, <c>active-controller</c> or <c>random-controller</c> of <paramref name="cluster"/>.</summary>
    public Parsed<ControllerRef> Controller(string part, string? cluster)
    {
        switch (RoleOf(part))
        {
            case null:
                var owner = _plan.Model.Clusters.FirstOrDefault(c => c.Controllers.Any(b => b.Name == part));
                return owner is null ? Parsed<ControllerRef>.Fail($"no controller named '{part}'{Some(Controllers)}") : new ControllerRef.Named(owner.Name, part);
            case { Role: "active-controller" or "random-controller" or "controller-voter" } r:
                if (cluster is null) return Parsed<ControllerRef>.Fail("the deployment has no cluster");
                return r.Role switch
                {
                    "active-controller" => new ControllerRef.Active(cluster),
                    "controller-voter" => new ControllerRef.FollowerVoter(cluster),
                    _ => new ControllerRef.RandomAlive(cluster),
                };
            default:
                return Parsed<ControllerRef>.Fail($"'{part}' does not name a controller (use a controller's name, active-controller, controller-voter or random-controller)");
        }
    }

    /// <summary>A MirrorMaker 2 worker by name, or <c>random-worker</c>.</summary>
    public Parsed<WorkerRef> Worker(string part) => RoleOf(part) switch
    {
        null => Workers.Contains(part) ? new WorkerRef.Named(part) : Parsed<WorkerRef>.Fail($"no MirrorMaker 2 worker named '{part}'{Some(Workers)}"),
        { Role: "random-worker" } => Workers.Count > 0 ? new WorkerRef.RandomUp() : Parsed<WorkerRef>.Fail("the deployment runs no MirrorMaker 2 workers"),
        _ => Parsed<WorkerRef>.Fail($"'{part}' does not name a worker (use a worker's name or random-worker)"),
    };

    /// <summary>A consumer application instance by name, or <c>random-consumer</c>.</summary>
    public Parsed<ConsumerRef> Consumer(string part) => RoleOf(part) switch
    {
        null => Consumers.Contains(part) ? new ConsumerRef.Named(part) : Parsed<ConsumerRef>.Fail($"no consumer application named '{part}'{Some(Consumers)}"),
        { Role: "random-consumer" } => Consumers.Count > 0 ? new ConsumerRef.RandomRunning() : Parsed<ConsumerRef>.Fail("the workload runs no consumers"),
        _ => Parsed<ConsumerRef>.Fail($"'{part}' does not name a consumer (use an application's name or random-consumer)"),
    };

    /// <summary>A zone, or <c>zone-with-most-leaders</c> (of <paramref name="cluster"/>, or of every cluster when null).</summary>
    public Parsed<PlaceRef> Zone(string part, string? cluster) => RoleOf(part) switch
    {
        null => Zones.Contains(part) ? PlaceRef.Of(_plan, part)! : Parsed<PlaceRef>.Fail($"no zone named '{part}'{Some(Zones)}"),
        { Role: "zone-with-most-leaders" } => new PlaceRef.MostLeaders(cluster),
        _ => Parsed<PlaceRef>.Fail($"'{part}' does not name a zone"),
    };

    public Parsed<PlaceRef> Region(string part) =>
        RoleOf(part) is null && Regions.Contains(part) ? PlaceRef.Of(_plan, part)! : Parsed<PlaceRef>.Fail($"no region named '{part}'{Some(Regions)}");

    /// <summary>A site, zone or region, or <c>zone-with-most-leaders</c>.</summary>
    public Parsed<PlaceRef> Place(string part, string? cluster) => RoleOf(part) switch
    {
        null => IsPlace(part) ? PlaceRef.Of(_plan, part)! : Parsed<PlaceRef>.Fail($"no site, zone or region named '{part}'{Some([.. _plan.Sites.Keys, .. Zones])}"),
        { Role: "zone-with-most-leaders" } => new PlaceRef.MostLeaders(cluster),
        _ => Parsed<PlaceRef>.Fail($"'{part}' does not name a place"),
    };

    /// <summary>A node by name, a broker or controller (by name or role), or a place, for a network partition.</summary>
    public Parsed<NodeRef> Node(string part, string? cluster, string? declaredCluster)
    {
        switch (RoleOf(part))
        {
            case { Role: "leader-of" or "follower-of" or "random-broker" }:
                var b = Broker(part, cluster);
                return b.Value is { } broker ? new NodeRef.Broker(broker) : Parsed<NodeRef>.Fail(b.Problem!);
            case { Role: "active-controller" or "random-controller" or "controller-voter" }:
                var c = Controller(part, cluster);
                return c.Value is { } controller ? new NodeRef.Controller(controller) : Parsed<NodeRef>.Fail(c.Problem!);
            case { Role: "zone-with-most-leaders" }:
                return new NodeRef.Place(new PlaceRef.MostLeaders(declaredCluster));
            case null when Nodes.Contains(part):
                return new NodeRef.Named(part);
            case null when IsPlace(part):
                return new NodeRef.Place(PlaceRef.Of(_plan, part)!);
            default:
                return Parsed<NodeRef>.Fail($"no zone, region or node named '{part}'");
        }
    }

    /// <summary>
    /// A process to pause: a broker or controller (by name or role), or a node by name (a MirrorMaker 2
    /// worker, a client host <c>client-ZONE</c>, any node of the model). Places are refused: a pause stops
    /// processes, and a whole zone's is an outage.
    /// </summary>
    public Parsed<NodeRef> Process(string part, string? cluster)
    {
        if (RoleOf(part) is null && IsPlace(part) && !Nodes.Contains(part))
            return Parsed<NodeRef>.Fail($"'{part}' is a place; process-pause takes a broker, controller, worker or client host");
        if (RoleOf(part) is { Role: "zone-with-most-leaders" })
            return Parsed<NodeRef>.Fail("process-pause takes a broker, controller, worker or client host, not a zone");
        return Node(part, cluster, cluster);
    }

    /// <summary>A broker named in the model, as sim check's schedules name them.</summary>
    public BrokerRef.Named NamedBroker(string name) => (BrokerRef.Named)Broker(name, null).Value!;

    /// <summary>A partition of <paramref name="cluster"/> written <c>TOPIC/PARTITION</c>, checked against the topics the deployment creates.</summary>
    public Parsed<PartitionRef> Partition(string? text, string? cluster)
    {
        if (text is null) return Parsed<PartitionRef>.Fail("a partition is written TOPIC/PARTITION, as in leader-of:orders/0");
        int slash = text.LastIndexOf('/');
        if (slash < 0 || !int.TryParse(text[(slash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int p))
            return Parsed<PartitionRef>.Fail($"'{text}' is not TOPIC/PARTITION");
        string topic = text[..slash];
        if (cluster is null || !_plan.Settings.TryGetValue(cluster, out var settings)) return Parsed<PartitionRef>.Fail("the deployment has no cluster");
        var t = settings.Topics.FirstOrDefault(x => x.Name == topic);
        if (t is null) return Parsed<PartitionRef>.Fail($"cluster '{cluster}' has no topic '{topic}' (topics: {string.Join(", ", settings.Topics.Select(x => x.Name))})");
        return p >= 0 && p < t.Partitions ? new PartitionRef(cluster, topic, p) : Parsed<PartitionRef>.Fail($"topic '{topic}' has partitions 0 to {t.Partitions - 1}, not {p}");
    }

    /// <summary>The Kafka ids of a cluster's brokers, in order.</summary>
    public IReadOnlyList<int> BrokerIds(string cluster) =>
        _plan.Model.Clusters.First(c => c.Name == cluster).Brokers.Select(b => b.KafkaId!.Value).Order().ToList();

    /// <summary>A topic of a cluster as created (null: no such topic).</summary>
    public Sim.Kafka.Config.TopicConfig? Topic(string cluster, string name) =>
        _plan.Settings.TryGetValue(cluster, out var s) ? s.Topics.FirstOrDefault(t => t.Name == name) : null;

    /// <summary>The topics of a cluster, for messages.</summary>
    public IEnumerable<string> TopicNames(string cluster) =>
        _plan.Settings.TryGetValue(cluster, out var s) ? s.Topics.Select(t => t.Name) : [];

    /// <summary>The replication factor of a partition's topic (for conditions on its ISR).</summary>
    public int ReplicationFactor(PartitionRef p) => _plan.Settings[p.Cluster].Topics.First(t => t.Name == p.Topic).ReplicationFactor;

    private static string Some(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "" : $" (there are: {string.Join(", ", names.Take(8))}{(names.Count > 8 ? ", ..." : "")})";

    private string? ZoneOfRack(string rack) =>
        _plan.Model.Network.Topology.Regions.SelectMany(r => r.Zones).FirstOrDefault(z => z.Racks.Contains(rack))?.Name;
}
