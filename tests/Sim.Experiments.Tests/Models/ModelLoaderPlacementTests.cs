using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Experiments.Models;
using Sim.Network.Topology;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// How a model file places a cluster's nodes: counts per zone spread round-robin over the zone's racks
/// with node.ids 1..N in the order written, dedicated controllers numbered after the brokers, explicit
/// <c>{id, rack}</c> and <c>{id, zone}</c> lists, and combined mode making brokers voters.
/// </summary>
public sealed class ModelLoaderPlacementTests
{
    private const string Structure = """
        regions:
          metro:
            zones:
              east: { racks: [e1, e2, e3] }
              west: { racks: [w1, w2] }

        """;

    private static ClusterLayout LoadCluster(string clusters) => Assert.Single(ModelLoader.Load("m.yaml", Structure + clusters).Clusters);

    private static string[] Racks(IEnumerable<NodeOptions> nodes) => nodes.Select(n => n.Rack).ToArray();

    private static int[] Ids(IEnumerable<NodeOptions> nodes) => nodes.Select(n => n.KafkaId!.Value).ToArray();

    [Fact]
    public void Load_BrokerCounts_SpreadRoundRobinOverTheZonesRacks()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { east: 7, west: 3 }
                controllers: { east: 1 }
            """);

        Assert.Equal(["e1", "e2", "e3", "e1", "e2", "e3", "e1", "w1", "w2", "w1"], Racks(main.Brokers));
        Assert.Equal(Enumerable.Range(1, 10), Ids(main.Brokers));
    }

    [Fact]
    public void Load_BrokerCounts_NumberZonesInTheOrderTheBrokersMappingListsThem()
    {
        // west is written first under brokers, though east is declared first under regions.
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { west: 2, east: 1 }
                controllers: { west: 1 }
            """);

        Assert.Equal([("w1", 1), ("w2", 2), ("e1", 3)], main.Brokers.Select(b => (b.Rack, b.KafkaId!.Value)));
    }

    [Fact]
    public void Load_BrokerCounts_NameNodesAfterClusterRoleAndId()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { east: 2 }
                controllers: { east: 1 }
            """);

        Assert.Equal(["main-broker-1", "main-broker-2"], main.Brokers.Select(b => b.Name));
        Assert.All(main.Brokers, b =>
        {
            Assert.Equal(NodeRole.Broker, b.Roles);
            Assert.Equal("main", b.Cluster);
        });
    }

    [Fact]
    public void Load_ZeroBrokersInAZone_PlacesNoneThere()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { east: 0, west: 2 }
                controllers: { west: 1 }
            """);

        Assert.Equal(["w1", "w2"], Racks(main.Brokers));
        Assert.Equal([1, 2], Ids(main.Brokers));
    }

    [Fact]
    public void Load_DedicatedControllers_TakeIdsAfterTheBrokers()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { east: 3, west: 2 }
                controllers: { east: 2, west: 1 }
            """);

        Assert.Equal(ControllerMode.Dedicated, main.ControllerMode);
        Assert.Equal([6, 7, 8], Ids(main.Controllers));
        Assert.Equal(["e1", "e2", "w1"], Racks(main.Controllers));
        Assert.Equal(["main-controller-6", "main-controller-7", "main-controller-8"], main.Controllers.Select(c => c.Name));
        Assert.All(main.Controllers, c => Assert.Equal(NodeRole.Controller, c.Roles));
    }

    [Fact]
    public void Load_DedicatedControllersAfterExplicitBrokerIds_StartAboveTheHighestBrokerId()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers:
                  - { id: 10, rack: e1 }
                  - { id: 20, rack: w1 }
                controllers: { east: 1, west: 1 }
            """);

        Assert.Equal([21, 22], Ids(main.Controllers));
    }

    [Fact]
    public void Load_DedicatedControllers_AreSeparateNetworkNodes()
    {
        var model = ModelLoader.Load("m.yaml", Structure + """
            clusters:
              main:
                brokers: { east: 3 }
                controllers: { west: 3 }
            """);

        Assert.Equal(6, model.Network.Nodes.Count);
        Assert.Equal(6, model.Network.Nodes.Select(n => n.Name).Distinct().Count());
    }

    [Fact]
    public void Load_ExplicitIdAndRack_PlacesEachBrokerWhereWritten()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers:
                  - { id: 5, rack: w2 }
                  - id: 3
                    rack: e3
                controllers: { east: 1 }
            """);

        Assert.Equal([("main-broker-5", "w2", 5), ("main-broker-3", "e3", 3)], main.Brokers.Select(b => (b.Name, b.Rack, b.KafkaId!.Value)));
        Assert.All(main.Brokers, b => Assert.Equal(NodeRole.Broker, b.Roles));
    }

    [Fact]
    public void Load_ExplicitIdAndZone_SpreadsOverTheZonesRacksInTurn()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers:
                  - { id: 1, zone: west }
                  - { id: 2, zone: east }
                  - { id: 3, zone: west }
                  - { id: 4, zone: west }
                  - { id: 5, zone: east }
                controllers: { east: 1 }
            """);

        Assert.Equal(["w1", "e1", "w2", "w1", "e2"], Racks(main.Brokers));
    }

    [Fact]
    public void Load_ExplicitControllerList_KeepsItsOwnIds()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { east: 2 }
                controllers:
                  - { id: 100, rack: w1 }
            """);

        var controller = Assert.Single(main.Controllers);
        Assert.Equal(("main-controller-100", 100, NodeRole.Controller), (controller.Name, controller.KafkaId!.Value, controller.Roles));
    }

    [Fact]
    public void Load_CombinedMode_GivesTheFirstBrokersOfEachZoneTheControllerRole()
    {
        var model = ModelLoader.Load("m.yaml", Structure + """
            clusters:
              main:
                controller.mode: combined
                brokers: { east: 3, west: 2 }
                controllers: { east: 2, west: 1 }
            """);

        var main = Assert.Single(model.Clusters);
        Assert.Equal(ControllerMode.Combined, main.ControllerMode);
        Assert.Equal([1, 2, 4], Ids(main.Controllers));
        Assert.Equal(
            [NodeRole.Broker | NodeRole.Controller, NodeRole.Broker | NodeRole.Controller, NodeRole.Broker, NodeRole.Broker | NodeRole.Controller, NodeRole.Broker],
            main.Brokers.Select(b => b.Roles));
        Assert.All(main.Controllers, c => Assert.Contains(c, main.Brokers));
        // Combined-mode voters run inside brokers, so the network has only the five broker nodes.
        Assert.Equal(5, model.Network.Nodes.Count);
    }

    [Fact]
    public void Load_CombinedModeWrittenAfterControllers_IsStillCombined()
    {
        var main = LoadCluster("""
            clusters:
              main:
                brokers: { east: 3 }
                controllers: { east: 3 }
                controller.mode: combined
            """);

        Assert.Equal(main.Brokers, main.Controllers);
    }

    [Fact]
    public void Load_TwoClusters_NumberTheirNodesIndependently()
    {
        var model = ModelLoader.Load("m.yaml", Structure + """
            clusters:
              left:
                brokers: { east: 2 }
                controllers: { east: 1 }
              right:
                brokers: { west: 2 }
                controllers: { west: 1 }
            """);

        Assert.Equal(["left", "right"], model.Clusters.Select(c => c.Name));
        Assert.All(model.Clusters, c => Assert.Equal([1, 2], Ids(c.Brokers)));
        // Each cluster's dedicated controller takes the id after its own brokers, so both are node.id 3.
        Assert.All(model.Clusters, c => Assert.Equal([3], Ids(c.Controllers)));
        Assert.Equal(
            ["left-broker-1", "left-broker-2", "left-controller-3", "right-broker-1", "right-broker-2", "right-controller-3"],
            model.Network.Nodes.Select(n => n.Name));
    }
}
