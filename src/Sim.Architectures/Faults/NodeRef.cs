using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// One side of a network partition, part by part: a node by name, a broker or controller (by name or
/// role), or every node of a place.
/// </summary>
public abstract record NodeRef
{
    private protected NodeRef() { }

    /// <summary>The nodes this names now.</summary>
    public abstract IEnumerable<Node> Resolve(FaultRuntime runtime);

    /// <summary>The nodes of several parts, each once, in the order they are named.</summary>
    public static List<Node> ResolveAll(IEnumerable<NodeRef> parts, FaultRuntime runtime) =>
        parts.SelectMany(p => p.Resolve(runtime)).Distinct().ToList();

    public sealed record Named(string Name) : NodeRef
    {
        public override IEnumerable<Node> Resolve(FaultRuntime runtime) => [runtime.Topology.Node(Name)];

        public override string ToString() => Name;
    }

    public sealed record Broker(BrokerRef Ref) : NodeRef
    {
        public override IEnumerable<Node> Resolve(FaultRuntime runtime) =>
            Ref.Resolve(runtime) is var (c, id) ? [c.Broker(id).Node] : [];

        public override string ToString() => Ref.ToString()!;
    }

    public sealed record Controller(ControllerRef Ref) : NodeRef
    {
        public override IEnumerable<Node> Resolve(FaultRuntime runtime) =>
            Ref.Resolve(runtime) is var (_, q) ? [q.Node] : [];

        public override string ToString() => Ref.ToString()!;
    }

    public sealed record Place(PlaceRef Ref) : NodeRef
    {
        public override IEnumerable<Node> Resolve(FaultRuntime runtime)
        {
            var zones = Ref.Resolve(runtime).Distinct().ToList();
            return runtime.Topology.Nodes.Where(n => zones.Contains(n.Zone));
        }

        public override string ToString() => Ref.ToString()!;
    }
}
