using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// A capacity search run by 'sim run': the same search.csv at any number of jobs and after an interrupted,
/// resumed search; its hockey-stick plot and report section are written; sharding and replaying one run are refused.
/// </summary>
public class SearchCommandTests
{
    private static readonly string[] Tables = ["search.csv", "runs.csv", "summary.csv", "report.md", "experiment.json"];

    [Fact]
    public void JobsOneAndJobsTwo_WriteByteIdenticalSearchResults_WithTheHockeyStick()
    {
        string one = TempDir("search-jobs1"), two = TempDir("search-jobs2");
        var first = Exec("run", Data("tiny-search.yaml"), "--out", one, "--jobs", "1", "-q");
        Assert.True(first.Exit == 0, first.Err);
        Assert.Equal(0, Exec("run", Data("tiny-search.yaml"), "--out", two, "--jobs", "2", "-q").Exit);
        var expected = Files(one);
        var actual = Files(two);
        foreach (var t in Tables) Assert.True(expected[t].AsSpan().SequenceEqual(actual[t]), $"{t} differs between --jobs 1 and --jobs 2");

        var rows = File.ReadAllLines(Path.Combine(one, "search.csv"));
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("point_id,architecture,network.links.a/b.rtt,key,unit,limit,bracket_high,outcome,probes,runs,failed_above", rows[0]);
        Assert.Contains(",workload.producers.0.rate,/s,", rows[1]);
        Assert.True(File.Exists(Path.Combine(one, "plots", "search-produce_latency_ms_p99.png")));
        var report = File.ReadAllText(Path.Combine(one, "report.md"));
        Assert.Contains("## Capacity search", report);
        Assert.Contains("plots/search-produce_latency_ms_p99.png", report);
        Assert.Contains("limit", first.Out);
    }

    [Fact]
    public void AnInterruptedSearch_ResumedWithResume_KeepsItsProbesAndEndsTheSame()
    {
        string clean = TempDir("search-clean"), interrupted = TempDir("search-interrupted");
        Assert.Equal(0, Exec("run", Data("tiny-search.yaml"), "--out", clean, "--jobs", "2", "-q").Exit);

        var definition = ExperimentLoader.Load(Data("tiny-search.yaml"));
        using var cancel = new CancellationTokenSource();
        int stored = 0;
        var outcome = ExperimentRunner.Run(definition, new RunnerOptions(interrupted) { Jobs = 1, OnRunStored = _ => { if (++stored == 3) cancel.Cancel(); } }, cancel: cancel.Token);
        Assert.True(outcome.Cancelled);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(interrupted, "runs")).Length);

        var resumed = Exec("run", Data("tiny-search.yaml"), "--out", interrupted, "--jobs", "2", "--resume", "-q");
        Assert.True(resumed.Exit == 0, resumed.Err);
        int total = File.ReadAllLines(Path.Combine(clean, "runs.csv")).Length - 1;
        Assert.Contains($"{total} runs ({total - 3} run now)", resumed.Out);
        var expected = Files(clean);
        var actual = Files(interrupted);
        foreach (var t in Tables) Assert.True(expected[t].AsSpan().SequenceEqual(actual[t]), $"{t} differs after resuming");
    }

    [Theory]
    [InlineData("--shard", "1/2")]
    [InlineData("--run", "0")]
    public void ShardingOrReplayingOneRun_IsRefusedForASearch(string option, string value)
    {
        var r = Exec("run", Data("tiny-search.yaml"), option, value, "-q");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("capacity search", r.Err);
    }

    [Fact]
    public void Validate_DescribesTheSearch()
    {
        var r = Exec("validate", Data("tiny-search.yaml"));
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("capacity search of workload.producers.0.rate from 500/s to 64000/s", r.Out);
    }
}
