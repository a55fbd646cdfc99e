using Sim.Network.Topology;

namespace Sim.Architectures.Model;

/// <summary>How a cluster's controllers run: on their own nodes, or inside brokers (KRaft combined mode).</summary>
public enum ControllerMode
{
    Dedicated,
    Combined,
}

/// <summary>
/// A Kafka cluster as a model file places it: its brokers and its controller quorum's voters, each a
/// node on a rack. In combined mode the controller nodes are also brokers.
/// </summary>
public sealed record ClusterLayout(string Name, IReadOnlyList<NodeOptions> Brokers, IReadOnlyList<NodeOptions> Controllers, ControllerMode ControllerMode)
{
    /// <summary>The machine its brokers run on (the model's <c>hardware:</c>); null keeps the experiment's (the default instance).</summary>
    public Sim.Kafka.Hardware.BrokerHardware? Hardware { get; init; }

    /// <summary>Every node of the cluster once: brokers, then controllers that are not also brokers (in combined mode the voters are brokers).</summary>
    public IEnumerable<NodeOptions> Nodes => Brokers.Concat(Controllers.Where(c => Brokers.All(b => b.Name != c.Name)));
}
