using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Network;

/// <summary>
/// Which preset a pair of nodes gets when no link override names their zones: by scope, from the
/// same rack out to a different region.
/// </summary>
public sealed record LinkDefaults(
    string SameRack = LinkPresets.SameRack,
    string SameZone = LinkPresets.SameZone,
    string CrossZone = LinkPresets.CrossAz,
    string CrossRegion = LinkPresets.CrossRegion);

/// <summary>
/// Everything the network layer is built from: the structure, the nodes placed in it, link overrides
/// and default presets. Immutable; <see cref="NetworkOptionsValidator"/> checks it before anything is built.
/// </summary>
public sealed record NetworkOptions(
    TopologyOptions Topology,
    IReadOnlyList<NodeOptions> Nodes,
    IReadOnlyList<LinkOptions> Links,
    LinkDefaults Defaults)
{
    public NetworkOptions(TopologyOptions topology, IReadOnlyList<NodeOptions> nodes)
        : this(topology, nodes, [], new LinkDefaults()) { }
}
