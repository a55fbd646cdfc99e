using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary><c>sim check</c>: random fault schedules over an experiment's configuration, failures reported with a pasteable plan.</summary>
public class CheckCommandTests
{
    [Fact]
    public void Check_WithAcksOne_FindsLoss_ExitsFour_AndPrintsASeedAndFaultPlanThatLoadBack()
    {
        var (exit, output, err) = Exec("check", Data("tiny.yaml"), "--runs", "6", "--jobs", "2", "--shrink", "1", "-q",
            "--set", "workload.producers.0.config.acks=1", "--set", "workload.producers.0.rate=2000/s", "--set", "sweep.grid.network.links.a/b.rtt=[30ms]");
        Assert.True(exit == CheckCommand.FoundFailures, output + err);
        Assert.Contains("lost acknowledged records", output);
        Assert.Contains("acks=1 acknowledged them on the leader's word alone, without waiting for the in-sync followers to copy them", output);
        // The printed block is an experiment fragment: in place of the file's faults (and sweep), it loads.
        var lines = output.Split('\n');
        int seedLine = Array.FindIndex(lines, l => l.TrimStart().StartsWith("seed: ", StringComparison.Ordinal));
        Assert.True(seedLine > 0, output);
        var plan = lines.Skip(seedLine).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
        var text = File.ReadAllText(Data("tiny.yaml"));
        text = text[..text.IndexOf("\nfaults:", StringComparison.Ordinal)] + "\n" + string.Join("\n", plan.Skip(1)) + "\n";
        string file = Path.Combine(TempDir("check-plan"), "pasted.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.Copy(Data("tiny-model.yaml"), Path.Combine(Path.GetDirectoryName(file)!, "tiny-model.yaml"));
        File.WriteAllText(file, text);
        var (vexit, vout, verr) = Exec("validate", file);
        Assert.True(vexit == 0, vout + verr + "\n" + File.ReadAllText(file));
    }

    [Fact]
    public void Check_WithOut_KeepsEachFailureAsARunnableExperimentAReplayScriptAndATraceThatShowTheSameLoss()
    {
        string dir = TempDir("check-out");
        string[] sets = ["--set", "workload.producers.0.config.acks=1", "--set", "workload.producers.0.rate=2000/s", "--set", "sweep.grid.network.links.a/b.rtt=[30ms]"];
        var (exit, output, err) = Exec(["check", Data("tiny.yaml"), "--runs", "6", "--jobs", "2", "--shrink", "1", "-q", .. sets, "--out", dir]);
        Assert.True(exit == CheckCommand.FoundFailures, output + err);
        string failure = Path.Combine(dir, "failure-1");
        foreach (var f in new[] { "experiment.yaml", "replay.sh", "failure.txt", Path.Combine("trace", "trace.txt") })
            Assert.True(File.Exists(Path.Combine(failure, f)), $"{f} missing; {output}");
        var summary = File.ReadAllLines(Path.Combine(failure, "failure.txt"))[1];
        Assert.Contains("acknowledged records lost", summary);
        // The kept experiment loads on its own and, traced as the script does, loses the same records again.
        string yaml = Path.Combine(failure, "experiment.yaml");
        Assert.Equal(0, Exec("validate", yaml).Exit);
        var (texit, trace, terr) = Exec(["trace", yaml, "--run", "0", .. sets, "--no-plots"]);
        Assert.True(texit == 0, trace + terr);
        string first = summary[(summary.IndexOf("first: ", StringComparison.Ordinal) + 7)..];
        Assert.Contains(first.Replace(" on stretch", ""), trace);
        Assert.Contains(first.Replace(" on stretch", ""), File.ReadAllText(Path.Combine(failure, "trace", "trace.txt")));
        Assert.Contains("trace experiment.yaml --run 0 --set workload.producers.0.config.acks=1", File.ReadAllText(Path.Combine(failure, "replay.sh")));
        Assert.True(File.Exists(Path.Combine(failure, "trace", "timeline.png")));
    }

    [Fact]
    public void Check_OfTheDurableSettings_FindsNothingInAFewRuns_AndExitsZero()
    {
        var (exit, output, err) = Exec("check", Data("tiny.yaml"), "--runs", "4", "--jobs", "2", "-q");
        Assert.True(exit == 0, output + err);
        Assert.Contains("4 runs in ", output);
        Assert.Contains("0 failed", output);
    }

    [Fact]
    public void Check_WithBadOptionsOrInput_ExitsWithUsageOrInputErrors()
    {
        Assert.Equal(ExitCodes.Usage, Exec("check", Data("tiny.yaml"), "--runs", "0").Exit);
        Assert.Equal(ExitCodes.Usage, Exec("check", Data("tiny.yaml"), "--point", "9").Exit);
        Assert.Equal(ExitCodes.InvalidInput, Exec("check", Data("tiny.yaml"), "--set", "workload.producers.0.config.acks=2").Exit);
    }
}
