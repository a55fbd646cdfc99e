using Sim.Experiments.Models;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;
using Sim.Experiments.Tests.Support;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Yaml;

/// <summary>
/// YAML a careless or hostile user writes is refused before anything is built from it, with the file and
/// line: an alias to itself (in the file or in --set), a billion laughs, nesting 100,000 deep, a second
/// document, an unknown tag, a NUL byte, a device or an oversized file; huge values and floods of unknown
/// keys give bounded messages.
/// </summary>
public sealed class HostileYamlTests
{
    [Fact]
    public void SelfReferencingAlias_InTheFile_IsRefusedAtTheAlias()
    {
        var yaml = Minimal + "\nbomb: &a [*a]\n";
        var d = Assert.Single(Fail(yaml));
        Assert.Contains("alias *a refers to the node it is inside", d.Message, StringComparison.Ordinal);
        Assert.Equal((ExperimentFiles.File, LineOf(yaml, "bomb:")), (d.File, d.Line));
    }

    [Fact]
    public void SelfReferencingAlias_InASetOption_IsRefusedAgainstTheOption()
    {
        var d = Assert.Single(Fail(Minimal, "bomb=&a [*a]"));
        Assert.Equal("--set bomb=&a [*a]", d.File);
        Assert.Equal("bomb", d.Key);
        Assert.Contains("would expand forever", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BillionLaughs_IsRefusedByTheNodeBudget_BeforeAnyExpansion()
    {
        var laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" +
                     string.Concat(Enumerable.Range(1, 9).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n"));
        var d = Assert.Single(Fail(laughs + Minimal));
        Assert.Contains("more than limits.yaml_nodes (100000)", d.Message, StringComparison.Ordinal);
        Assert.Contains("--set limits.yaml_nodes=N", d.Message, StringComparison.Ordinal);
        Assert.True(d.Line > 1);
    }

    [Fact]
    public void AliasWrittenBeforeItsAnchor_IsRefused()
    {
        var d = Assert.Single(Fail(Minimal + "\nx: *later\ny: &later 1\n"));
        Assert.Contains("no anchor &later written before it", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasesWithinTheBudget_AreExpanded()
    {
        var yaml = Minimal.Replace("  orders: { partitions: 3, replication.factor: 3 }", "  orders: &t { partitions: 3, replication.factor: 3 }\n  audit: *t", StringComparison.Ordinal);
        var d = Load(yaml);
        Assert.Equal(3, Topic(d.Points[0], "audit").Partitions);
    }

    [Fact]
    public void Nesting100000Deep_IsRefusedAtTheDepthLimit()
    {
        var d = Assert.Single(Fail("x: " + new string('[', 100_000) + new string(']', 100_000) + "\n" + Minimal));
        Assert.Contains("more than limits.depth (64)", d.Message, StringComparison.Ordinal);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void DepthLimit_CanBeRaisedWithSet()
    {
        var deep = "x: " + new string('[', 70) + new string(']', 70) + "\n";
        Assert.Contains(Fail(deep + Minimal), d => d.Message.Contains("limits.depth", StringComparison.Ordinal));
        // Raised, the nesting is read, and the key it sits under is then an ordinary unknown key.
        Find(Fail(deep + Minimal, "limits.depth=100"), "unknown key 'x'", key: "x");
    }

    [Fact]
    public void SecondDocument_IsAnErrorAtItsStart()
    {
        var yaml = Minimal + "\n---\nname: other\n";
        var d = Assert.Single(Fail(yaml));
        Assert.Contains("a second YAML document", d.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "---"), d.Line);
    }

    [Theory]
    [InlineData("!custom 7")]
    [InlineData("!!python/object 7")]
    [InlineData("!!binary 7")]
    public void UnknownTag_IsAnErrorAtTheTaggedValue(string seed)
    {
        var yaml = Minimal + $"\nseed: {seed}\n";
        var d = Assert.Single(Fail(yaml));
        Assert.Contains("unknown tag", d.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "seed:"), d.Line);
    }

    [Fact]
    public void CoreTags_AreAccepted() => Assert.Equal(7UL, Load(Minimal + "\nseed: !!int 7\n").Seed);

    [Fact]
    public void NulByte_IsAnErrorWithItsLineAndColumn()
    {
        var d = Assert.Single(Fail(Minimal.Replace("duration: 1m", "duration: 1m\0", StringComparison.Ordinal)));
        Assert.Contains("NUL byte", d.Message, StringComparison.Ordinal);
        Assert.Equal((LineOf(Minimal, "duration:"), 13), (d.Line, d.Column));
    }

    [Fact]
    public void KeyWrittenTwice_IsASyntaxErrorNotACrash()
    {
        var d = Assert.Single(Fail(Minimal + "\nname: again\n"));
        Assert.Contains("Duplicate key", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeScalar_GivesABoundedMessage()
    {
        var d = Assert.Single(Fail(Minimal + $"\nseed: {new string('9', 2_000_000)}x\n"));
        var line = d.ToString();
        Assert.True(line.Length < 1000, $"{line.Length} characters");
        Assert.Contains("more characters)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalEscapes_AreWrittenAsEscapes()
    {
        var d = Assert.Single(Fail(Minimal + "\nseed: \"\\e[31mred\"\n"));
        Assert.DoesNotContain('\u001b', d.ToString());
        Assert.Contains("\\x1b[31mred", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FloodOfUnknownKeys_IsCountedPastWhatIsKept_AndPrintedAsTheFirstFewAndACount()
    {
        var yaml = Minimal + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"\nunknown{i}: 1"));
        var e = Assert.Throws<InputException>(() => ExperimentLoader.Load(ExperimentFiles.File, yaml, []));
        Assert.Equal(YamlReader.MaxKept, e.Diagnostics.Count);
        Assert.Equal(30_000, e.Total);
        var lines = e.Lines().ToList();
        Assert.Equal(InputException.DefaultShown + 1, lines.Count);
        Assert.Equal($"... and {30_000 - InputException.DefaultShown} more problems (show more with --set limits.diagnostics=N)", lines[^1]);
    }

    [Fact]
    public void DeviceAsModel_IsRefusedWithoutReadingIt()
    {
        if (OperatingSystem.IsWindows()) return;
        var d = Assert.Single(Fail(Minimal.Replace("model: model.yaml", "model: /dev/zero", StringComparison.Ordinal)));
        Assert.Equal("model", d.Key);
        Assert.Contains("not a regular file", d.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(Minimal, "model:"), d.Line);
    }

    [Fact]
    public void SystemFileAsModel_IsNotEchoedWhole()
    {
        var big = Path.Combine(ExperimentFiles.Directory, "not-a-model.txt");
        System.IO.File.WriteAllText(big, string.Concat(Enumerable.Repeat("root:x:0:0:root:/root:/bin/bash\n", 2000)));
        var ds = Fail(Minimal.Replace("model: model.yaml", "model: not-a-model.txt", StringComparison.Ordinal));
        Assert.All(ds, d => Assert.True(d.ToString().Length < 1000, d.ToString()));
        Assert.Contains(ds, d => d.Message.Contains("expected a mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void FileLargerThanTheBudget_IsRefusedBeforeReading_AndTheBudgetIsRaisedWithSet()
    {
        var path = Path.Combine(ExperimentFiles.Directory, "padded.yaml");
        System.IO.File.WriteAllText(path, Minimal + "\n#" + new string(' ', 200) + "\n");
        var d = Assert.Single(Assert.Throws<InputException>(() => ExperimentLoader.Load(path, ["limits.file_size=100"])).Diagnostics);
        Assert.Contains("more than limits.file_size (100 bytes)", d.Message, StringComparison.Ordinal);
        Assert.Equal("spec", ExperimentLoader.Load(path, ["limits.file_size=1KiB"]).Name);
    }

    [Fact]
    public void ModelAndExperiment_AreToldApartByTopLevelKeys_InJsonFormToo()
    {
        Assert.True(ModelLoader.IsModel(ModelText));
        Assert.True(ModelLoader.IsModel("""{"links": {}, "regions": {"r": {"zones": {"a": {"racks": ["a1"]}}}}}"""));
        Assert.False(ModelLoader.IsModel(Minimal));
        Assert.False(ModelLoader.IsModel("""{"regions": {}, "model": "model.yaml"}"""));
        Assert.False(ModelLoader.IsModel("[1, 2]"));
        Assert.False(ModelLoader.IsModel("{unclosed"));
    }

    [Fact]
    public void ExperimentInJsonForm_LoadsAsTheSameExperiment()
    {
        const string json = """
            {"name": "spec", "model": "model.yaml", "duration": "1m",
             "architectures": {"stretch": {"sites": ["a", "b", "c"], "brokers_per_site": 1}},
             "topics": {"orders": {"partitions": 3, "replication.factor": 3}},
             "workload": {"producers": [{"zone": "a", "topic": "orders", "rate": "100/s"}]}}
            """;
        Assert.Equal(Load(Minimal).TotalRuns, Load(json).TotalRuns);
    }
}
