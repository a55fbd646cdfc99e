using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Network.Faults;
using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>network-partition</c>: messages between the target's nodes and the other side's (<see cref="To"/>,
/// or every other node when null) are dropped, both ways or, with <see cref="OneWay"/>, only from the
/// target towards the other side. The window's nodes are the target side's. With <see cref="Traffic"/> or
/// <see cref="RequestsOnly"/> it is a filter that drops only those messages (one protocol class, requests
/// and not responses), as Kafka's RaftEventSimulationTest router filters traffic per node
/// (DropOutboundRequestsFrom, DropOutboundRequestsTo); TCP itself (resets) still gets through.
/// </summary>
public sealed record NetworkPartition(SimTime At, SimDuration? Duration, Targets<NodeRef> From, Targets<NodeRef>? To) : Fault(At, Duration)
{
    public bool OneWay { get; init; }

    /// <summary>The protocol classes dropped (null: all traffic).</summary>
    public Targets<string>? Traffic { get; init; }

    /// <summary>Drop requests only; responses still pass.</summary>
    public bool RequestsOnly { get; init; }

    /// <summary>The names <c>traffic</c> accepts, one per <see cref="TrafficClass"/>.</summary>
    public static readonly IReadOnlyList<string> TrafficNames = ["client", "replication", "controller", "heartbeats"];

    public override string Kind => FaultKind.NetworkPartition;

    public override string TargetText => From.ToString();

    public override IEnumerable<string> TrailingFields =>
        [.. To is null ? [] : new[] { $"to: \"{To}\"" }, .. OneWay ? new[] { "one_way: true" } : [],
         .. Traffic is null ? [] : new[] { $"traffic: \"{Traffic}\"" }, .. RequestsOnly ? new[] { "requests_only: true" } : []];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var net = runtime.Network;
        var from = NodeRef.ResolveAll(From, runtime);
        var to = To is null ? net.Topology.Nodes.Where(n => !from.Contains(n)).ToList() : NodeRef.ResolveAll(To, runtime);
        var cut = new Cut($"partition {From}|{To?.ToString() ?? "rest"}", NodeSet.Of(net.Topology, [.. from]), NodeSet.Of(net.Topology, [.. to]), !OneWay)
        {
            Only = Filter(),
        };
        net.AddCut(cut);
        string what = Traffic is null && !RequestsOnly ? "" : $" ({Traffic?.ToString() ?? "all"} {(RequestsOnly ? "requests" : "traffic")})";
        return new(FaultHit.OnNodes(from, $"{Describe(from)} {(OneWay ? "->" : "<->")} {Describe(to)}{what}"), () => net.RemoveCut(cut));
    }

    private Func<Sim.Network.Transport.NetMessage, bool>? Filter()
    {
        if (Traffic is null && !RequestsOnly) return null;
        var classes = Traffic?.Select(t => (TrafficClass)TrafficNames.ToList().IndexOf(t)).ToArray();
        bool requestsOnly = RequestsOnly;
        return m => m is KafkaMessage k && (classes is null || classes.Contains(KafkaTraffic.Of(k))) && (!requestsOnly || KafkaTraffic.IsRequest(k));
    }

    private static string Describe(IReadOnlyCollection<Node> nodes)
    {
        var zones = nodes.Select(n => n.Zone.Name).Distinct().ToList();
        return nodes.Count <= 3 ? string.Join(",", nodes.Select(n => n.Name)) : $"{nodes.Count} nodes in {string.Join(",", zones)}";
    }

    public static Fault? Read(FaultFields f)
    {
        var from = f.Each("target", p => f.Names.Node(p, f.Cluster, f.DeclaredCluster));
        var to = f.Each("to", p => f.Names.Node(p, f.Cluster, f.DeclaredCluster));
        bool oneWay = f.Flag("one_way") ?? false;
        bool requestsOnly = f.Flag("requests_only") ?? false;
        var traffic = f.Each("traffic", p => TrafficNames.Contains(p)
            ? p : Parsed<string>.Fail($"no traffic class '{p}' (classes: {string.Join(", ", TrafficNames)})"));
        if (from is null || (to is null && f.Has("to")) || (traffic is null && f.Has("traffic"))) return null;
        return new NetworkPartition(f.At, f.Duration, from, to) { OneWay = oneWay, Traffic = traffic, RequestsOnly = requestsOnly };
    }
}
