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
public sealed record ClusterLayout(string Name, IReadOnlyList<NodeOptions> Brokers, IReadOnlyList<NodeOptions> Controllers, ControllerMode ControllerMode);
