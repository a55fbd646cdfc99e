using Sim.Architectures.Model;

namespace Sim.Architectures.Templates;

/// <summary>
/// Stretch cluster: one Kafka cluster across two or three sites, broker.rack set to the site so that
/// rack-aware placement spreads each partition's replicas over sites, and a KRaft quorum whose voters the
/// user places (<see cref="Controllers"/>, voters per site). Writes with <c>acks=all</c> cross sites
/// synchronously; failover is the cluster's own: fencing, ISR shrink, leader election.
/// </summary>
public sealed record StretchOptions(IReadOnlyList<string> Sites) : ArchitectureOptions
{
    public int BrokersPerSite { get; init; } = 3;

    /// <summary>KRaft voters per site (default: one per site with three sites; two and one with two sites).</summary>
    public IReadOnlyDictionary<string, int>? Controllers { get; init; }

    /// <summary>
    /// A site that runs controllers (KRaft voters, or ZooKeeper servers) and no broker: the tie-breaker of a
    /// "2.5-site" layout, which lets either broker site keep a metadata majority when the other is lost
    /// (Confluent, "Multi-Region Clusters": a third site holding only a ZooKeeper/controller node). Default: one
    /// voter there, one in each broker site.
    /// </summary>
    public string? Witness { get; init; }
}

public static class StretchCluster
{
    public const string Name = "stretch";
    public const string ClusterName = "stretch";

    public static DeploymentPlan Build(ModelDefinition topology, StretchOptions o, WorkloadSpec workload)
    {
        if (o.Sites.Count is < 2 or > 3) throw new ArgumentException($"a stretch cluster spans two or three sites, not {o.Sites.Count}");
        var b = new TemplateBuilder(topology, Name, o, workload);
        if (o.Witness is { } w && o.Sites.Contains(w)) throw new ArgumentException($"the witness site '{w}' also runs brokers; a witness holds controllers only");
        var voters = o.Controllers ?? (o.Witness is { } witness
            ? o.Sites.Append(witness).ToDictionary(s => s, _ => 1)
            : o.Sites.Count == 3
                ? o.Sites.ToDictionary(s => s, _ => 1)
                : new Dictionary<string, int> { [o.Sites[0]] = 2, [o.Sites[1]] = 1 });
        var controllerSites = o.Witness is null ? o.Sites : [.. o.Sites, o.Witness];
        foreach (var s in voters.Keys)
        {
            if (!controllerSites.Contains(s)) throw new ArgumentException($"controllers are placed in '{s}', which is not one of the stretch cluster's sites ({string.Join(", ", controllerSites)})");
        }
        var placement = new List<(string, int, int)>();
        foreach (var site in o.Sites)
        {
            var zones = b.Site(site);
            int v = voters.GetValueOrDefault(site);
            for (int i = 0; i < zones.Count; i++)
                placement.Add((zones[i], o.BrokersPerSite / zones.Count + (i < o.BrokersPerSite % zones.Count ? 1 : 0), v / zones.Count + (i < v % zones.Count ? 1 : 0)));
        }
        if (o.Witness is { } tieBreaker)
        {
            var zones = b.Site(tieBreaker);
            int v = voters.GetValueOrDefault(tieBreaker);
            for (int i = 0; i < zones.Count; i++) placement.Add((zones[i], 0, v / zones.Count + (i < v % zones.Count ? 1 : 0)));
        }
        b.AddCluster(ClusterName, placement, workload.Topics);
        b.PlaceProducers(_ => ClusterName);
        b.PlaceConsumers(_ => ClusterName, (_, topic) => [topic]);
        int total = voters.Values.Sum();
        var majority = voters.Where(kv => kv.Value > total / 2).Select(kv => kv.Key).FirstOrDefault();
        b.Note($"One cluster over {string.Join(", ", o.Sites)}; {total} KRaft voters ({string.Join(", ", voters.Select(kv => $"{kv.Key}: {kv.Value}"))}).");
        if (o.Witness is not null) b.Note($"Site {o.Witness} is a witness: it runs {voters.GetValueOrDefault(o.Witness)} voter(s) and no broker.");
        if (majority is not null) b.Note($"Site {majority} holds a majority of the voters: losing it stops the metadata quorum.");
        return b.Build();
    }
}
