using Sim.Experiments.Tests.Support;
using Sim.Experiments.Yaml;

namespace Sim.Experiments.Tests.Yaml;

/// <summary>
/// How problems are shown: every problem in a file at once, each printed as <c>file:line:column: key: message (hint)</c>
/// so editors can jump to it.
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void ToString_WithHint_RendersFileLineColumnKeyMessageAndHint()
    {
        var d = new Diagnostic("models/x.yaml", 12, 5, "links.a/b.preset", "unknown link preset 'metro-dcc'", "did you mean 'metro-dc'?");

        Assert.Equal("models/x.yaml:12:5: links.a/b.preset: unknown link preset 'metro-dcc' (did you mean 'metro-dc'?)", d.ToString());
    }

    [Fact]
    public void ToString_WithoutHint_EndsWithTheMessage()
    {
        var d = new Diagnostic("models/x.yaml", 12, 5, "links.a/b.rtt", "RTT -2ms is negative");

        Assert.Equal("models/x.yaml:12:5: links.a/b.rtt: RTT -2ms is negative", d.ToString());
    }

    [Fact]
    public void ToString_WithoutKey_OmitsTheKeySeparator()
    {
        var d = new Diagnostic("models/x.yaml", 3, 15, "", "YAML syntax error: something");

        Assert.Equal("models/x.yaml:3:15: YAML syntax error: something", d.ToString());
    }

    [Fact]
    public void ToString_WithoutLine_ShowsOnlyTheFile()
    {
        var d = new Diagnostic("models/missing.yaml", 0, 0, "", "no such file");

        Assert.Equal("models/missing.yaml: no such file", d.ToString());
    }

    [Fact]
    public void ToString_OfALoadedDiagnostic_PointsAtTheOffendingKey()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { racks: [a1] }
            linkz: {}
            """;

        var d = Assert.Single(LoadFailure.Of(yaml));

        Assert.Equal("models/inline.yaml:5:1: linkz: unknown key 'linkz' (did you mean 'links'?)", d.ToString());
    }

    [Fact]
    public void Load_FileWithFourDistinctProblems_ReportsEveryOneAtOnce()
    {
        const string yaml = """
            name: many
            regions:
              metro:
                zones:
                  a: { racks: [a1] }
                  b: { racks: [b1] }
            linkz: {}
            links:
              a/b:
                rtt: 2
                preset: metro-dcc
            clusters:
              main:
                brokers: { a: 3, c: 3 }
            """;

        var diagnostics = LoadFailure.Of(yaml);

        Assert.True(diagnostics.Count >= 4, LoadFailure.Render(diagnostics));
        LoadFailure.Find(diagnostics, "unknown key 'linkz'", line: 7, key: "linkz");
        LoadFailure.Find(diagnostics, "has no unit", line: 10, key: "links.a/b.rtt");
        LoadFailure.Find(diagnostics, "unknown link preset 'metro-dcc'", line: 11, key: "links.a/b.preset");
        LoadFailure.Find(diagnostics, "unknown zone 'c'", line: 14, key: "clusters.main.brokers.c");
    }

    [Fact]
    public void Load_ProblemsInOneFile_AreListedInTheExceptionMessageOnePerLine()
    {
        const string yaml = """
            regions:
              metro:
                zones:
                  a: { rack: [a1] }
            linkz: {}
            """;

        var e = Assert.Throws<InputException>(() => Sim.Experiments.Models.ModelLoader.Load(LoadFailure.File, yaml));

        Assert.True(e.Diagnostics.Count >= 2);
        Assert.Equal(e.Diagnostics.Select(d => d.ToString()), e.Message.Split(Environment.NewLine));
    }
}
