using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;

namespace Sim.Architectures.Templates;

/// <summary>
/// Hub-and-spoke (seed, "Hub-and-Spoke"): N spoke clusters each mirrored into a central hub; spokes connect to
/// the hub only. With <see cref="FanOut"/>, the hub's copies are mirrored back out to every spoke, so
/// spoke-to-spoke data travels two hops through the hub and stops whenever the hub does. The hub carries the
/// sum of the spokes. <see cref="SpokeCount"/> spreads that many spoke clusters round-robin over the spoke
/// sites (tens of edge locations on a model with a few sites); each runs its own copy of the producers of
/// its site, so the hub's load grows with the count.
/// </summary>
public sealed record HubAndSpokeOptions(IReadOnlyList<string> Spokes, string Hub) : ArchitectureOptions, IMirrorOptions
{
    public ClusterShape SpokeCluster { get; init; } = new(Brokers: 3, Controllers: 3);
    public ClusterShape HubCluster { get; init; } = new();
    public bool FanOut { get; init; }
    public MirrorFlowConfig Mirror { get; init; } = new("-", "-");
    public int WorkersPerConnect { get; init; } = 2;

    /// <summary>Spoke clusters (null: one per spoke site, named after it; otherwise <c>spoke-1</c> … spread round-robin over the sites).</summary>
    public int? SpokeCount { get; init; }
}

public static class HubAndSpoke
{
    public const string Name = "hub-and-spoke";
    public const string HubName = "hub";

    public static DeploymentPlan Build(ModelDefinition topology, HubAndSpokeOptions o, WorkloadSpec workload)
    {
        if (o.Spokes.Count < 2) throw new ArgumentException("hub-and-spoke needs at least two spokes");
        var b = new TemplateBuilder(topology, Name, o, workload);
        int n = o.SpokeCount ?? o.Spokes.Count;
        if (n < 2) throw new ArgumentException("hub-and-spoke needs at least two spokes");
        // Spoke i runs in site i mod the sites; clusters are named after their site when there is one per site.
        var spokes = Enumerable.Range(0, n).Select(i => (Cluster: o.SpokeCount is null ? o.Spokes[i] : $"spoke-{i + 1}", Site: o.Spokes[i % o.Spokes.Count])).ToList();
        foreach (var s in spokes) b.AddCluster(s.Cluster, s.Site, o.SpokeCluster, workload.Topics);
        b.AddCluster(HubName, o.Hub, o.HubCluster, []);
        foreach (var s in spokes) b.AddFlow(s.Cluster, HubName, o.Hub, o);
        if (o.FanOut)
        {
            foreach (var s in spokes) b.AddFlow(HubName, s.Cluster, s.Site, o);
        }
        IReadOnlyList<string> SpokesOf(string zone) => spokes.Where(s => b.Site(s.Site).Contains(zone)).Select(s => s.Cluster).ToList();
        string Home(string zone) => SpokesOf(zone) is [var first, ..] ? first : (b.Site(o.Hub).Contains(zone) ? HubName
            : throw new ArgumentException($"zone '{zone}' is in no spoke nor the hub"));
        b.PlaceProducersOn(z => SpokesOf(z) is { Count: > 0 } all ? all : throw new ArgumentException($"producers write to spokes; zone '{z}' is in the hub"));
        b.PlaceConsumers(Home, (cluster, topic) =>
        {
            if (cluster == HubName) return spokes.Select(s => TemplateBuilder.RemoteTopic(o, s.Cluster, topic)).ToList();
            if (!o.FanOut) return [topic];
            // Fanned out: the other spokes' data arrives as the hub's copy of their copy.
            return [topic, .. spokes.Where(s => s.Cluster != cluster).Select(s => TemplateBuilder.RemoteTopic(o, HubName, TemplateBuilder.RemoteTopic(o, s.Cluster, topic)))];
        });
        b.Note($"{n} spokes mirrored into the hub at {o.Hub}{(o.FanOut ? ", and the hub mirrored back out to every spoke" : "")}.");
        return b.Build();
    }
}
