using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Core;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Experiments.Tests.Support;
using Sim.Network.Links;
using Sim.Network.Topology;
using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// The models shipped in models/ load cleanly and have the structure their comments and descriptions
/// promise; a change to a file or to the loader that breaks either shows up here.
/// </summary>
public sealed class ShippedModelTests
{
    private static string[] ModelFileNames() =>
        Directory.GetFiles(RepoRoot.Models, "*.yaml").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> ModelFiles() => new(ModelFileNames());

    private static ModelDefinition LoadShipped(string fileName) => ModelLoader.Load(Path.Combine(RepoRoot.Models, fileName));

    private static IEnumerable<ZoneOptions> Zones(ModelDefinition m) => m.Network.Topology.Regions.SelectMany(r => r.Zones);

    private static string ZoneOf(ModelDefinition m, NodeOptions node) => Zones(m).Single(z => z.Racks.Contains(node.Rack)).Name;

    [Fact]
    public void ModelsDirectory_Always_HoldsExactlyTheModelsTestedHere()
    {
        // A new model must arrive with a test of its structure below; this fails until it does.
        Assert.Equal(["calibration-confluent-2020.yaml", "calibration-linkedin-2014.yaml", "calibration-msk-m5-4xlarge.yaml",
                "three-az.yaml", "three-metro-dcs.yaml", "three-regions.yaml", "two-metro-dcs.yaml", "two-regions.yaml"],
            ModelFileNames());
    }

    [Fact]
    public void CalibrationModels_HaveThePublishedMachines()
    {
        var confluent = LoadShipped("calibration-confluent-2020.yaml").Clusters.Single();
        Assert.Equal(3, confluent.Brokers.Count);
        Assert.Equal(8, confluent.Hardware!.Cores);
        Assert.Equal(2, confluent.Hardware.DiskCount);

        var linkedin = LoadShipped("calibration-linkedin-2014.yaml");
        var hw = linkedin.Clusters.Single().Hardware!;
        Assert.Equal((6, 6, 1e9 / 8), (hw.Cores, hw.DiskCount, hw.NetworkBaseline.BytesPerSecond));
        Assert.Equal(1e9 / 8, Zones(linkedin).Single().ClientNetwork!.Value.BytesPerSecond);

        var msk = LoadShipped("calibration-msk-m5-4xlarge.yaml");
        Assert.Equal(3, Zones(msk).Count());
        Assert.Equal(16, msk.Clusters.Single().Hardware!.Cores);
    }

    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void Load_ShippedModel_LoadsWithoutDiagnosticsAndIsNamedAfterItsFile(string fileName)
    {
        // Load throws InputException on any diagnostic, so returning at all means the file is clean.
        var model = LoadShipped(fileName);

        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), model.Name);
        Assert.False(string.IsNullOrWhiteSpace(model.Description));
        Assert.NotEmpty(model.Clusters);
    }

    [Fact]
    public void Load_ThreeMetroDcs_HasThreeSitesTwoMillisecondsApartAndAVoterInEach()
    {
        var m = LoadShipped("three-metro-dcs.yaml");

        Assert.Equal(["a", "b", "c"], Zones(m).Select(z => z.Name));
        Assert.Equal(3, m.Network.Links.Count);
        Assert.All(m.Network.Links, l => Assert.Equal("2ms", l.Profile.Rtt.ToString()));
        var main = Assert.Single(m.Clusters);
        Assert.Equal([2, 2, 2], new[] { "a", "b", "c" }.Select(z => main.Brokers.Count(b => ZoneOf(m, b) == z)));
        Assert.Equal([1, 1, 1], new[] { "a", "b", "c" }.Select(z => main.Controllers.Count(c => ZoneOf(m, c) == z)));
    }

    [Fact]
    public void Load_ThreeAz_HasOneRegionThreeZonesSixBrokersAndOneControllerPerZone()
    {
        var m = LoadShipped("three-az.yaml");

        var region = Assert.Single(m.Network.Topology.Regions);
        Assert.Equal("us-east-1", region.Name);
        Assert.Equal(["az1", "az2", "az3"], region.Zones.Select(z => z.Name));
        Assert.All(region.Zones, z => Assert.Equal(2, z.Racks.Count));
        var main = Assert.Single(m.Clusters);
        Assert.Equal(ControllerMode.Dedicated, main.ControllerMode);
        Assert.Equal([1, 2, 3, 4, 5, 6], main.Brokers.Select(b => b.KafkaId!.Value));
        Assert.Equal(["az1", "az1", "az2", "az2", "az3", "az3"], main.Brokers.Select(b => ZoneOf(m, b)));
        Assert.Equal([7, 8, 9], main.Controllers.Select(c => c.KafkaId!.Value));
        Assert.Equal(["az1", "az2", "az3"], main.Controllers.Select(c => ZoneOf(m, c)));
        Assert.All(main.Controllers, c => Assert.Equal(NodeRole.Controller, c.Roles));
        Assert.Equal(9, m.Network.Nodes.Count);
        Assert.Empty(m.Network.Links);
    }

    [Fact]
    public void Load_TwoMetroDcs_PutsTwoControllersInZoneAAndOneInZoneB()
    {
        var m = LoadShipped("two-metro-dcs.yaml");

        var region = Assert.Single(m.Network.Topology.Regions);
        Assert.Equal("metro", region.Name);
        Assert.Equal(["a", "b"], region.Zones.Select(z => z.Name));
        Assert.Equal(4, region.Zones.Sum(z => z.Racks.Count));
        var main = Assert.Single(m.Clusters);
        Assert.Equal(3, main.Brokers.Count(b => ZoneOf(m, b) == "a"));
        Assert.Equal(3, main.Brokers.Count(b => ZoneOf(m, b) == "b"));
        Assert.Equal(["a", "a", "b"], main.Controllers.Select(c => ZoneOf(m, c)));
        Assert.Equal(ControllerMode.Dedicated, main.ControllerMode);
        Assert.Equal(9, m.Network.Nodes.Count);
    }

    [Fact]
    public void Load_TwoMetroDcs_ParsesTheSiteLinkWithEveryFigure()
    {
        var m = LoadShipped("two-metro-dcs.yaml");

        var link = Assert.Single(m.Network.Links);
        Assert.Equal(("a", "b", true), (link.From, link.To, link.Bidirectional));
        var p = link.Profile;
        Assert.Equal(LinkPresets.MetroDc, p.Preset);
        Assert.Equal(SimDuration.FromMilliseconds(2), p.Rtt);
        Assert.Equal(0.0, p.Loss);
        Assert.Equal(BandwidthText.Parse("10Gbps"), p.Bandwidth);
        Assert.NotNull(p.Jitter);
        Assert.Equal("normal", p.Jitter.Family);
        Assert.Equal(0.0, p.Jitter.Parameters["mean"]);
        Assert.Equal(200_000.0, p.Jitter.Parameters["stddev"]);
    }

    [Fact]
    public void Load_ThreeRegions_RunsThreeCombinedModeClustersWhoseControllersAreBrokers()
    {
        var m = LoadShipped("three-regions.yaml");

        Assert.Equal(["us-east-1", "us-west-2", "eu-west-1"], m.Network.Topology.Regions.Select(r => r.Name));
        Assert.All(m.Network.Topology.Regions, r => Assert.Equal(3, Assert.Single(r.Zones).Racks.Count));
        Assert.Equal(["use1", "usw2", "euw1"], m.Clusters.Select(c => c.Name));
        foreach (var c in m.Clusters)
        {
            Assert.Equal(ControllerMode.Combined, c.ControllerMode);
            Assert.Equal(3, c.Brokers.Count);
            Assert.Equal(c.Brokers, c.Controllers);
            Assert.All(c.Controllers, n => Assert.Equal(NodeRole.Broker | NodeRole.Controller, n.Roles));
            // Each broker sits on its own rack of the cluster's zone.
            Assert.Equal(3, c.Brokers.Select(b => b.Rack).Distinct().Count());
        }
        // Combined-mode controllers are the brokers themselves, so no extra nodes exist.
        Assert.Equal(9, m.Network.Nodes.Count);
    }

    [Fact]
    public void Load_ThreeRegions_ParsesThreeUnevenRegionLinks()
    {
        var m = LoadShipped("three-regions.yaml");

        var links = m.Network.Links.Select(l => (l.From, l.To, l.Bidirectional, l.Profile.Preset, l.Profile.Rtt, l.Profile.Bandwidth));
        Assert.Equal(
        [
            ("us-east-1", "us-west-2", true, "cross-region", SimDuration.FromMilliseconds(65), (Bandwidth?)null),
            ("us-east-1", "eu-west-1", true, "cross-region", SimDuration.FromMilliseconds(75), null),
            ("us-west-2", "eu-west-1", true, "cross-region", SimDuration.FromMilliseconds(130), BandwidthText.Parse("2Gbps")),
        ], links.Select(l => (l.From, l.To, l.Bidirectional, l.Preset!, l.Rtt!.Value, l.Bandwidth)));
    }

    [Fact]
    public void Load_TwoRegions_HasTwoSixBrokerClustersEachInItsOwnRegion()
    {
        var m = LoadShipped("two-regions.yaml");

        Assert.Equal(["us-east-1", "us-west-2"], m.Network.Topology.Regions.Select(r => r.Name));
        Assert.All(m.Network.Topology.Regions, r => Assert.Equal(3, r.Zones.Count));
        Assert.Equal(6, Zones(m).Sum(z => z.Racks.Count));
        Assert.Equal(["east", "west"], m.Clusters.Select(c => c.Name));
        foreach (var (cluster, prefix) in new[] { (m.Clusters[0], "use1-"), (m.Clusters[1], "usw2-") })
        {
            Assert.Equal(ControllerMode.Dedicated, cluster.ControllerMode);
            Assert.Equal([1, 2, 3, 4, 5, 6], cluster.Brokers.Select(b => b.KafkaId!.Value));
            Assert.Equal([7, 8, 9], cluster.Controllers.Select(c => c.KafkaId!.Value));
            Assert.All(cluster.Brokers.Concat(cluster.Controllers), n => Assert.StartsWith(prefix, ZoneOf(m, n), StringComparison.Ordinal));
            Assert.Equal(3, cluster.Controllers.Select(c => ZoneOf(m, c)).Distinct().Count());
        }
        // 18 Kafka nodes and two Connect workers per region, mirroring each region into the other.
        Assert.Equal(22, m.Network.Nodes.Count);
        Assert.Equal(["mm2-west", "mm2-east"], m.MirrorMaker.Select(c => c.Name));
        Assert.Equal(["east->west", "west->east"], m.MirrorMaker.SelectMany(c => c.Flows).Select(f => f.Name));
        Assert.All(m.MirrorMaker[0].Workers, w => Assert.StartsWith("usw2-", ZoneOf(m, m.Network.Nodes.Single(n => n.Name == w)), StringComparison.Ordinal));
        var link = Assert.Single(m.Network.Links);
        Assert.Equal(("us-east-1", "us-west-2", true), (link.From, link.To, link.Bidirectional));
        Assert.Equal(SimDuration.FromMilliseconds(70), link.Profile.Rtt);
    }
}
