using Sim.Architectures.Templates;
using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// A place a fault hits: a site the architecture names, a region, a zone, or the role
/// <c>zone-with-most-leaders</c>, resolved when the fault fires.
/// </summary>
public abstract record PlaceRef
{
    private protected PlaceRef() { }

    /// <summary>The zones this names now.</summary>
    public abstract IEnumerable<Zone> Resolve(FaultRuntime runtime);

    /// <summary>
    /// The place a name in the deployment stands for (null: none). A site's name wins over a region's,
    /// and a region's over a zone's, as architectures name sites after the places they span.
    /// </summary>
    public static PlaceRef? Of(DeploymentPlan plan, string name)
    {
        if (plan.Sites.ContainsKey(name)) return new Site(name);
        var regions = plan.Model.Network.Topology.Regions;
        if (regions.Any(r => r.Name == name)) return new Region(name);
        return regions.SelectMany(r => r.Zones).Any(z => z.Name == name) ? new ZoneNamed(name) : null;
    }

    /// <summary>The zones of several places, each once, in the order they are named.</summary>
    public static List<Zone> ResolveAll(IEnumerable<PlaceRef> places, FaultRuntime runtime) =>
        places.SelectMany(p => p.Resolve(runtime)).Distinct().ToList();

    /// <summary>A site of the architecture: the zones it maps the site to.</summary>
    public sealed record Site(string Name) : PlaceRef
    {
        public override IEnumerable<Zone> Resolve(FaultRuntime runtime) => runtime.Run.Plan.Sites[Name].Select(runtime.Topology.Zone);

        public override string ToString() => Name;
    }

    public sealed record Region(string Name) : PlaceRef
    {
        public override IEnumerable<Zone> Resolve(FaultRuntime runtime) => runtime.Topology.Regions.First(r => r.Name == Name).Zones;

        public override string ToString() => Name;
    }

    public sealed record ZoneNamed(string Name) : PlaceRef
    {
        public override IEnumerable<Zone> Resolve(FaultRuntime runtime) => [runtime.Topology.Zone(Name)];

        public override string ToString() => Name;
    }

    /// <summary>The zone whose brokers lead the most partitions when the fault fires (of one cluster, or of all when null).</summary>
    public sealed record MostLeaders(string? Cluster) : PlaceRef
    {
        public override IEnumerable<Zone> Resolve(FaultRuntime runtime)
        {
            var t = runtime.Topology;
            var clusters = Cluster is null ? runtime.Run.Simulation.Clusters.Values : [runtime.Cluster(Cluster)];
            var counts = t.Zones.ToDictionary(z => z, _ => 0);
            foreach (var c in clusters)
            {
                foreach (var p in c.Context.Partitions)
                {
                    int leader = c.PartitionState(p.Index).Leader;
                    if (leader >= 0) counts[c.Broker(leader).Node.Zone]++;
                }
            }
            return [counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal).First().Key];
        }

        public override string ToString() => "zone-with-most-leaders";
    }
}
