using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// Bad link overrides: keys that do not name two places, figures with missing or wrong units, values out
/// of range, unknown presets and distributions. Every model here has zones 'east' and 'west' in region
/// 'metro', so line numbers below count from the first line of each inline file.
/// </summary>
public sealed class ModelLoaderLinkErrorTests
{
    // Five lines of structure; a test's 'links:' starts on line 6.
    private const string Structure = """
        regions:
          metro:
            zones:
              east: { racks: [e1, e2] }
              west: { racks: [w1, w2] }

        """;

    private static string WithLinks(string links) => Structure + links;

    [Fact]
    public void Load_RttWithoutUnit_ReportsMissingUnitAtTheValue()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                rtt: 2
            """);

        var d = LoadFailure.Expect(yaml, "has no unit", line: 8, key: "links.east/west.rtt");

        Assert.Equal(10, d.Column);
        Assert.Contains("'2'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RttWithWrongUnit_NamesTheUnit()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                preset: metro-dc
                rtt: 2 parsecs
            """);

        LoadFailure.Expect(yaml, "unknown duration unit 'parsecs'", line: 9, key: "links.east/west.rtt");
    }

    [Theory]
    [InlineData("10 Gbit", "unknown bandwidth unit 'Gbit'")]
    [InlineData("10", "has no unit")]
    [InlineData("0Gbps", "must be positive")]
    public void Load_BadBandwidth_ReportsWhy(string bandwidth, string fragment)
    {
        var yaml = WithLinks($"""
            links:
              east/west:
                bandwidth: {bandwidth}
            """);

        LoadFailure.Expect(yaml, fragment, line: 8, key: "links.east/west.bandwidth");
    }

    [Fact]
    public void Load_UnlimitedBandwidth_IsAccepted()
    {
        var yaml = WithLinks("""
            links:
              east/west: { bandwidth: unlimited }
            """);

        var link = Assert.Single(Sim.Experiments.Models.ModelLoader.Load("m.yaml", yaml).Network.Links);

        Assert.True(link.Profile.UnlimitedBandwidth);
        Assert.Null(link.Profile.Bandwidth);
    }

    [Fact]
    public void Load_NegativeRtt_ReportsAtTheRttKey()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                preset: metro-dc
                rtt: -2ms
            """);

        var d = LoadFailure.Expect(yaml, "RTT -2ms is negative", line: 9, key: "links.east/west.rtt");

        Assert.Equal(5, d.Column);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void Load_LossOutsideZeroToOne_ReportsProbabilityRange(string loss)
    {
        var yaml = WithLinks($"""
            links:
              east/west:
                loss: {loss}
            """);

        LoadFailure.Expect(yaml, "must be a probability in [0, 1)", line: 8, key: "links.east/west.loss");
    }

    [Fact]
    public void Load_LossNotANumber_ReportsNotANumber()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                loss: 1%
            """);

        LoadFailure.Expect(yaml, "'1%' is not a number", line: 8, key: "links.east/west.loss");
    }

    [Fact]
    public void Load_UnknownPreset_HintsTheNearestPreset()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                rtt: 3ms
                preset: metro-dcc
            """);

        var d = LoadFailure.Expect(yaml, "unknown link preset 'metro-dcc'", line: 9, key: "links.east/west.preset");

        Assert.Equal("did you mean 'metro-dc'?", d.Hint);
    }

    [Fact]
    public void Load_UnknownDefaultPreset_HintsTheNearestPreset()
    {
        var yaml = WithLinks("""
            links:
              defaults:
                cross-zone: crossaz
            """);

        var d = LoadFailure.Expect(yaml, "unknown link preset 'crossaz'", line: 8, key: "links.defaults.cross-zone");

        Assert.Equal("did you mean 'cross-az'?", d.Hint);
    }

    [Fact]
    public void Load_UnknownLinkField_HintsTheNearestField()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                rt: 2ms
            """);

        var d = LoadFailure.Expect(yaml, "unknown key 'rt'", line: 8, key: "links.east/west.rt");

        Assert.Equal("did you mean 'rtt'?", d.Hint);
    }

    [Fact]
    public void Load_UnknownDistributionFamily_HintsTheNearestFamily()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                jitter:
                  dist: lognormel
                  median: 1ms
                  p99: 5ms
            """);

        var d = LoadFailure.Expect(yaml, "unknown distribution 'lognormel'", line: 9, key: "links.east/west.jitter.dist");

        Assert.Equal("did you mean 'lognormal'?", d.Hint);
    }

    [Fact]
    public void Load_LognormalJitterWithoutP99OrSigma_ReportsWhatIsMissing()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                rtt: 2ms
                jitter: { dist: lognormal, median: 1ms }
            """);

        LoadFailure.Expect(yaml, "needs exactly one of 'p99' or 'sigma'", line: 9, key: "links.east/west.jitter");
    }

    [Fact]
    public void Load_JitterParameterWithoutUnit_ReportsAtTheParameter()
    {
        var yaml = WithLinks("""
            links:
              east/west:
                jitter:
                  dist: normal
                  mean: 0ms
                  stddev: 0.2
            """);

        LoadFailure.Expect(yaml, "has no unit", line: 11, key: "links.east/west.jitter.stddev");
    }

    [Fact]
    public void Load_LinkNamingUnknownZone_HintsTheNearestZone()
    {
        var yaml = WithLinks("""
            links:
              east/wset: { rtt: 2ms }
            """);

        var d = LoadFailure.Expect(yaml, "'wset' is not a zone or region", line: 7, key: "links.east/wset");

        Assert.Equal("did you mean 'west'?", d.Hint);
    }

    [Fact]
    public void Load_LinkBetweenZoneAndRegion_IsRejected()
    {
        var yaml = WithLinks("""
            links:
              east->metro: { rtt: 2ms }
            """);

        LoadFailure.Expect(yaml, "not a zone and a region", line: 7, key: "links.east->metro");
    }

    [Fact]
    public void Load_SameLinkGivenTwice_ReportsTheSecond()
    {
        var yaml = WithLinks("""
            links:
              east/west: { rtt: 2ms }
              west/east: { rtt: 3ms }
            """);

        LoadFailure.Expect(yaml, "is given twice", line: 8, key: "links.west/east");
    }

    [Fact]
    public void Load_DashLinkKeyNamingNoKnownPair_SaysHowToWriteALink()
    {
        var yaml = WithLinks("""
            links:
              east-north-west: { rtt: 2ms }
            """);

        var d = LoadFailure.Expect(yaml, "does not name two known zones or regions", line: 7, key: "links.east-north-west");

        Assert.Contains("'a/b'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AmbiguousDashLinkKey_SuggestsTheSlashForm()
    {
        // 'a-b-c' splits as a | b-c and as a-b | c, and all four are zones.
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [r1] }
                  b-c: { racks: [r2] }
                  a-b: { racks: [r3] }
                  c: { racks: [r4] }
            links:
              a-b-c: { rtt: 2ms }
            """;

        LoadFailure.Expect(yaml, "can be read more than one way; write it as 'a/b-c'", line: 9, key: "links.a-b-c");
    }

    [Theory]
    [InlineData("east->")]
    [InlineData("/west")]
    public void Load_LinkKeyMissingASide_ReportsIt(string key)
    {
        var yaml = WithLinks($$"""
            links:
              {{key}}: { rtt: 2ms }
            """);

        LoadFailure.Expect(yaml, "needs a place on each side", line: 7, key: "links." + key);
    }
}
