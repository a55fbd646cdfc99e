using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;

namespace Sim.Architectures.Templates;

/// <summary>
/// Active-active: an independent cluster per site, mirrored into every other site by MirrorMaker 2.
/// Applications write to their local cluster; consumers read the local topic and the remote copies of
/// the other sites' topics. With <see cref="Failover"/>, applications move to the next site's cluster when
/// theirs fails.
/// </summary>
public sealed record ActiveActiveOptions(IReadOnlyList<string> Sites) : ArchitectureOptions, IMirrorOptions
{
    public ClusterShape Cluster { get; init; } = new();
    public MirrorFlowConfig Mirror { get; init; } = new("-", "-") { SyncGroupOffsetsEnabled = true };
    public int WorkersPerConnect { get; init; } = 2;
    public FailoverConfig? Failover { get; init; }
}

public static class ActiveActive
{
    public const string Name = "active-active";

    public static DeploymentPlan Build(ModelDefinition topology, ActiveActiveOptions o, WorkloadSpec workload)
    {
        if (o.Sites.Count < 2) throw new ArgumentException("active-active needs at least two sites");
        var b = new TemplateBuilder(topology, Name, o, workload);
        foreach (var site in o.Sites) b.AddCluster(site, site, o.Cluster, workload.Topics);
        foreach (var s in o.Sites)
        {
            foreach (var t in o.Sites.Where(t => t != s)) b.AddFlow(s, t, t, o);
        }
        string Home(string zone) => b.SiteOf(zone, o.Sites) ?? throw new ArgumentException($"zone '{zone}' is in none of the active-active sites ({string.Join(", ", o.Sites)})");
        string Next(string site) => o.Sites[(o.Sites.ToList().IndexOf(site) + 1) % o.Sites.Count];
        if (o.Failover is { } fc)
        {
            foreach (var s in o.Sites) b.AddFailover($"failover-{s}", s, Next(s), fc, b.Site(Next(s))[0]);
            b.PlaceProducers(Home, z => $"failover-{Home(z)}");
            b.PlaceConsumers(Home, (_, topic) => [topic], z => $"failover-{Home(z)}");
        }
        else
        {
            b.PlaceProducers(Home);
            b.PlaceConsumers(Home, (cluster, topic) => [topic, .. o.Sites.Where(s => s != cluster).Select(s => TemplateBuilder.RemoteTopic(o, s, topic))]);
        }
        b.Note($"A cluster per site ({string.Join(", ", o.Sites)}), each mirrored into the others; applications write locally.");
        return b.Build();
    }
}
