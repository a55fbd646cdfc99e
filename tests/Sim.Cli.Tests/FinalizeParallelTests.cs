using System.Text.Json.Nodes;
using Sim.Experiments.Running;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// The tables, charts and report written after the runs do not depend on how many threads write them: the charts are
/// drawn side by side and the tables written beside them, and every file, the charts' PNG bytes included, is the same.
/// </summary>
public class FinalizeParallelTests
{
    [Fact]
    public void FinalizingWithFourThreads_WritesByteIdenticalFilesToOneThread()
    {
        string source = TempDir("finalize-source"), one = TempDir("finalize-1"), four = TempDir("finalize-4");
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", source, "--jobs", "2", "-q").Exit);
        var info = ExperimentInfo.Read(source);
        var runs = new RunStore(source).LoadAll().Select(x => x.Run).ToList();

        foreach (var (dir, jobs) in new[] { (one, 1), (four, 4) })
        {
            Directory.CreateDirectory(dir);
            OutputFinalizer.Finalize(info, runs, dir, new JsonObject(), jobs: jobs);
        }

        var expected = Files(one);
        var actual = Files(four);
        Assert.Contains(expected.Keys, k => k.EndsWith(".png", StringComparison.Ordinal));
        Assert.Contains("report.html", expected.Keys);
        Assert.Contains("summary.csv", expected.Keys);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs between one and four threads");
        // And the same as what sim run itself wrote at --jobs 2.
        foreach (var (name, bytes) in Files(source).Where(f => !f.Key.StartsWith("runs", StringComparison.Ordinal)))
            Assert.True(bytes.AsSpan().SequenceEqual(expected[name]), $"{name} differs between sim run and a one-thread finalize");
    }
}
