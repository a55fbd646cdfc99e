using Sim.Core.Validation;
using Sim.Network.Links;
using Sim.Network.Tests.Support;
using Sim.Network.Topology;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Validation;

/// <summary>
/// <see cref="NetworkOptionsValidator"/> reports each mistake once, under the key a model file writes it
/// at, with a hint where a near-miss name suggests the intended one. Each test starts from a valid
/// model (regions east: zones a, b; west: zone c) and makes exactly one mistake.
/// </summary>
public sealed class NetworkOptionsValidatorTests
{
    private static ModelBuilder Valid() => new ModelBuilder()
        .Zone("east", "a", racks: 2).Zone("east", "b").Zone("west", "c");

    private static SpecError SingleError(ModelBuilder model)
    {
        var errors = NetworkOptionsValidator.Validate(model.Build());
        return Assert.Single(errors);
    }

    [Fact]
    public void Validate_ValidModel_ReportsNothing()
    {
        var model = Valid()
            .Link("a/b", Fixed(Ms(2), loss: 0.001))
            .Link("east/west", new LinkProfileOptions(Preset: LinkPresets.CrossRegion))
            .Link("c->a", new LinkProfileOptions(Rtt: Ms(60)))
            .Node(new NodeOptions("k1", NodeRole.Broker, "a-r1", Cluster: "x", KafkaId: 1))
            .Node(new NodeOptions("k2", NodeRole.Broker, "a-r2", Cluster: "y", KafkaId: 1));

        Assert.Empty(NetworkOptionsValidator.Validate(model.Build()));
    }

    [Fact]
    public void Validate_ZoneNameRepeatedInOneRegion_ReportsTheSecondZone()
    {
        var e = SingleError(Valid().ZoneWithRacks("west", "c", "c-other-rack"));

        Assert.Equal("regions.west.zones.c", e.Key);
        Assert.Contains("declared twice", e.Message);
    }

    [Fact]
    public void Validate_ZoneNameRepeatedInAnotherRegion_ReportsTheSecondZone()
    {
        var e = SingleError(Valid().ZoneWithRacks("west", "a", "a-west-rack"));

        Assert.Equal("regions.west.zones.a", e.Key);
    }

    [Fact]
    public void Validate_RackNameRepeated_ReportsTheRacksOfTheSecondZone()
    {
        var e = SingleError(Valid().ZoneWithRacks("west", "d", "a-r2"));

        Assert.Equal("regions.west.zones.d.racks", e.Key);
        Assert.Contains("a-r2", e.Message);
    }

    [Fact]
    public void Validate_NodeOnUnknownRack_ReportsTheNodeWithTheNearestRack()
    {
        var e = SingleError(Valid().Node(new NodeOptions("broker-9", NodeRole.Broker, "a-r3x")));

        Assert.Equal("nodes.broker-9", e.Key);
        Assert.Contains("a-r3x", e.Message);
        Assert.Equal("a-r3x", e.Unknown);
        Assert.Contains("a-r1", e.Known!);
    }

    [Fact]
    public void Validate_NodeOnUnknownRackWithDeclaredKey_ReportsThatKey()
    {
        var e = SingleError(Valid().Node(new NodeOptions("b9", NodeRole.Broker, "b-r9", Key: "clusters.main.brokers[3]")));

        Assert.Equal("clusters.main.brokers[3]", e.Key);
    }

    [Fact]
    public void Validate_DuplicateKafkaIdInOneCluster_ReportsTheSecondNode()
    {
        var e = SingleError(Valid()
            .Node(new NodeOptions("k1", NodeRole.Broker, "a-r1", Cluster: "main", KafkaId: 4))
            .Node(new NodeOptions("k2", NodeRole.Broker, "b-r1", Cluster: "main", KafkaId: 4)));

        Assert.Equal("nodes.k2", e.Key);
        Assert.Contains("k1", e.Message);
    }

    [Fact]
    public void Validate_NegativeRtt_ReportsTheLinksRtt()
    {
        var e = SingleError(Valid().Link("a/b", new LinkProfileOptions(Rtt: Ms(-1))));

        Assert.Equal("links.a/b.rtt", e.Key);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_LossOutsideZeroToOne_ReportsTheLinksLoss(double loss)
    {
        var e = SingleError(Valid().Link("a->c", new LinkProfileOptions(Loss: loss)));

        Assert.Equal("links.a->c.loss", e.Key);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.999)]
    public void Validate_LossInsideZeroToOne_IsAccepted(double loss)
    {
        Assert.Empty(NetworkOptionsValidator.Validate(Valid().Link("a->c", new LinkProfileOptions(Loss: loss)).Build()));
    }

    [Fact]
    public void Validate_UnknownPreset_ReportsTheLinksPresetWithTheNearestPreset()
    {
        var e = SingleError(Valid().Link("a/b", new LinkProfileOptions(Preset: "cross-azz")));

        Assert.Equal("links.a/b.preset", e.Key);
        Assert.Equal("cross-azz", e.Unknown);
        Assert.Contains("cross-az", e.Known!);
    }

    [Fact]
    public void Validate_UnknownDefaultPreset_ReportsTheDefaultsKey()
    {
        var e = SingleError(Valid().Defaults(new LinkDefaults(CrossRegion: "cross-regoin")));

        Assert.Equal("links.defaults.cross-region", e.Key);
        Assert.Equal("cross-regoin", e.Unknown);
        Assert.Contains("cross-region", e.Known!);
    }

    [Fact]
    public void Validate_LinkNamingUnknownPlace_ReportsTheLinkWithTheNearestPlace()
    {
        var e = SingleError(Valid().Link("a/wset", new LinkProfileOptions(Rtt: Ms(50))));

        Assert.Equal("links.a/wset", e.Key);
        Assert.Contains("wset", e.Message);
        Assert.Equal("wset", e.Unknown);
        Assert.Contains("west", e.Known!);
    }

    [Fact]
    public void Validate_LinkJoiningZoneAndRegion_ReportsTheLink()
    {
        var e = SingleError(Valid().Link("a->west", new LinkProfileOptions(Rtt: Ms(50))));

        Assert.Equal("links.a->west", e.Key);
    }

    [Fact]
    public void Validate_LinkGivenTwiceInEitherOrder_ReportsTheSecond()
    {
        var e = SingleError(Valid().Link("a/b", Fixed(Ms(1))).Link("b/a", Fixed(Ms(2))));

        Assert.Equal("links.b/a", e.Key);
    }

    [Fact]
    public void Validate_ZoneNamedLikeAnEarlierRegion_ReportsTheZoneOnce()
    {
        var e = SingleError(Valid().ZoneWithRacks("west", "east", "east-rack"));

        Assert.Equal("regions.west.zones.east", e.Key);
        Assert.Contains("name of a region", e.Message);
    }

    [Fact]
    public void Validate_RegionNamedLikeAnEarlierZone_ReportsTheRegionOnce()
    {
        var e = SingleError(Valid().ZoneWithRacks("b", "d", "d-r1"));

        Assert.Equal("regions.b", e.Key);
        Assert.Contains("name of a zone", e.Message);
    }
}
