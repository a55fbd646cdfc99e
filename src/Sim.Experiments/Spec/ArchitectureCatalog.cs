namespace Sim.Experiments.Spec;

/// <summary>One line on each architecture template, for <c>sim list</c> and the docs.</summary>
public static class ArchitectureCatalog
{
    public static readonly IReadOnlyList<(string Name, string Description)> Descriptions =
    [
        ("stretch", "one cluster across 2-3 sites (rack = site), KRaft voters placed per site; keys: sites, brokers_per_site, controllers"),
        ("active-active", "a cluster per site, MirrorMaker 2 both ways, local produce and consume; keys: sites, cluster, mirror, failover"),
        ("active-passive", "a primary and a standby fed by MirrorMaker 2, clients fail over; keys: primary, standby, *_cluster, mirror, failover"),
        ("aggregate", "regional clusters mirrored into one aggregate cluster; keys: regions, aggregate, regional_cluster, aggregate_cluster, mirror"),
        ("hub-and-spoke", "spoke clusters mirrored into a hub, optionally fanned back out; keys: spokes, hub, spoke_cluster, hub_cluster, fan_out, mirror"),
        ("observer", "production clusters mirrored into a read-only analytics cluster; keys: production, observer, *_cluster, mirror"),
        ("tiered-dr", "active-passive for hot data plus a remote tier replicated between object stores; keys: primary, dr, tier, mirror, failover"),
        ("custom", "the model file's own clusters and MirrorMaker 2 flows; keys: client_clusters"),
    ];
}
