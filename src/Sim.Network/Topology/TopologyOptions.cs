namespace Sim.Network.Topology;

/// <summary>Regions, zones and racks as a model file declares them. Immutable; validated by <see cref="Sim.Network.NetworkOptionsValidator"/>.</summary>
public sealed record TopologyOptions(IReadOnlyList<RegionOptions> Regions);

public sealed record RegionOptions(string Name, IReadOnlyList<ZoneOptions> Zones);

public sealed record ZoneOptions(string Name, IReadOnlyList<string> Racks)
{
    /// <summary>
    /// The network card of the zone's client host, where every application of the zone runs (each direction at this
    /// rate, no burst); null leaves the host limited by its links only. A benchmark's load generator on its own
    /// machine is bound by its card, as kafka-producer-perf-test on a 1 GbE host is.
    /// </summary>
    public Sim.Core.Bandwidth? ClientNetwork { get; init; }
}

/// <summary>One node placed on a rack. <see cref="KafkaId"/> is its <c>node.id</c> within <see cref="Cluster"/>.</summary>
/// <para><see cref="Key"/> is where the node was declared, for error messages (defaults to <c>nodes.NAME</c>).</para>
public sealed record NodeOptions(string Name, NodeRole Roles, string Rack, string? Cluster = null, int? KafkaId = null, string? Key = null);
