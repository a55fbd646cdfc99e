using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Experiments.Models;
using Sim.Experiments.Tests.Support;
using Sim.Experiments.Yaml;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// Bad model files whose problem is in the document itself or its region/zone/rack structure. Each test
/// checks that the diagnostic names the file, the 1-based line of the offending key or value, the key path
/// and what is wrong, since that is all a user has to find the mistake.
/// </summary>
public sealed class ModelLoaderStructureErrorTests
{
    [Fact]
    public void Load_UnknownTopLevelKey_HintsTheNearestValidKey()
    {
        const string yaml = """
            name: t
            regions:
              metro:
                zones:
                  a: { racks: [a1] }
            linkz:
              a/a: { rtt: 1ms }
            """;

        var d = LoadFailure.Expect(yaml, "unknown key 'linkz'", line: 6, key: "linkz");

        Assert.Equal(1, d.Column);
        Assert.Equal("did you mean 'links'?", d.Hint);
    }

    [Fact]
    public void Load_UnknownKeyInsideZone_HintsRacks()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a:
                    rack: [a1, a2]
            """;

        var d = LoadFailure.Expect(yaml, "unknown key 'rack'", line: 5, key: "regions.metro.zones.a.rack");

        Assert.Equal(9, d.Column);
        Assert.Equal("did you mean 'racks'?", d.Hint);
    }

    [Fact]
    public void Load_UnknownKeyInsideRegion_HintsZones()
    {
        const string yaml = """
            regions:
              metro:
                zone:
                  a: { racks: [a1] }
            """;

        var d = LoadFailure.Expect(yaml, "unknown key 'zone'", line: 3, key: "regions.metro.zone");

        Assert.Equal("did you mean 'zones'?", d.Hint);
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsLineAndColumnOfTheError()
    {
        // The second ':' on line 3 is not allowed in a plain scalar context.
        const string yaml = """
            name: t
            regions:
              metro: zones: a
            """;

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal(LoadFailure.File, d.File);
        Assert.Equal(3, d.Line);
        Assert.Equal(15, d.Column);
        Assert.Equal("", d.Key);
        Assert.StartsWith("YAML syntax error: ", d.Message, StringComparison.Ordinal);
        // The location lives in Line and Column; the message should not repeat YamlDotNet's "(Line: ...)" prefix.
        Assert.DoesNotContain("(Line:", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FlowMappingMissingItsClosingBrace_ReportsSyntaxErrorInsteadOfCrashing()
    {
        // Models are written in flow style ({ racks: [...] }), so a forgotten '}' is a likely typo.
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [a1]
                  b: { racks: [b1] }
            """;

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal(LoadFailure.File, d.File);
        Assert.StartsWith("YAML syntax error: ", d.Message, StringComparison.Ordinal);
        Assert.InRange(d.Line, 4, 5);
        Assert.True(d.Column > 0);
    }

    [Fact]
    public void Load_TabIndentation_ReportsTheLineOfTheTab()
    {
        const string yaml = "regions:\n  metro:\n    zones:\n      a: { racks: [a1] }\n\tlinks: {}\n";

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Contains("tab", d.Message, StringComparison.Ordinal);
        Assert.Equal(5, d.Line);
    }

    [Fact]
    public void Load_DuplicateKeyInMapping_ReportsItAtTheSecondKey()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [a1] }
                  a: { racks: [a2] }
            """;

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal(5, d.Line);
        Assert.Contains("duplicate", d.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("   \n\n")]
    public void Load_EmptyFile_ReportsTheFileIsEmpty(string yaml)
    {
        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal(LoadFailure.File, d.File);
        Assert.Equal("", d.Key);
        Assert.Equal("the file is empty", d.Message);
    }

    [Fact]
    public void Load_TopLevelIsAList_ReportsExpectedMapping()
    {
        const string yaml = """
            - regions
            - links
            """;

        var d = LoadFailure.Expect(yaml, "expected a mapping", line: 1, key: "");

        Assert.Contains("a list", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoRegionsKey_ReportsRegionsAreNeeded()
    {
        const string yaml = """
            name: t
            clusters: {}
            """;

        LoadFailure.Expect(yaml, "needs 'regions'", line: 1, key: "regions");
    }

    [Fact]
    public void Load_EmptyRegionsMapping_ReportsAtLeastOneRegion()
    {
        const string yaml = """
            name: t
            regions: {}
            """;

        LoadFailure.Expect(yaml, "at least one region", line: 2, key: "regions");
    }

    [Fact]
    public void Load_ZoneWithoutRacks_ReportsTheZone()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [a1] }
                  b: { racks: [] }
            """;

        LoadFailure.Expect(yaml, "zone 'b' has no racks", line: 5, key: "regions.metro.zones.b.racks");
    }

    [Fact]
    public void Load_RackDeclaredInTwoZones_ReportsTheSecondDeclaration()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [r1] }
                  b:
                    racks: [r2, r1]
            """;

        LoadFailure.Expect(yaml, "rack 'r1' is declared twice", line: 6, key: "regions.metro.zones.b.racks");
    }

    [Fact]
    public void Load_ZoneNamedLikeARegion_ReportsTheClash()
    {
        const string yaml = """
            regions:
              east:
                zones:
                  e1: { racks: [e1-r1] }
              west:
                zones:
                  east: { racks: [w1-r1] }
            """;

        LoadFailure.Expect(yaml, "has the name of a region", line: 7, key: "regions.west.zones.east");
    }

    [Fact]
    public void Load_NoNameKey_NamesTheModelAfterItsFile()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [a1] }
            """;

        var model = ModelLoader.Load("models/my-site.yaml", yaml);

        Assert.Equal("my-site", model.Name);
        Assert.Null(model.Description);
        Assert.Empty(model.Clusters);
    }

    [Fact]
    public void Load_MissingFile_ReportsNoSuchFile()
    {
        var path = Path.Combine(RepoRoot.Models, "does-not-exist.yaml");

        var e = Assert.Throws<InputException>(() => ModelLoader.Load(path));

        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(path, d.File);
        Assert.Equal("no such file", d.Message);
    }
}
