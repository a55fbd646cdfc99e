using Sim.Architectures.Model;

namespace Sim.Architectures.Templates;

/// <summary>
/// A topology that is none of the seven: the clusters and MirrorMaker 2 flows are the model file's own.
/// Each application uses <see cref="ClientClusters"/>' choice for its zone, else the cluster with brokers in
/// its zone, else in its region, else the first cluster. Consumers read the topic and any remote copies
/// of it their cluster holds.
/// </summary>
public sealed record CustomOptions : ArchitectureOptions
{
    public IReadOnlyDictionary<string, string> ClientClusters { get; init; } = new Dictionary<string, string>();
}

public static class CustomTopology
{
    public const string Name = "custom";

    public static DeploymentPlan Build(ModelDefinition model, CustomOptions o, WorkloadSpec workload)
    {
        if (model.Clusters.Count == 0) throw new ArgumentException($"model '{model.Name}' places no cluster, so it cannot be run as a custom topology");
        var b = new TemplateBuilder(model with { Clusters = [], MirrorMaker = [] }, Name, o, workload);
        // The model's clusters run as declared, node names, ids and controller mode included.
        foreach (var c in model.Clusters) b.AddCluster(c, workload.Topics);
        foreach (var (zone, cluster) in o.ClientClusters)
        {
            if (!model.Clusters.Any(c => c.Name == cluster))
                throw new ArgumentException($"client_clusters sends the clients of zone '{zone}' to cluster '{cluster}', which model '{model.Name}' does not place (clusters: {string.Join(", ", model.Clusters.Select(c => c.Name))})");
        }
        var regionOf = model.Network.Topology.Regions.SelectMany(r => r.Zones.Select(z => (z.Name, Region: r))).ToDictionary(x => x.Name, x => x.Region);
        string Home(string zone)
        {
            if (o.ClientClusters.TryGetValue(zone, out var chosen)) return chosen;
            bool In(ClusterLayout c, Func<string, bool> zoneTest) => c.Brokers.Any(n => regionOf.Values.SelectMany(r => r.Zones).Any(z => z.Racks.Contains(n.Rack) && zoneTest(z.Name)));
            return (model.Clusters.FirstOrDefault(c => In(c, z => z == zone))
                ?? model.Clusters.FirstOrDefault(c => In(c, z => regionOf[z] == regionOf[zone]))
                ?? model.Clusters[0]).Name;
        }
        b.PlaceProducers(Home);
        var flows = model.MirrorMaker.SelectMany(m => m.Flows).ToList();
        b.PlaceConsumers(Home, (cluster, topic) =>
            [topic, .. flows.Where(f => f.Target == cluster).Select(f => Sim.MirrorMaker.Policy.ReplicationPolicy.For(f).FormatRemoteTopic(f.Source, topic)).Distinct()]);
        var plan = b.Build();
        // The model's own Connect clusters and workers, as declared.
        var workers = model.Network.Nodes.Where(n => (n.Roles & Sim.Network.Topology.NodeRole.ConnectWorker) != 0);
        return plan with
        {
            Model = plan.Model with { MirrorMaker = model.MirrorMaker, Network = plan.Model.Network with { Nodes = [.. plan.Model.Network.Nodes, .. workers] } },
        };
    }
}
