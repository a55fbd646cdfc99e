using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;

namespace Sim.Architectures.Templates;

/// <summary>
/// Active-active with an aggregate cluster: regional clusters take local writes; MirrorMaker 2 copies
/// each into a central aggregate cluster, where consumers read every region's data. Consumers in a
/// region read their region's cluster, unless <see cref="ReadAggregate"/> sends every consumer to the
/// aggregate (the global view: seed, "Active-Active with Aggregate Cluster", topic naming
/// <c>{entity}-{region}</c> regionally and the regions' copies together in the aggregate), where what it reads
/// is as fresh as MirrorMaker 2's lag into the aggregate, and what a source task copies again arrives twice: a
/// restarted task resumes from its last flushed offset (MirrorSourceTask, <c>offset.flush.interval.ms</c>), and one
/// whose region lost its unflushed tail to a power loss resets to earliest (OFFSET_OUT_OF_RANGE, MirrorMaker 2's
/// consumer default <c>auto.offset.reset=earliest</c>).
/// </summary>
public sealed record AggregateOptions(IReadOnlyList<string> Regions, string Aggregate) : ArchitectureOptions, IMirrorOptions
{
    public ClusterShape RegionalCluster { get; init; } = new();
    public ClusterShape AggregateCluster { get; init; } = new();
    public MirrorFlowConfig Mirror { get; init; } = new("-", "-");
    public int WorkersPerConnect { get; init; } = 2;

    /// <summary>Every consumer reads the aggregate cluster (the global view), wherever it runs.</summary>
    public bool ReadAggregate { get; init; }
}

public static class AggregateCluster
{
    public const string Name = "aggregate";
    public const string ClusterName = "aggregate";

    public static DeploymentPlan Build(ModelDefinition topology, AggregateOptions o, WorkloadSpec workload)
    {
        if (o.Regions.Count < 2) throw new ArgumentException("an aggregate architecture needs at least two regional sites");
        if (o.Regions.Contains(o.Aggregate)) throw new ArgumentException($"the aggregate site '{o.Aggregate}' is also a regional site");
        var b = new TemplateBuilder(topology, Name, o, workload);
        foreach (var r in o.Regions) b.AddCluster(r, r, o.RegionalCluster, workload.Topics);
        b.AddCluster(ClusterName, o.Aggregate, o.AggregateCluster, []);
        foreach (var r in o.Regions) b.AddFlow(r, ClusterName, o.Aggregate, o);
        string Home(string zone) => b.SiteOf(zone, o.Regions) ?? (b.Site(o.Aggregate).Contains(zone) ? ClusterName
            : throw new ArgumentException($"zone '{zone}' is in no regional site nor the aggregate site"));
        b.PlaceProducers(z => Home(z) == ClusterName ? throw new ArgumentException($"producers write to regional clusters; zone '{z}' is in the aggregate site") : Home(z));
        b.PlaceConsumers(z => o.ReadAggregate ? ClusterName : Home(z), (cluster, topic) => cluster == ClusterName ? o.Regions.Select(r => TemplateBuilder.RemoteTopic(o, r, topic)).ToList() : [topic]);
        b.Note($"Regional clusters {string.Join(", ", o.Regions)} mirrored into the aggregate cluster at {o.Aggregate}{(o.ReadAggregate ? "; every consumer reads the aggregate (the global view)" : "")}.");
        return b.Build();
    }
}
