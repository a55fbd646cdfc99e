using Sim.Architectures.Templates;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// An architecture block's <c>hardware:</c> (docs/hardware.md): the block's machine for every cluster it builds,
/// and a cluster shape's own <c>hardware:</c> (<c>primary_cluster</c>, <c>standby_cluster</c>, <c>cluster</c>, ...)
/// for one cluster of a multi-cluster design, which wins over the block's; both sweepable, bad names reported at
/// their key.
/// </summary>
public sealed class ArchitectureHardwareTests
{
    private static string Experiment(string name, string block, string extra = "") => $$"""
        name: hw
        model: model.yaml
        duration: 1m
        architectures:
          {{name}}: {{block}}
        topics:
          orders: { partitions: 3, replication.factor: 3 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 100/s }
        {{extra}}
        """;

    /// <summary>The machine a cluster's brokers get: the layout's own (shape or model), else the block's server settings.</summary>
    private static string InstanceOf(DeploymentPlan plan, string cluster) =>
        (plan.Model.Clusters.Single(c => c.Name == cluster).Hardware ?? plan.Settings[cluster].Server.Broker.Hardware).Instance;

    [Fact]
    public void Load_NoHardware_KeepsTheDefaultMachine()
    {
        var plan = Assert.Single(Load(Experiment("stretch", "{ sites: [a, b, c], brokers_per_site: 1 }")).Points).Plan;

        Assert.Equal("m6i.2xlarge", InstanceOf(plan, "stretch"));
    }

    [Fact]
    public void Load_BlockHardware_IsEveryClustersMachineWithItsOverrides()
    {
        var plan = Assert.Single(Load(Experiment("stretch",
            "{ sites: [a, b, c], brokers_per_site: 1, hardware: { instance: m6i.xlarge, disks: { type: gp3, throughput: 250MB/s } } }")).Points).Plan;

        var hw = plan.Settings["stretch"].Server.Broker.Hardware;
        Assert.Equal("m6i.xlarge", InstanceOf(plan, "stretch"));
        Assert.Equal(4, hw.Cores);
        Assert.Equal(250e6, hw.DiskThroughputBytesPerSecond);
    }

    [Fact]
    public void Load_ClusterShapeHardware_SizesOneClusterOfAMultiClusterDesign()
    {
        var plan = Assert.Single(Load(Experiment("active-passive",
            "{ primary: a, standby: b, hardware: { instance: m6i.xlarge }, standby_cluster: { brokers: 3, hardware: { instance: m5.large } } }")).Points).Plan;

        Assert.Equal("m6i.xlarge", InstanceOf(plan, "a"));
        Assert.Equal("m5.large", InstanceOf(plan, "b"));
        Assert.Equal(3, plan.Model.Clusters.Single(c => c.Name == "b").Brokers.Count);
    }

    [Fact]
    public void Load_ActiveActiveClusterHardware_AppliesToEverySitesCluster()
    {
        var plan = Assert.Single(Load(Experiment("active-active",
            "{ sites: [a, b], cluster: { brokers: 3, controllers: 1, hardware: { instance: m7g.xlarge } } }")).Points).Plan;

        Assert.Equal("m7g.xlarge", InstanceOf(plan, "a"));
        Assert.Equal("m7g.xlarge", InstanceOf(plan, "b"));
    }

    [Fact]
    public void Load_SweptInstance_GivesEachPointItsMachine()
    {
        var d = Load(Experiment("stretch", "{ sites: [a, b, c], brokers_per_site: 1, hardware: { instance: m6i.xlarge } }",
            "sweep:\n  grid:\n    architectures.stretch.hardware.instance: [m6i.xlarge, m6i.2xlarge]"));

        Assert.Equal(["m6i.xlarge", "m6i.2xlarge"], d.Points.Select(p => InstanceOf(p.Plan, "stretch")));
    }

    [Fact]
    public void Load_UnknownInstanceInAClusterShape_IsReportedAtItsKey()
    {
        var yaml = Experiment("active-passive", "{ primary: a, standby: b, standby_cluster: { hardware: { instance: m6i.3xlarge } } }");

        Expect(yaml, "unknown instance 'm6i.3xlarge'", "architectures.active-passive.standby_cluster.hardware.instance");
    }

    [Fact]
    public void Load_UnknownKeyInBlockHardware_IsReportedAtItsKey()
    {
        var yaml = Experiment("stretch", "{ sites: [a, b, c], hardware: { instanse: m6i.xlarge } }");

        Expect(yaml, "instanse", "architectures.stretch.hardware.instanse");
    }
}
