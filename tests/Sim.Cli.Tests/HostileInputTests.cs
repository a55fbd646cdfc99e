using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// The command line's answer to careless and hostile input: usage errors exit 2 and input errors exit 1,
/// each with a message and never a stack trace; validate and run agree on what a file is and on what
/// they accept; a run that reaches its event cap names the --set option that raises it.
/// </summary>
public class HostileInputTests
{
    private static string Write(string name, string text)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void NoStackTrace(string err) => Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);

    [Theory]
    [InlineData("--point", "-1", "--point must be between 0 and 1, not -1")]
    [InlineData("--runs", "2000000000", "--runs 2000000000 is more than limits.runs (100000)")]
    [InlineData("--max-faults", "2000000000", "--max-faults from 1 to 1000")]
    public void CheckWithAnOutOfRangeOption_IsAUsageError(string option, string value, string message)
    {
        var (exit, _, err) = Exec("check", Data("tiny.yaml"), option, value, "-q");
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
        NoStackTrace(err);
    }

    [Fact]
    public void Nesting100000Deep_IsAnInputErrorWithItsLine()
    {
        var file = Write("deep.yaml", "x: " + new string('[', 100_000) + new string(']', 100_000) + "\n" + File.ReadAllText(Data("tiny.yaml")));
        var (exit, _, err) = Exec("validate", file);
        Assert.Equal(1, exit);
        Assert.Contains("deep.yaml:1:", err, StringComparison.Ordinal);
        Assert.Contains("limits.depth", err, StringComparison.Ordinal);
        NoStackTrace(err);
        Assert.Equal(1, Exec("run", file, "--out", TempDir("deep"), "-q").Exit);
    }

    [Fact]
    public void SelfReferencingAliasInASetOption_IsAnInputError()
    {
        var (exit, _, err) = Exec("validate", Data("tiny.yaml"), "--set", "bomb=&a [*a]");
        Assert.Equal(1, exit);
        Assert.Contains("--set bomb=&a [*a]: bomb: alias *a refers to the node it is inside", err, StringComparison.Ordinal);
        NoStackTrace(err);
    }

    [Fact]
    public void ExperimentInJsonForm_IsValidatedAsAnExperiment_AsRunReadsIt()
    {
        const string json = """
            {"name": "tiny-json", "model": "tiny-model.yaml", "seed": 7, "duration": "20s", "warmup": "5s",
             "architectures": {"stretch": {"sites": ["a", "b", "c"], "brokers_per_site": 1, "controllers": {"a": 1, "b": 1, "c": 1}}},
             "topics": {"orders": {"partitions": 3, "replication.factor": 3, "min.insync.replicas": 2}},
             "workload": {"producers": [{"zone": "a", "topic": "orders", "rate": "200/s"}]},
             "regions": {}}
            """;
        var file = Write("tiny-json.yaml", json);
        var (exit, output, err) = Exec("validate", file);
        // The stray 'regions' key is an experiment's unknown key in both commands: the file names a model, so it is an experiment.
        Assert.Equal(1, exit);
        Assert.Contains("regions: unknown key 'regions'", err, StringComparison.Ordinal);
        Assert.Equal(1, Exec("run", file, "--out", TempDir("json"), "-q").Exit);
        var fixedFile = Write("tiny-json.yaml", json.Replace(",\n \"regions\": {}", "", StringComparison.Ordinal));
        (exit, output, _) = Exec("validate", fixedFile);
        Assert.Equal(0, exit);
        Assert.Contains("ok: experiment 'tiny-json'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelInJsonForm_IsValidatedAsAModel()
    {
        var file = Write("tiny-model-json.yaml", """{"name": "m", "regions": {"r": {"zones": {"a": {"racks": ["a1"]}}}}}""");
        var (exit, output, _) = Exec("validate", file);
        Assert.Equal(0, exit);
        Assert.Contains("ok: model 'm'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RunReachingItsEventCap_NamesASetOptionThatSetAccepts()
    {
        Assert.Equal(0, Exec("validate", Data("tiny.yaml"), "--set", "limits.events=1000").Exit);
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--run", "0", "--set", "limits.events=1000");
        Assert.Equal(3, exit);
        Assert.Contains("event cap of 1,000 events", err, StringComparison.Ordinal);
        Assert.Contains("--set limits.events=2000", err, StringComparison.Ordinal);
        NoStackTrace(err);
    }

    [Theory]
    [InlineData("trace", "--run", "0", "--no-plots")]
    [InlineData("check", "--runs", "2", "-q")]
    public void TraceAndCheckReachingTheEventCap_FailTheRunWithTheKeyThatRaisesIt(string command, string option, string value, string flag)
    {
        var (exit, _, err) = Exec(command, Data("tiny.yaml"), option, value, flag, "--set", "limits.events=1000");
        Assert.Equal(3, exit);
        Assert.Contains("event cap of 1,000 events", err, StringComparison.Ordinal);
        Assert.Contains("--set limits.events=2000", err, StringComparison.Ordinal);
        NoStackTrace(err);
    }

    [Fact]
    public void FloodOfProblems_PrintsTheFirstFewAndACount()
    {
        var text = File.ReadAllText(Data("tiny.yaml")) + string.Concat(Enumerable.Range(0, 500).Select(i => $"\nunknown{i}: 1"));
        var file = Write("flood.yaml", text);
        var (exit, _, err) = Exec("validate", file, "--set", "limits.diagnostics=10");
        Assert.Equal(1, exit);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        Assert.Contains("... and 490 more problems", err, StringComparison.Ordinal);
        Assert.Contains("flood.yaml: 500 problems", err, StringComparison.Ordinal);
    }
}
