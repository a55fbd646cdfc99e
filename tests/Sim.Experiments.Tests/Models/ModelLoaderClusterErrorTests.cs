using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Experiments.Models;
using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// Bad cluster placements: brokers on places that do not exist, ids that clash or are missing, entries
/// placed by both rack and zone, counts beyond <see cref="ModelLoader.MaxNodesPerZone"/>,
/// clusters without KRaft controllers, and combined-mode quorums larger than the brokers they must live
/// on. Every model here has zones 'east' and 'west' in region 'metro'; a test's 'clusters:' starts on line 6.
/// </summary>
public sealed class ModelLoaderClusterErrorTests
{
    private const string Structure = """
        regions:
          metro:
            zones:
              east: { racks: [e1, e2] }
              west: { racks: [w1, w2] }

        """;

    private static string WithClusters(string clusters) => Structure + clusters;

    [Fact]
    public void Load_ExplicitBrokerOnUnknownRack_ReportsAtTheRackWithHint()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - id: 1
                    rack: e9
            """);

        var d = LoadFailure.Expect(yaml, "unknown rack 'e9'", line: 10, key: "clusters.main.brokers.0.rack");

        Assert.Equal("did you mean 'e1'?", d.Hint);
    }

    [Fact]
    public void Load_ExplicitBrokerOnUnknownRackFlowStyle_NamesTheRackAndHints()
    {
        // On one line the entry and its rack share a line, so only the message and hint are at stake.
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1, rack: w3 }
            """);

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal(9, d.Line);
        Assert.Contains("unknown rack 'w3'", d.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'w1'?", d.Hint);
    }

    [Fact]
    public void Load_ExplicitBrokerInUnknownZone_ReportsAtTheZoneValueWithHint()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - id: 1
                    zone: wesst
            """);

        var d = LoadFailure.Expect(yaml, "unknown zone 'wesst'", line: 10, key: "clusters.main.brokers.0.zone");

        Assert.Equal("did you mean 'west'?", d.Hint);
    }

    [Fact]
    public void Load_ExplicitBrokerInUnknownZone_ReportsOnlyTheUnknownZone()
    {
        // One mistake, one message: the entry did give a zone, so "needs a 'rack' or a 'zone'" is misleading.
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1, zone: wesst }
            """);

        var diagnostics = LoadFailure.Of(yaml);

        var d = Assert.Single(diagnostics);
        Assert.Contains("unknown zone 'wesst'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExplicitBrokerWithRackOutsideItsZone_IsRejected()
    {
        // 'e1' is in east, not west: which one the user meant cannot be guessed, so it must not load.
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1, rack: e1, zone: west }
            """);

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal(9, d.Line);
        Assert.StartsWith("clusters.main.brokers.0", d.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokerCountForUnknownZone_ReportsAtTheZoneKeyWithHint()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  east: 3
                  weest: 3
            """);

        var d = LoadFailure.Expect(yaml, "unknown zone 'weest'", line: 10, key: "clusters.main.brokers.weest");

        Assert.Equal(7, d.Column);
        Assert.Equal("did you mean 'west'?", d.Hint);
    }

    [Fact]
    public void Load_ControllerCountForUnknownZone_ReportsAtTheZoneKey()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers: { east: 3, west: 3 }
                controllers:
                  east: 2
                  nowhere: 1
            """);

        LoadFailure.Expect(yaml, "unknown zone 'nowhere'", line: 11, key: "clusters.main.controllers.nowhere");
    }

    [Theory]
    [InlineData("-1", "cannot be negative")]
    [InlineData("2.5", "'2.5' is not a whole number")]
    [InlineData("three", "'three' is not a whole number")]
    public void Load_BadBrokerCount_ReportsAtTheCount(string count, string fragment)
    {
        var yaml = WithClusters($"""
            clusters:
              main:
                brokers:
                  east: {count}
            """);

        LoadFailure.Expect(yaml, fragment, line: 9, key: "clusters.main.brokers.east");
    }

    [Fact]
    public void Load_DuplicateBrokerIdInExplicitList_ReportsDuplicateNodeIdAtTheSecondEntry()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1, rack: e1 }
                  - { id: 2, rack: e2 }
                  - { id: 1, rack: w1 }
            """);

        var d = LoadFailure.Expect(yaml, "duplicate node.id 1", line: 11, key: "clusters.main.brokers.2");

        Assert.Contains("'main-broker-1'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ControllerIdClashingWithBrokerId_ReportsDuplicateNodeId()
    {
        // node.id is unique across a KRaft cluster's brokers and controllers alike.
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1, rack: e1 }
                controllers:
                  - { id: 1, rack: w1 }
            """);

        LoadFailure.Expect(yaml, "duplicate node.id 1", line: 11, key: "clusters.main.controllers.0");
    }

    [Fact]
    public void Load_ExplicitBrokerWithoutId_ReportsMissingId()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1, rack: e1 }
                  - { rack: e2 }
            """);

        LoadFailure.Expect(yaml, "needs an 'id'", line: 10, key: "clusters.main.brokers.1.id");
    }

    [Fact]
    public void Load_ExplicitBrokerWithoutRackOrZone_ReportsMissingPlacement()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: 1 }
            """);

        LoadFailure.Expect(yaml, "needs a 'rack' or a 'zone'", line: 9, key: "clusters.main.brokers.0.rack");
    }

    [Fact]
    public void Load_NegativeExplicitId_IsRejected()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - { id: -3, rack: e1 }
            """);

        LoadFailure.Expect(yaml, "node.id -3 is negative", line: 9, key: "clusters.main.brokers.0");
    }

    [Fact]
    public void Load_CombinedModeWithMoreControllersThanBrokersInZone_ReportsAtTheCount()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                controller.mode: combined
                brokers: { east: 2, west: 1 }
                controllers:
                  east: 3
                  west: 1
            """);

        var d = LoadFailure.Expect(yaml, "zone 'east' has 2 brokers", line: 11, key: "clusters.main.controllers.east");

        Assert.Equal(13, d.Column);
        Assert.Contains("0 to 2 controllers", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownControllerMode_ListsTheModes()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers: { east: 1 }
                controller.mode: kombined
            """);

        var d = LoadFailure.Expect(yaml, "unknown controller mode 'kombined'", line: 9, key: "clusters.main.controller.mode");

        Assert.NotNull(d.Hint);
        Assert.Contains("combined", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClusterWithoutBrokers_ReportsBrokersAreNeeded()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                controllers: { east: 1 }
            """);

        LoadFailure.Expect(yaml, "cluster 'main' needs 'brokers'", line: 7, key: "clusters.main.brokers");
    }

    [Fact]
    public void Load_UnknownClusterKey_HintsTheNearestKey()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers: { east: 1 }
                controler: { east: 1 }
            """);

        var d = LoadFailure.Expect(yaml, "unknown key 'controler'", line: 9, key: "clusters.main.controler");

        Assert.Equal("did you mean 'controllers'?", d.Hint);
    }

    [Fact]
    public void Load_ClusterWithBrokersButNoControllers_ReportsControllersAreNeededAtTheCluster()
    {
        // A KRaft cluster cannot run without voters holding its metadata log (KIP-500, KIP-631).
        var yaml = WithClusters("""
            clusters:
              main:
                brokers: { east: 3, west: 3 }
            """);

        var diagnostics = LoadFailure.Of(yaml);

        LoadFailure.Find(diagnostics, "cluster 'main' needs 'controllers': the KRaft voters that hold its metadata", line: 7, key: "clusters.main.controllers");
        Assert.Single(diagnostics);
    }

    [Fact]
    public void Load_CombinedModeWithNoVoters_ReportsControllersAreNeeded()
    {
        // Combined mode with every count at zero leaves no broker holding the controller role.
        var yaml = WithClusters("""
            clusters:
              main:
                controller.mode: combined
                brokers: { east: 2 }
                controllers: { east: 0 }
            """);

        LoadFailure.Expect(yaml, "cluster 'main' needs 'controllers'", line: 7, key: "clusters.main.controllers");
    }

    [Fact]
    public void Load_SecondClusterWithoutControllers_ReportsOnlyThatCluster()
    {
        var yaml = WithClusters("""
            clusters:
              left:
                brokers: { east: 1 }
                controllers: { east: 1 }
              right:
                brokers: { west: 1 }
            """);

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal((10, "clusters.right.controllers"), (d.Line, d.Key));
        Assert.Contains("cluster 'right' needs 'controllers'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokerCountAboveMaxNodesPerZone_ReportsAtTheCount()
    {
        int tooMany = ModelLoader.MaxNodesPerZone + 1;
        var yaml = WithClusters($$"""
            clusters:
              main:
                brokers:
                  east: {{tooMany}}
                controllers: { west: 1 }
            """);

        var d = LoadFailure.Expect(yaml, $"{tooMany} brokers in one zone", line: 9, key: "clusters.main.brokers.east");

        Assert.Contains($"at most {ModelLoader.MaxNodesPerZone}", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ControllerCountAboveMaxNodesPerZone_ReportsAtTheCount()
    {
        int tooMany = ModelLoader.MaxNodesPerZone + 1;
        var yaml = WithClusters($$"""
            clusters:
              main:
                brokers: { east: 1 }
                controllers:
                  west: {{tooMany}}
            """);

        LoadFailure.Expect(yaml, $"{tooMany} controllers in one zone", line: 10, key: "clusters.main.controllers.west");
    }

    [Fact]
    public void Load_BrokerCountOfExactlyMaxNodesPerZone_Loads()
    {
        var model = ModelLoader.Load(LoadFailure.File, WithClusters($$"""
            clusters:
              main:
                brokers: { east: {{ModelLoader.MaxNodesPerZone}} }
                controllers: { west: 1 }
            """));

        Assert.Equal(ModelLoader.MaxNodesPerZone, Assert.Single(model.Clusters).Brokers.Count);
    }

    [Fact]
    public void Load_ExplicitBrokerWithRackAndZoneThatAgree_IsStillRejectedAtTheEntry()
    {
        // An entry is placed one way: even a rack inside the zone named makes the zone redundant, and
        // accepting the agreeing case would make the disagreeing one a matter of guessing.
        var yaml = WithClusters("""
            clusters:
              main:
                brokers:
                  - id: 1
                    rack: e1
                    zone: east
                controllers: { west: 1 }
            """);

        var diagnostics = LoadFailure.Of(yaml);

        LoadFailure.Find(diagnostics, "give a broker either a 'rack' or a 'zone', not both", line: 9, key: "clusters.main.brokers.0");
        Assert.Single(diagnostics);
    }

    [Fact]
    public void Load_ExplicitControllerWithRackAndZone_ReportsAtTheEntry()
    {
        var yaml = WithClusters("""
            clusters:
              main:
                brokers: { east: 1 }
                controllers:
                  - { id: 8, rack: w1 }
                  - { id: 9, rack: w2, zone: west }
            """);

        var diagnostics = LoadFailure.Of(yaml);

        LoadFailure.Find(diagnostics, "give a controller either a 'rack' or a 'zone', not both", line: 11, key: "clusters.main.controllers.1");
        Assert.Single(diagnostics);
    }
}
