using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// The <c>architectures</c> section as a whole: blocks are named by the user and pick a template by name
/// or by <c>template:</c>, so two blocks can compare one template under different options; the block's
/// name is the run's architecture; one block is chosen by <c>architecture:</c> or a sweep over it; and
/// every block is checked, whether it runs this time or not.
/// </summary>
public sealed class ArchitectureBlockTests
{
    private static string WithArchitectures(string architectures, string? chosen = null) =>
        $$"""
        name: blocks
        model: model.yaml
        duration: 1m
        {{(chosen is null ? "" : $"architecture: {chosen}")}}
        architectures:
        {{architectures}}
        topics:
          orders: { partitions: 3, replication.factor: 3 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 100/s }
        """;

    private const string TwoStretchBlocks = """
          small: { template: stretch, sites: [a, b, c], brokers_per_site: 1 }
          big: { template: stretch, sites: [a, b, c], brokers_per_site: 3 }
        """;

    [Fact]
    public void Load_TwoBlocksOfOneTemplate_BuildEachWithItsOwnOptions()
    {
        var d = Load(WithArchitectures(TwoStretchBlocks) + "\nsweep:\n  grid:\n    architecture: [small, big]\n");

        Assert.Equal(["small", "big"], d.Points.Select(p => p.Architecture));
        Assert.Equal([3, 9], d.Points.Select(p => p.Plan.Model.Clusters.Single().Brokers.Count));
    }

    [Fact]
    public void Load_BlockName_IsThePointsAndThePlansArchitecture()
    {
        var point = Assert.Single(Load(WithArchitectures("  metro-stretch: { template: stretch, sites: [a, b, c], brokers_per_site: 1 }")).Points);

        Assert.Equal("metro-stretch", point.Architecture);
        Assert.Equal("metro-stretch", point.Plan.Architecture);
    }

    [Fact]
    public void Load_ArchitectureKey_ChoosesTheBlockToRun()
    {
        var point = Assert.Single(Load(WithArchitectures(TwoStretchBlocks, chosen: "big")).Points);

        Assert.Equal("big", point.Architecture);
        Assert.Equal(9, point.Plan.Model.Clusters.Single().Brokers.Count);
    }

    [Fact]
    public void Load_SeveralBlocksAndNoChoice_AsksWhichToRun()
    {
        var diag = Expect(WithArchitectures(TwoStretchBlocks), "with several architectures, say which to run", key: "architecture");

        Assert.EndsWith("sweep over 'architecture' (big, small)", diag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChoiceNamingNoBlock_ListsTheBlocks()
    {
        var diag = Expect(WithArchitectures(TwoStretchBlocks, chosen: "bigg"), "no architecture block named 'bigg'", key: "architecture");

        Assert.StartsWith("did you mean 'big'?", diag.Hint, StringComparison.Ordinal);
        Assert.EndsWith("blocks: big, small", diag.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BlockNamedAfterNoTemplate_ListsTheTemplates()
    {
        string yaml = WithArchitectures("  mystery: { sites: [a, b, c] }");

        var diag = Expect(yaml, "unknown architecture template 'mystery'", key: "architectures.mystery", line: LineOf(yaml, "mystery:"));
        Assert.EndsWith("templates: stretch, active-active, active-passive, aggregate, hub-and-spoke, observer, tiered-dr, custom", diag.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspelledTemplateKey_IsAnErrorAtTheTemplateWithTheNearestName()
    {
        string yaml = WithArchitectures("  x: { template: strech, sites: [a, b, c] }");

        var diag = Expect(yaml, "unknown architecture template 'strech'", key: "architectures.x.template");
        Assert.StartsWith("did you mean 'stretch'?", diag.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SiteTheModelDoesNotHave_IsAnErrorUnderTheArchitecture()
    {
        string yaml = WithArchitectures("  stretch: { sites: [a, b, zz] }");

        var diag = Expect(yaml, "'zz' is neither a zone nor a region of model 'four-zones'", key: "architectures.stretch", line: LineOf(yaml, "stretch: {"));
        Assert.Contains("zones: a, b, c, d", diag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProblemInABlockThatDoesNotRun_IsStillReported()
    {
        string yaml = WithArchitectures("""
              stretch: { sites: [a, b, c], brokers_per_site: 1 }
              aa: { template: active-active, sites: [a, b], cluster: { brokerz: 3 } }
            """, chosen: "stretch");

        Expect(yaml, "unknown key 'brokerz'", key: "architectures.aa.cluster.brokerz", line: LineOf(yaml, "brokerz"));
    }

    [Fact]
    public void Load_NoArchitectureBlocks_IsAnError()
    {
        // With no block there is nothing to build, so no point and no run: the loader must say so, rather
        // than hand back an experiment of zero runs.
        var e = Record.Exception(() => Load(WithArchitectures("  {}")));

        Assert.IsType<Sim.Experiments.Yaml.InputException>(e);
    }

    [Fact]
    public void Load_NoArchitecturesSection_SaysOneIsNeeded()
    {
        string yaml = Minimal.Replace("""
            architectures:
              stretch:
                sites: [a, b, c]
                brokers_per_site: 1

            """, "", StringComparison.Ordinal);

        Expect(yaml, "an experiment needs 'architectures'", key: "architectures");
    }
}
