using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;

namespace Sim.Architectures.Templates;

/// <summary>
/// Hub-and-spoke (seed, "Hub-and-Spoke"): N spoke clusters each mirrored into a central hub; spokes connect to
/// the hub only. With <see cref="FanOut"/>, the hub's copies are mirrored back out to every spoke, so
/// spoke-to-spoke data travels two hops through the hub and stops whenever the hub does. The hub carries the
/// sum of the spokes. <see cref="SpokeCount"/> spreads that many spoke clusters round-robin over the spoke
/// sites (tens of edge locations on a model with a few sites); each runs its own copy of the producers of
/// its site, so the hub's load grows with the count. With <see cref="HubStandby"/>, a second hub in another site is fed
/// by every spoke as well; its fan-out to the spokes is set up paused and resumed by a failover when the hub is
/// declared lost (<see cref="StandbyFlowsFailover"/>), so spoke-to-spoke data stops for the detection and the
/// resume instead of the whole outage, at the price of the spokes receiving again what the standby replays.
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

    /// <summary>The site of a standby hub (null: none, the hub is a single point of failure).</summary>
    public string? HubStandby { get; init; }

    public ClusterShape HubStandbyCluster { get; init; } = new();

    /// <summary>How the hub's loss is detected and the standby's fan-out resumed (detection, redirect delay, failback).</summary>
    public FailoverConfig HubFailover { get; init; } = new() { Redirect = RedirectKind.Reconfigure };
}

public static class HubAndSpoke
{
    public const string Name = "hub-and-spoke";
    public const string HubName = "hub";
    public const string StandbyName = "hub-standby";

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
        if (o.HubStandby is { } standbySite) AddStandby(b, o, standbySite, spokes.Select(s => (s.Cluster, s.Site)).ToList());
        IReadOnlyList<string> SpokesOf(string zone) => spokes.Where(s => b.Site(s.Site).Contains(zone)).Select(s => s.Cluster).ToList();
        string Home(string zone) => SpokesOf(zone) is [var first, ..] ? first : (b.Site(o.Hub).Contains(zone) ? HubName
            : throw new ArgumentException($"zone '{zone}' is in no spoke nor the hub"));
        b.PlaceProducersOn(z => SpokesOf(z) is { Count: > 0 } all ? all : throw new ArgumentException($"producers write to spokes; zone '{z}' is in the hub"));
        b.PlaceConsumers(Home, (cluster, topic) =>
        {
            if (cluster == HubName) return spokes.Select(s => TemplateBuilder.RemoteTopic(o, s.Cluster, topic)).ToList();
            if (!o.FanOut) return [topic];
            // Fanned out: the other spokes' data arrives as the hub's copy of their copy (and the standby hub's, once resumed).
            string[] hubs = o.HubStandby is null ? [HubName] : [HubName, StandbyName];
            return [topic, .. hubs.SelectMany(h => spokes.Where(s => s.Cluster != cluster).Select(s => TemplateBuilder.RemoteTopic(o, h, TemplateBuilder.RemoteTopic(o, s.Cluster, topic))))];
        });
        b.Note($"{n} spokes mirrored into the hub at {o.Hub}{(o.FanOut ? ", and the hub mirrored back out to every spoke" : "")}.");
        return b.Build();
    }

    /// <summary>A standby hub fed by every spoke, its fan-out paused until a failover of the hub resumes it.</summary>
    private static void AddStandby(TemplateBuilder b, HubAndSpokeOptions o, string site, IReadOnlyList<(string Cluster, string Site)> spokes)
    {
        if (site == o.Hub) throw new ArgumentException("the standby hub must be in another site than the hub");
        b.AddCluster(StandbyName, site, o.HubStandbyCluster, []);
        foreach (var s in spokes) b.AddFlow(s.Cluster, StandbyName, site, o);
        if (!o.FanOut)
        {
            b.Note($"A standby hub at {site} fed by every spoke (no fan-out to resume).");
            return;
        }
        foreach (var s in spokes) b.AddFlow(StandbyName, s.Cluster, s.Site, o, paused: true);
        b.AddStandbyFlows($"failover-{HubName}", HubName, spokes.Select(s => (StandbyName, s.Cluster)).ToList(), o.HubFailover, b.Site(site)[0]);
        b.Note($"A standby hub at {site} fed by every spoke; its fan-out is paused until the hub is declared lost " +
               $"({o.HubFailover.Detection} detection), then resumed from the standby's earliest offsets as MirrorMaker 2's consumer resets.");
    }
}
