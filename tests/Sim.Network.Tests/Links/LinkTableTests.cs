using Sim.Core;
using Sim.Network.Links;
using Sim.Network.Tests.Support;
using Sim.Network.Topology;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Links;

/// <summary>
/// How <see cref="LinkTable"/> resolves the profile of each direction: the scope's default preset,
/// then region-pair overrides, then zone-pair overrides, a one-way override beating a two-way one at
/// the same level, and a named preset replacing whatever was inherited. Regions east (zones ea with
/// two racks of two nodes, and eb) and west (zones wa and wb).
/// </summary>
public sealed class LinkTableTests
{
    private static (NetworkTopology Topology, LinkTable Table) Build(Func<ModelBuilder, ModelBuilder> links)
    {
        var options = links(new ModelBuilder()
            .Zone("east", "ea", racks: 2, nodesPerRack: 2).Zone("east", "eb")
            .Zone("west", "wa").Zone("west", "wb")).Build();
        Assert.Empty(NetworkOptionsValidator.Validate(options));
        var topology = new NetworkTopology(options.Topology, options.Nodes);
        return (topology, new LinkTable(topology, options.Links, options.Defaults));
    }

    private static LinkProfile Between((NetworkTopology T, LinkTable L) m, string from, string to) =>
        m.L.Between(m.T.Zone(from), m.T.Zone(to));

    [Fact]
    public void Between_NoOverrides_UsesTheDefaultPresetOfEachScope()
    {
        var m = Build(b => b);
        var (t, table) = m;

        Assert.Same(LinkPresets.Get(LinkPresets.SameRack), table.Between(t.Node("ea1"), t.Node("ea2")));
        Assert.Same(LinkPresets.Get(LinkPresets.SameZone), table.Between(t.Node("ea1"), t.Node("ea3")));
        Assert.Same(LinkPresets.Get(LinkPresets.CrossAz), table.Between(t.Node("ea1"), t.Node("eb1")));
        Assert.Same(LinkPresets.Get(LinkPresets.CrossRegion), table.Between(t.Node("ea1"), t.Node("wa1")));
        Assert.Same(LinkPresets.Get(LinkPresets.CrossRegion), Between(m, "wb", "eb"));
        Assert.Same(LinkPresets.Get(LinkPresets.SameRack), table.SameRack(t.Zone("wa")));
    }

    [Fact]
    public void Between_DefaultsNamingOtherPresets_UsesThemByScope()
    {
        var m = Build(b => b.Defaults(new LinkDefaults(SameZone: LinkPresets.SameRack, CrossZone: LinkPresets.MetroDc, CrossRegion: LinkPresets.CrossAz)));

        Assert.Same(LinkPresets.Get(LinkPresets.SameRack), Between(m, "ea", "ea"));
        Assert.Same(LinkPresets.Get(LinkPresets.MetroDc), Between(m, "ea", "eb"));
        Assert.Same(LinkPresets.Get(LinkPresets.CrossAz), Between(m, "ea", "wb"));
    }

    [Fact]
    public void Between_RegionPairOverride_AppliesToEveryZonePairAcrossThoseRegionsBothWays()
    {
        var m = Build(b => b.Link("east/west", new LinkProfileOptions(Rtt: Ms(80))));
        var crossRegion = LinkPresets.Get(LinkPresets.CrossRegion);

        foreach (var (from, to) in new[] { ("ea", "wa"), ("ea", "wb"), ("eb", "wa"), ("wb", "eb") })
        {
            var p = Between(m, from, to);
            Assert.Equal(Ms(80), p.Rtt);
            Assert.Same(crossRegion.Jitter, p.Jitter); // the figures not overridden are inherited
            Assert.Equal(crossRegion.Bandwidth, p.Bandwidth);
        }
        Assert.Same(LinkPresets.Get(LinkPresets.CrossAz), Between(m, "ea", "eb"));
        Assert.Same(LinkPresets.Get(LinkPresets.SameZone), Between(m, "wa", "wa"));
    }

    [Fact]
    public void Between_OneWayRegionOverride_ChangesOnlyThatDirection()
    {
        var m = Build(b => b.Link("east->west", new LinkProfileOptions(Loss: 0.01)));

        Assert.Equal(0.01, Between(m, "eb", "wa").Loss);
        Assert.Same(LinkPresets.Get(LinkPresets.CrossRegion), Between(m, "wa", "eb"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Between_ZonePairOverride_BeatsRegionPairOverride(bool zoneDeclaredFirst)
    {
        var region = ("east/west", new LinkProfileOptions(Rtt: Ms(80)));
        var zone = ("ea/wa", new LinkProfileOptions(Rtt: Ms(50)));
        var (first, second) = zoneDeclaredFirst ? (zone, region) : (region, zone);
        var m = Build(b => b.Link(first.Item1, first.Item2).Link(second.Item1, second.Item2));

        Assert.Equal(Ms(50), Between(m, "ea", "wa").Rtt);
        Assert.Equal(Ms(50), Between(m, "wa", "ea").Rtt);
        Assert.Equal(Ms(80), Between(m, "eb", "wa").Rtt);
        Assert.Equal(Ms(80), Between(m, "ea", "wb").Rtt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Between_OneWayZoneOverride_BeatsTwoWayForThatDirectionOnly(bool oneWayDeclaredFirst)
    {
        var twoWay = ("ea/wa", new LinkProfileOptions(Rtt: Ms(50), Loss: 0.001));
        var oneWay = ("ea->wa", new LinkProfileOptions(Rtt: Ms(40)));
        var (first, second) = oneWayDeclaredFirst ? (oneWay, twoWay) : (twoWay, oneWay);
        var m = Build(b => b.Link(first.Item1, first.Item2).Link(second.Item1, second.Item2));

        Assert.Equal(Ms(40), Between(m, "ea", "wa").Rtt);
        Assert.Equal(0.001, Between(m, "ea", "wa").Loss); // the one-way override refines the two-way one
        Assert.Equal(Ms(50), Between(m, "wa", "ea").Rtt);
    }

    [Fact]
    public void Between_OverrideNamingAPreset_ReplacesTheInheritedFigures()
    {
        var m = Build(b => b
            .Link("east/west", new LinkProfileOptions(Rtt: Ms(80), Loss: 0.01, Bandwidth: new Bandwidth(1e9)))
            .Link("eb/wb", new LinkProfileOptions(Preset: LinkPresets.MetroDc, Loss: 0.02)));
        var metro = LinkPresets.Get(LinkPresets.MetroDc);

        var p = Between(m, "wb", "eb");

        Assert.Equal(LinkPresets.MetroDc, p.Name);
        Assert.Equal(metro.Rtt, p.Rtt);
        Assert.Same(metro.Jitter, p.Jitter);
        Assert.Equal(metro.Bandwidth, p.Bandwidth);
        Assert.Equal(0.02, p.Loss);
        Assert.Equal(Ms(80), Between(m, "ea", "wb").Rtt);
    }

    [Fact]
    public void Between_UnlimitedBandwidth_ClearsTheInheritedBandwidth()
    {
        var m = Build(b => b.Link("ea/eb", new LinkProfileOptions(UnlimitedBandwidth: true)));

        Assert.NotNull(LinkPresets.Get(LinkPresets.CrossAz).Bandwidth);
        Assert.Null(Between(m, "ea", "eb").Bandwidth);
        Assert.Equal(LinkPresets.Get(LinkPresets.CrossAz).Rtt, Between(m, "eb", "ea").Rtt);
    }

    [Fact]
    public void Between_OverrideInsideAZone_ChangesCrossRackButNotSameRack()
    {
        var m = Build(b => b.Link("ea/ea", new LinkProfileOptions(Rtt: Ms(1))));
        var (t, table) = m;

        Assert.Equal(Ms(1), table.Between(t.Node("ea1"), t.Node("ea3")).Rtt);
        Assert.Same(LinkPresets.Get(LinkPresets.SameRack), table.Between(t.Node("ea1"), t.Node("ea2")));
        Assert.Same(LinkPresets.Get(LinkPresets.SameZone), Between(m, "eb", "eb"));
    }

    [Fact]
    public void InitialRto_AnyRtt_IsTheRttPlusLinuxMinimumRto()
    {
        var p = LinkPresets.Get(LinkPresets.CrossRegion) with { Rtt = Ms(70) };

        Assert.Equal(Ms(270), p.InitialRto);
        Assert.Equal(Ms(35), p.OneWay);
    }
}
