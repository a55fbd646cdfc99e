using Sim.Core.Time;
using Sim.Network.Faults;
using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>network-partition</c>: messages between the target's nodes and the other side's (<see cref="To"/>,
/// or every other node when null) are dropped, both ways or, with <see cref="OneWay"/>, only from the
/// target towards the other side. The window's nodes are the target side's.
/// </summary>
public sealed record NetworkPartition(SimTime At, SimDuration? Duration, Targets<NodeRef> From, Targets<NodeRef>? To) : Fault(At, Duration)
{
    public bool OneWay { get; init; }

    public override string Kind => FaultKind.NetworkPartition;

    public override string TargetText => From.ToString();

    public override IEnumerable<string> TrailingFields =>
        [.. To is null ? [] : new[] { $"to: \"{To}\"" }, .. OneWay ? new[] { "one_way: true" } : []];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var net = runtime.Network;
        var from = NodeRef.ResolveAll(From, runtime);
        var to = To is null ? net.Topology.Nodes.Where(n => !from.Contains(n)).ToList() : NodeRef.ResolveAll(To, runtime);
        var cut = new Cut($"partition {From}|{To?.ToString() ?? "rest"}", NodeSet.Of(net.Topology, [.. from]), NodeSet.Of(net.Topology, [.. to]), !OneWay);
        net.AddCut(cut);
        return new(FaultHit.OnNodes(from, $"{Describe(from)} {(OneWay ? "->" : "<->")} {Describe(to)}"), () => net.RemoveCut(cut));
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
        if (from is null || (to is null && f.Has("to"))) return null;
        return new NetworkPartition(f.At, f.Duration, from, to) { OneWay = oneWay };
    }
}
