namespace Sim.Network.Topology;

/// <summary>
/// A machine on the network: a broker, a controller, a client host, a Connect worker. Its
/// <see cref="Index"/> is dense (0..n-1) and is how the network addresses it; <see cref="KafkaId"/>
/// is the <c>node.id</c> a Kafka cluster knows it by, when it belongs to one.
/// </summary>
public sealed class Node(int index, string name, NodeRole roles, Rack rack, string? cluster, int? kafkaId)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public NodeRole Roles { get; } = roles;
    public Rack Rack { get; } = rack;
    public Zone Zone => Rack.Zone;
    public Region Region => Rack.Zone.Region;
    public string? Cluster { get; } = cluster;
    public int? KafkaId { get; } = kafkaId;
    public bool Is(NodeRole role) => (Roles & role) == role;
    public override string ToString() => Name;
}
