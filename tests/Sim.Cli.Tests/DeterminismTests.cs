using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// Results depend on the experiment and its seed alone: not on how many runs play at once, not on how
/// the runs are split over machines, and not on an interruption in the middle.
/// </summary>
public class DeterminismTests
{
    private static readonly string[] Tables = ["runs.csv", "summary.csv", "faults.csv", "report.md", "experiment.json"];

    [Fact]
    public void JobsOneJobsTwoAndTwoMergedShards_WriteByteIdenticalResults()
    {
        string one = TempDir("jobs1"), two = TempDir("jobs2"), s1 = TempDir("shard1"), s2 = TempDir("shard2"), merged = TempDir("merged");
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", one, "--jobs", "1", "-q").Exit);
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", two, "--jobs", "2", "-q").Exit);
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", s1, "--shard", "1/2", "-q").Exit);
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", s2, "--shard", "2/2", "-q").Exit);
        var merge = Exec("merge", s1, s2, "--out", merged, "-q");
        Assert.True(merge.Exit == 0, merge.Err);

        var expected = Files(one);
        foreach (var t in Tables) Assert.Contains(t, expected.Keys);
        Assert.Contains(expected.Keys, k => k.StartsWith("timeseries", StringComparison.Ordinal));
        Assert.Contains(expected.Keys, k => k.StartsWith("plots", StringComparison.Ordinal));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(one, "runs.csv")).Length - 1);
        foreach (var other in new[] { two, merged })
        {
            var actual = Files(other);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (name, bytes) in expected)
            {
                if (name.EndsWith(".png", StringComparison.Ordinal)) continue;
                Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs between {one} and {other}");
            }
        }
        // A shard holds only its own runs: ids 0 and 2 in shard 1 of 2.
        var shardRuns = File.ReadAllLines(Path.Combine(s1, "runs.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(["0", "2"], shardRuns);
    }

    [Fact]
    public void AnInterruptedRun_ResumedWithResume_EndsWithTheSameResultsAsAnUninterruptedOne()
    {
        string clean = TempDir("clean"), interrupted = TempDir("interrupted");
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", clean, "--jobs", "1", "-q").Exit);

        // Interrupt after the first run is stored, as Ctrl-C would between two runs.
        var definition = ExperimentLoader.Load(Data("tiny.yaml"));
        using var cancel = new CancellationTokenSource();
        var outcome = ExperimentRunner.Run(definition, new RunnerOptions(interrupted) { Jobs = 1, OnRunStored = _ => cancel.Cancel() }, cancel: cancel.Token);
        Assert.True(outcome.Cancelled);
        Assert.Single(outcome.Runs);
        Assert.Single(Directory.GetFiles(Path.Combine(interrupted, "runs")));
        Assert.False(File.Exists(Path.Combine(interrupted, "runs.csv")), "an interrupted run writes no tables");
        Assert.Empty(Directory.GetFiles(interrupted, "*.tmp", SearchOption.AllDirectories));

        var resumed = Exec("run", Data("tiny.yaml"), "--out", interrupted, "--jobs", "2", "--resume", "-q");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("4 runs (3 run now)", resumed.Out);
        var expected = Files(clean);
        var actual = Files(interrupted);
        foreach (var t in Tables) Assert.True(expected[t].AsSpan().SequenceEqual(actual[t]), $"{t} differs after resuming");
    }

    [Fact]
    public void ReplayingOneRun_PrintsTheMetricsItsRowHolds()
    {
        string dir = TempDir("replay");
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", dir, "-q").Exit);
        var header = File.ReadAllLines(Path.Combine(dir, "runs.csv"))[0].Split(',');
        var row = File.ReadAllLines(Path.Combine(dir, "runs.csv"))[3].Split(',');
        var replay = Exec("run", Data("tiny.yaml"), "--run", "2");
        Assert.Equal(0, replay.Exit);
        foreach (var metric in new[] { "records_acked", "produce_latency_ms_p99", "rto_s" })
        {
            string value = row[Array.IndexOf(header, metric)];
            Assert.Matches($@"(?m)^\s+{metric}\s+{System.Text.RegularExpressions.Regex.Escape(value)}$", replay.Out);
        }
        Assert.Equal(["run_id", "point_id", "replication", "seed", "architecture", "network.links.a/b.rtt", "produce_latency_ms_p50"], header[..7]);
    }

    [Fact]
    public void ResumingWithAChangedExperiment_IsRefused_AndLeavesTheDirectoryAsItWas()
    {
        string dir = TempDir("changed");
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", dir, "-q").Exit);
        var before = Files(dir);
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--set", "replications=3", "--out", dir, "--resume", "-q");
        Assert.Equal(1, exit);
        Assert.Contains("different version of the experiment", err);
        var after = Files(dir);
        Assert.Equal(before.Keys, after.Keys);
        Assert.True(before["experiment.json"].AsSpan().SequenceEqual(after["experiment.json"]));
    }
}
