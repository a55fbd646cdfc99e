using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;

namespace Sim.Architectures.Templates;

/// <summary>
/// Observer cluster: production clusters mirrored one way into a read-only cluster for analytics,
/// testing and audit. Nothing writes to the observer but MirrorMaker 2; its consumers read the copies.
/// </summary>
public sealed record ObserverOptions(IReadOnlyList<string> Production, string Observer) : ArchitectureOptions, IMirrorOptions
{
    public ClusterShape ProductionCluster { get; init; } = new();
    public ClusterShape ObserverCluster { get; init; } = new();
    public MirrorFlowConfig Mirror { get; init; } = new("-", "-");
    public int WorkersPerConnect { get; init; } = 2;
}

public static class ObserverCluster
{
    public const string Name = "observer";
    public const string ClusterName = "observer";

    public static DeploymentPlan Build(ModelDefinition topology, ObserverOptions o, WorkloadSpec workload)
    {
        if (o.Production.Count < 1) throw new ArgumentException("an observer architecture needs at least one production site");
        var b = new TemplateBuilder(topology, Name, o, workload);
        foreach (var p in o.Production) b.AddCluster(p, p, o.ProductionCluster, workload.Topics);
        b.AddCluster(ClusterName, o.Observer, o.ObserverCluster, []);
        foreach (var p in o.Production) b.AddFlow(p, ClusterName, o.Observer, o);
        string Home(string zone) => b.SiteOf(zone, o.Production) ?? (b.Site(o.Observer).Contains(zone) ? ClusterName
            : throw new ArgumentException($"zone '{zone}' is in no production site nor the observer site"));
        b.PlaceProducers(z => Home(z) == ClusterName ? throw new ArgumentException($"the observer cluster is read-only: no producer may run in zone '{z}'") : Home(z));
        b.PlaceConsumers(Home, (cluster, topic) => cluster == ClusterName ? o.Production.Select(p => TemplateBuilder.RemoteTopic(o, p, topic)).ToList() : [topic]);
        b.Note($"Production {string.Join(", ", o.Production)} mirrored one way into the read-only observer at {o.Observer}.");
        return b.Build();
    }
}
