namespace Sim.Network.Topology;

/// <summary>Regions, zones and racks as a model file declares them. Immutable; validated by <see cref="Sim.Network.NetworkOptionsValidator"/>.</summary>
public sealed record TopologyOptions(IReadOnlyList<RegionOptions> Regions);

public sealed record RegionOptions(string Name, IReadOnlyList<ZoneOptions> Zones);

public sealed record ZoneOptions(string Name, IReadOnlyList<string> Racks);

/// <summary>One node placed on a rack. <see cref="KafkaId"/> is its <c>node.id</c> within <see cref="Cluster"/>.</summary>
/// <para><see cref="Key"/> is where the node was declared, for error messages (defaults to <c>nodes.NAME</c>).</para>
public sealed record NodeOptions(string Name, NodeRole Roles, string Rack, string? Cluster = null, int? KafkaId = null, string? Key = null);
