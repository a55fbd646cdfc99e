using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// An output directory is written as a transaction: a run, a resume or a merge that fails, is refused
/// or is interrupted leaves the previous results whole and touches nothing beside the directory; a
/// second writer is refused; every refusal is a message naming the directory or file and an exit code,
/// never a stack trace.
/// </summary>
public class OutputTransactionTests
{
    private static readonly string[] Tables = ["runs.csv", "summary.csv", "faults.csv", "report.md", "experiment.json"];

    private static OutputSandbox Finished(string name)
    {
        var box = new OutputSandbox(name);
        var first = Exec("run", Data("tiny.yaml"), "--out", box.Out, "-q");
        Assert.True(first.Exit == 0, first.Err);
        return box;
    }

    private static void AssertSame(SortedDictionary<string, byte[]> before, string dir)
    {
        var after = Files(dir);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
    }

    [Fact]
    public void ARunOfAChangedExperimentInterruptedInAUsedDirectory_LeavesThePreviousResultsWhole()
    {
        var box = Finished("interrupted-changed");
        var before = Files(box.Out);

        var (exit, _, err) = ExecInterrupted("into", "run", Data("tiny.yaml"), "--set", "replications=3", "--out", box.Out, "-q");

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("interrupted", err);
        Assert.Contains($"{box.Out} is as it was", err);
        OutputSandbox.AssertNoStackTrace(err);
        AssertSame(before, box.Out);
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void CtrlCWhileTheTablesAreWritten_SaysSo_LeavesThePreviousResults_AndResumeWritesThemFromTheKeptRuns()
    {
        var box = Finished("interrupted-tables");
        var before = Files(box.Out);

        var (exit, _, err) = ExecInterrupted("writing the tables", "run", Data("tiny.yaml"), "--out", box.Out, "-q");

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains("interrupted while writing the tables", err);
        OutputSandbox.AssertNoStackTrace(err);
        AssertSame(before, box.Out);
        Assert.False(File.Exists(Path.Combine(box.Staging, "manifest.json")), "an interrupted output must not look finished");
        box.AssertNothingTouchedOutsideOut();

        var resumed = Exec("run", Data("tiny.yaml"), "--out", box.Out, "--resume", "-q");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("4 runs (0 run now)", resumed.Out);
        foreach (var t in Tables) Assert.True(before[t].AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(box.Out, t))), $"{t} differs after resuming");
        Assert.False(Directory.Exists(box.Staging), "a finished output leaves no staging directory");
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void RunsFinishedBeforeAnInterruption_AreFoundByResume()
    {
        var box = new OutputSandbox("resume-staging");
        var definition = ExperimentLoader.Load(Data("tiny.yaml"));
        using (var output = OutputTransaction.Begin(box.Out))
        {
            using var cancel = new CancellationTokenSource();
            var outcome = ExperimentRunner.Run(definition, new RunnerOptions(output.StartFresh()) { Jobs = 1, OnRunStored = _ => cancel.Cancel() }, cancel: cancel.Token);
            Assert.True(outcome.Cancelled);
            Assert.Single(outcome.Runs);
        }
        Assert.False(Directory.Exists(box.Out), "an interrupted first run leaves no output directory that looks finished");

        var resumed = Exec("run", Data("tiny.yaml"), "--out", box.Out, "--resume", "-q");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("4 runs (3 run now)", resumed.Out);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(box.Out, "runs")).Length);
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void ARefusedResume_WritesNothing()
    {
        var box = Finished("refused-resume");
        var before = Files(box.Out);
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--set", "replications=3", "--out", box.Out, "--resume", "-q");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains($"{box.Out} holds runs of a different version of the experiment", err);
        OutputSandbox.AssertNoStackTrace(err);
        AssertSame(before, box.Out);
        Assert.False(Directory.Exists(box.Staging));
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void ACorruptExperimentJson_IsNamedByResumeAndByMerge()
    {
        var box = Finished("corrupt");
        string json = Path.Combine(box.Out, "experiment.json");
        File.WriteAllText(json, "{ \"name\": ");
        var before = Files(box.Out);

        var resume = Exec("run", Data("tiny.yaml"), "--out", box.Out, "--resume", "-q");
        Assert.Equal(ExitCodes.InvalidInput, resume.Exit);
        Assert.Contains($"{json}: not an experiment.json written by sim", resume.Err);
        OutputSandbox.AssertNoStackTrace(resume.Err);

        var merged = Path.Combine(box.Root, "out-merged");
        var merge = Exec("merge", box.Out, "--out", merged, "-q");
        Assert.Equal(ExitCodes.InvalidInput, merge.Exit);
        Assert.Contains($"{json}: not an experiment.json written by sim", merge.Err);
        OutputSandbox.AssertNoStackTrace(merge.Err);
        Assert.False(Directory.Exists(merged));
        AssertSame(before, box.Out);
        box.AssertNothingTouchedOutsideOut();
    }

    [Theory]
    [InlineData("same")]
    [InlineData("inside")]
    [InlineData("holds")]
    public void AMergeWhoseOutOverlapsAnInput_IsRefused_AndTheInputKeepsItsRuns(string overlap)
    {
        var box = Finished($"merge-overlap-{overlap}");
        var before = Files(box.Out);
        string input = overlap == "holds" ? Path.Combine(box.Out, "runs") : box.Out;
        string output = overlap == "inside" ? Path.Combine(box.Out, "merged") : box.Out;

        var (exit, _, err) = Exec("merge", input, "--out", output, "-q");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("merge into a directory of its own", err);
        OutputSandbox.AssertNoStackTrace(err);
        AssertSame(before, box.Out);
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void AMergeInterruptedWhileWriting_LeavesThePreviousMergeWhole()
    {
        var box = Finished("merge-interrupted");
        var merged = Path.Combine(box.Root, "out-merged");
        Assert.Equal(0, Exec("merge", box.Out, "--out", merged, "-q").Exit);
        var before = Files(merged);
        var manifest = File.ReadAllBytes(Path.Combine(merged, "manifest.json"));

        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        var err = new StringWriter();
        int exit = Program.Run(["merge", box.Out, "--out", merged, "-q"], new StringWriter(), err, interrupt.Token);

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Contains($"{merged} is as it was", err.ToString());
        AssertSame(before, merged);
        Assert.Equal(manifest, File.ReadAllBytes(Path.Combine(merged, "manifest.json")));
        Assert.Empty(Directory.GetFiles(box.Root, ".out-merged.sim-lock"));
    }

    [Fact]
    public void OutNamingAFile_IsAMessage_AndTheFileIsKept()
    {
        var box = Finished("out-file");
        string file = Path.Combine(box.Root, "sentinel.txt");
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--out", file, "-q");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"{file} is a file", err);
        OutputSandbox.AssertNoStackTrace(err);
        box.AssertNothingTouchedOutsideOut();

        var merge = Exec("merge", box.Out, "--out", file, "-q");
        Assert.Equal(ExitCodes.Usage, merge.Exit);
        Assert.Contains($"{file} is a file", merge.Err);
        OutputSandbox.AssertNoStackTrace(merge.Err);
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void ADirectorySimDidNotWrite_IsNotReplaced()
    {
        var box = new OutputSandbox("not-ours");
        Directory.CreateDirectory(box.Out);
        File.WriteAllText(Path.Combine(box.Out, "thesis.tex"), "years of work\n");
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--out", box.Out, "-q");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("holds files that sim did not write", err);
        Assert.Equal("years of work\n", File.ReadAllText(Path.Combine(box.Out, "thesis.tex")));
        Assert.Single(Directory.GetFileSystemEntries(box.Out));
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void FilesAUserKeptInAnOutputDirectory_SurviveARerun()
    {
        var box = Finished("kept");
        File.WriteAllText(Path.Combine(box.Out, "notes.md"), "mine\n");
        Directory.CreateDirectory(Path.Combine(box.Out, "trace-1"));
        Assert.Equal(0, Exec("run", Data("tiny.yaml"), "--out", box.Out, "-q").Exit);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(box.Out, "notes.md")));
        Assert.True(Directory.Exists(Path.Combine(box.Out, "trace-1")));
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void ASecondWriter_IsRefusedWhileTheFirstHoldsTheLock()
    {
        var box = Finished("locked");
        var before = Files(box.Out);
        string lockPath = Path.Combine(box.Root, ".out.sim-lock");
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--out", box.Out, "-q");
            Assert.Equal(ExitCodes.OutputUnavailable, exit);
            Assert.Contains($"{box.Out} is being written by another sim process (it holds {lockPath})", err);
            OutputSandbox.AssertNoStackTrace(err);
        }
        AssertSame(before, box.Out);
        File.Delete(lockPath);
        box.AssertNothingTouchedOutsideOut();
    }

    [Fact]
    public void ALockLeftByAProcessThatDied_IsTakenOverAndSaidSo()
    {
        var box = Finished("stale-lock");
        string lockPath = Path.Combine(box.Root, ".out.sim-lock");
        File.WriteAllText(lockPath, "pid 4194303 on elsewhere since 2026-01-01T00:00:00Z\n");
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--out", box.Out, "-q");
        Assert.True(exit == 0, err);
        Assert.Contains($"{lockPath} was left by a sim that is no longer running (pid 4194303 on elsewhere since 2026-01-01T00:00:00Z); taking it over", err);
        Assert.False(File.Exists(lockPath), "the lock is removed when the run ends");
        box.AssertNothingTouchedOutsideOut();
    }
}
