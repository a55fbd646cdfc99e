using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;

namespace Sim.Architectures.Templates;

/// <summary>
/// Hub-and-spoke: N spoke clusters each mirrored into a central hub; with <see cref="FanOut"/>, the hub's
/// copies are mirrored back out to every spoke, so spoke-to-spoke data travels two hops through the hub.
/// </summary>
public sealed record HubAndSpokeOptions(IReadOnlyList<string> Spokes, string Hub) : ArchitectureOptions, IMirrorOptions
{
    public ClusterShape SpokeCluster { get; init; } = new(Brokers: 3, Controllers: 3);
    public ClusterShape HubCluster { get; init; } = new();
    public bool FanOut { get; init; }
    public MirrorFlowConfig Mirror { get; init; } = new("-", "-");
    public int WorkersPerConnect { get; init; } = 2;
}

public static class HubAndSpoke
{
    public const string Name = "hub-and-spoke";
    public const string HubName = "hub";

    public static DeploymentPlan Build(ModelDefinition topology, HubAndSpokeOptions o, WorkloadSpec workload)
    {
        if (o.Spokes.Count < 2) throw new ArgumentException("hub-and-spoke needs at least two spokes");
        var b = new TemplateBuilder(topology, Name, o, workload);
        foreach (var s in o.Spokes) b.AddCluster(s, s, o.SpokeCluster, workload.Topics);
        b.AddCluster(HubName, o.Hub, o.HubCluster, []);
        foreach (var s in o.Spokes) b.AddFlow(s, HubName, o.Hub, o);
        if (o.FanOut)
        {
            foreach (var s in o.Spokes) b.AddFlow(HubName, s, s, o);
        }
        string Home(string zone) => b.SiteOf(zone, o.Spokes) ?? (b.Site(o.Hub).Contains(zone) ? HubName
            : throw new ArgumentException($"zone '{zone}' is in no spoke nor the hub"));
        b.PlaceProducers(z => Home(z) == HubName ? throw new ArgumentException($"producers write to spokes; zone '{z}' is in the hub") : Home(z));
        b.PlaceConsumers(Home, (cluster, topic) =>
        {
            if (cluster == HubName) return o.Spokes.Select(s => TemplateBuilder.RemoteTopic(o, s, topic)).ToList();
            if (!o.FanOut) return [topic];
            // Fanned out: the other spokes' data arrives as the hub's copy of their copy.
            return [topic, .. o.Spokes.Where(s => s != cluster).Select(s => TemplateBuilder.RemoteTopic(o, HubName, TemplateBuilder.RemoteTopic(o, s, topic)))];
        });
        b.Note($"{o.Spokes.Count} spokes mirrored into the hub at {o.Hub}{(o.FanOut ? ", and the hub mirrored back out to every spoke" : "")}.");
        return b.Build();
    }
}
