using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// A broken experiment file exits non-zero before any run, names the file, the line and the key of
/// every problem, and writes no results at all.
/// </summary>
public class BadInputTests
{
    /// <summary>Writes tiny.yaml with one line replaced, beside the model it names.</summary>
    private static string Variant(string name, string find, string replace)
    {
        var text = File.ReadAllText(Data("tiny.yaml"));
        Assert.Contains(find, text);
        var path = Path.Combine(AppContext.BaseDirectory, "Data", $"bad-{name}.yaml");
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return path;
    }

    private static int LineOf(string file, string text) => Array.FindIndex(File.ReadAllLines(file), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("unknown-key", "      offsets.topic.num.partitions: 3", "      offsets.topic.num.partitions: 3\n      replica.lag.time.max: 30s", "replica.lag.time.max", "architectures.stretch.broker.replica.lag.time.max", "unknown key")]
    [InlineData("wrong-unit", "duration: 40s", "duration: 40 parsecs", "duration: 40 parsecs", "duration", "parsecs")]
    [InlineData("linger-unit", "linger.ms: 5 }", "linger.ms: 5kg }", "linger.ms: 5kg", "workload.producers.0.config.linger.ms", "kg")]
    [InlineData("sweep-missing-key", "network.links.a/b.rtt: [2ms, 10ms]", "topics.orders.min.insync.replica: [1, 2]", "min.insync.replica:", "topics.orders.min.insync.replica", "min.insync.replicas")]
    [InlineData("missing-target", "target: \"leader-of:orders/0\"", "target: broker-9", "target: broker-9", "faults.0.target", "no broker named 'broker-9'")]
    [InlineData("min-isr-above-rf", "min.insync.replicas: 2 }", "min.insync.replicas: 4 }", "min.insync.replicas: 4", "topics.orders.min.insync.replicas", "replication.factor 3")]
    [InlineData("acks-2", "acks: all", "acks: 2", "acks: 2", "workload.producers.0.config.acks", "acks must be all, -1, 0 or 1")]
    public void ABadExperiment_ExitsNonZero_NamesFileLineAndKey_AndWritesNothing(string name, string find, string replace, string lineText, string key, string message)
    {
        var file = Variant(name, find, replace);
        var output = TempDir($"bad-{name}");
        var (exit, _, err) = Exec("run", file, "--out", output, "-q");

        Assert.Equal(1, exit);
        int line = LineOf(file, lineText);
        Assert.True(line > 0);
        Assert.Contains($"bad-{name}.yaml:{line}:", err);
        Assert.Contains($"{key}:", err);
        Assert.Contains(message, err);
        Assert.False(Directory.Exists(output), "a bad experiment must not create its output directory");
        Assert.Equal(1, Exec("validate", file).Exit);
    }

    [Fact]
    public void ABadSetOption_IsNamedAsTheOptionItCameFrom()
    {
        var output = TempDir("bad-set");
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--set", "workload.producers.0.config.acks=2", "--out", output);
        Assert.Equal(1, exit);
        Assert.Contains("--set workload.producers.0.config.acks=2: workload.producers.0.config.acks: acks must be all", err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ASetOption_ChangesTheExperimentAsIfWrittenInTheFile()
    {
        var (ok, okOut, _) = Exec("validate", Data("tiny.yaml"), "--set", "replications=3", "--set", "sweep.grid.network.links.a/b.rtt=[2ms, 5ms, 10ms]");
        Assert.Equal(0, ok);
        Assert.Contains("3 points x 3 replications = 9 runs", okOut);
        var (bad, _, err) = Exec("validate", Data("tiny.yaml"), "--set", "topics.orders.replication.factor=1");
        Assert.Equal(1, bad);
        Assert.Contains("topics.orders.min.insync.replicas", err);
    }

    [Fact]
    public void AProblemInOneSweepPoint_IsReportedOnTheLineOfThatSweepValue()
    {
        var file = Variant("sweep-value", "network.links.a/b.rtt: [2ms, 10ms]", "network.links.a/b.rtt: [2ms,\n      -10ms]");
        var (exit, _, err) = Exec("validate", file);
        Assert.Equal(1, exit);
        Assert.Contains($"bad-sweep-value.yaml:{LineOf(file, "-10ms]")}:", err);
        Assert.Contains("network.links.a/b.rtt", err);
    }

    [Fact]
    public void SettingASweptKey_IsAnError_RatherThanSilentlyOverwritten()
    {
        var (exit, _, err) = Exec("validate", Data("tiny.yaml"), "--set", "network.links.a/b.rtt=5ms");
        Assert.Equal(1, exit);
        Assert.Contains("--set network.links.a/b.rtt=5ms: network.links.a/b.rtt: 'network.links.a/b.rtt' is swept", err);
    }

    [Theory]
    [InlineData("dotdot", "\"..\"", "names a directory itself")]
    [InlineData("dot", "\".\"", "names a directory itself")]
    [InlineData("climb", "../../home", "'/'")]
    [InlineData("tab", "\"a\\tb\"", "control character (U+0009)")]
    [InlineData("escape", "\"\\e[31mred\"", "control character (U+001B)")]
    public void ANameThatWouldEscapeTheResultsDirectory_IsRefusedAtLoad_WithFileLineAndKey(string variant, string yamlName, string message)
    {
        var file = Variant($"name-{variant}", "name: tiny", $"name: {yamlName}");
        var (exit, _, err) = Exec("run", file, "-q");
        Assert.Equal(1, exit);
        Assert.Contains($"bad-name-{variant}.yaml:{LineOf(file, "name: ")}:", err);
        Assert.Contains("name: cannot name a results directory", err);
        Assert.Contains(message, err);
        Assert.DoesNotContain('\x1b', err);
        Assert.DoesNotContain('\t', err);
        Assert.Equal(1, Exec("validate", file).Exit);
    }

    [Fact]
    public void AnArchitectureNameWithAPathSeparator_IsRefusedAtLoad()
    {
        var file = Variant("arch-name", "  stretch:\n", "  \"str/etch\":\n");
        var (exit, _, err) = Exec("validate", file);
        Assert.Equal(1, exit);
        Assert.Contains("cannot name an architecture: 'str/etch' has '/'", err);
        Assert.Contains("bad-arch-name.yaml:", err);
    }
}
