using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.Experiments.Spec;
using Sim.Experiments.Tests.Support;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Each of the eight templates built from an experiment's YAML block over a model: the four-zone test
/// model for the seven that place their own clusters, and the shipped three-regions model (which places
/// a cluster per region) for <c>custom</c>, which runs the model's own clusters. The plan is named after
/// the block, and the template's options reach the clusters, flows, failovers and tiers it builds.
/// </summary>
public sealed class ArchitectureTemplateTests
{
    private static string Experiment(string name, string block, string zone = "a", string model = "model.yaml") => $$"""
        name: arch
        model: {{model}}
        duration: 1m
        architectures:
          {{name}}: {{block}}
        topics:
          orders: { partitions: 3, replication.factor: 3 }
        workload:
          producers:
            - { zone: {{zone}}, topic: orders, rate: 100/s }
          consumers:
            - { zone: {{zone}}, group: billing, topic: orders }
        """;

    private static DeploymentPlan Plan(string name, string block) => Assert.Single(Load(Experiment(name, block)).Points).Plan;

    private static int Flows(DeploymentPlan plan) => plan.Model.MirrorMaker.Sum(c => c.Flows.Count);

    [Theory]
    [InlineData("stretch", "{ sites: [a, b, c], brokers_per_site: 2 }", "stretch", 0, 0, 0)]
    [InlineData("active-active", "{ sites: [a, b], cluster: { brokers: 3, controllers: 1 } }", "a,b", 2, 0, 0)]
    [InlineData("active-passive", "{ primary: a, standby: b }", "a,b", 1, 1, 0)]
    [InlineData("aggregate", "{ regions: [a, b], aggregate: c }", "a,b,aggregate", 2, 0, 0)]
    [InlineData("hub-and-spoke", "{ spokes: [a, b], hub: c, fan_out: true }", "a,b,hub", 4, 0, 0)]
    [InlineData("observer", "{ production: [a, b], observer: c }", "a,b,observer", 2, 0, 0)]
    [InlineData("tiered-dr", "{ primary: a, dr: b }", "a,b", 1, 1, 1)]
    public void Load_TemplateBlock_BuildsTheTemplatesClustersFlowsFailoversAndTiers(string template, string block, string clusters, int flows, int failovers, int tiers)
    {
        var plan = Plan(template, block);

        Assert.Equal(template, plan.Architecture);
        Assert.Equal(clusters.Split(','), plan.Model.Clusters.Select(c => c.Name));
        Assert.Equal(flows, Flows(plan));
        Assert.Equal(failovers, plan.Failovers.Count);
        Assert.Equal(tiers, plan.RemoteTiers.Count);
    }

    [Fact]
    public void Load_CustomBlock_RunsTheModelsOwnClustersAndFlows()
    {
        string yaml = Experiment("custom", "{}", model: "clusters.yaml").Replace("- { zone: a, group: billing", "- { zone: b, group: billing", StringComparison.Ordinal);

        var plan = Assert.Single(Load(yaml).Points).Plan;

        Assert.Equal("custom", plan.Architecture);
        Assert.Equal(["east", "west"], plan.Model.Clusters.Select(c => c.Name));
        Assert.Equal(1, Flows(plan));
        // Each application uses the cluster of its own zone; west's consumers also read east's mirrored copy.
        var producer = plan.Apps.Single(a => a.Role == AppRole.Producer);
        var consumer = plan.Apps.Single(a => a.Role == AppRole.Consumer);
        Assert.Equal("east", producer.Cluster);
        Assert.Equal("west", consumer.Cluster);
        Assert.Equal(["orders", "east.orders"], consumer.Topics);
    }

    [Fact]
    public void Load_CustomClientClusters_SendsAZonesApplicationsToTheNamedCluster()
    {
        var plan = Assert.Single(Load(Experiment("custom", "{ client_clusters: { a: west } }", model: "clusters.yaml")).Points).Plan;

        Assert.All(plan.Apps, a => Assert.Equal("west", a.Cluster));
    }

    [Fact]
    public void Load_CustomClientClustersNamingNoCluster_IsAnErrorAtTheArchitecture()
    {
        // An application placed on a cluster the model does not have could only fail once the run starts.
        var diagnostics = Fail(Experiment("custom", "{ client_clusters: { a: north } }", model: "clusters.yaml"));

        Assert.Contains(diagnostics, d => d.Key.StartsWith("architectures.custom", StringComparison.Ordinal) && d.Message.Contains("north", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CustomBlockOverAModelWithCombinedModeClusters_RunsTheModelsOwnClusters()
    {
        // three-regions places each cluster in combined mode: its three brokers are also its KRaft voters.
        string model = Path.Combine(RepoRoot.Models, "three-regions.yaml");

        var point = Assert.Single(Load(Experiment("custom", "{}", zone: "use1", model: model)).Points);

        Assert.Equal(["use1", "usw2", "euw1"], point.Plan.Model.Clusters.Select(c => c.Name));
        Assert.All(point.Plan.Model.Clusters, c => Assert.Equal(3, c.Controllers.Count));
    }

    [Fact]
    public void Load_StretchBrokersPerSite_PlacesThatManyBrokersInEachSite()
    {
        var plan = Plan("stretch", "{ sites: [a, b, c], brokers_per_site: 2, controllers: { a: 2, b: 2, c: 1 } }");

        var cluster = Assert.Single(plan.Model.Clusters);
        Assert.Equal(6, cluster.Brokers.Count);
        Assert.Equal(5, cluster.Controllers.Count);
    }

    [Fact]
    public void Load_ActiveActiveMirrorKeys_ReachEveryFlow()
    {
        var plan = Plan("active-active", "{ sites: [a, b], mirror: { emit.checkpoints.interval.seconds: 5, tasks.max: 4 } }");

        var flows = plan.Model.MirrorMaker.SelectMany(c => c.Flows).ToList();
        Assert.Equal(2, flows.Count);
        Assert.All(flows, f =>
        {
            Assert.Equal(SimDuration.FromSeconds(5), f.EmitCheckpointsInterval);
            Assert.Equal(4, f.TasksMax);
        });
    }

    [Fact]
    public void Load_BrokerBlockOfAnArchitecture_ReachesEveryClusterItBuilds()
    {
        var plan = Plan("active-passive", "{ primary: a, standby: b, broker: { min.insync.replicas: 2 } }");

        Assert.Equal([2, 2], plan.Settings.Values.Select(s => s.Server.Broker.MinInSyncReplicas));
    }

    [Fact]
    public void Load_ActivePassiveWithoutAStandby_SaysTheKeyIsNeeded()
    {
        string yaml = Experiment("active-passive", "{ primary: a }");

        Expect(yaml, "this architecture needs 'standby'", key: "architectures.active-passive.standby");
    }

    [Fact]
    public void Load_KeyAnotherTemplateTakes_IsUnknownForThisOne()
    {
        string yaml = Experiment("stretch", "{ sites: [a, b, c], primary: a }");

        Expect(yaml, "unknown key 'primary'", key: "architectures.stretch.primary", line: LineOf(yaml, "primary: a"));
    }
}
