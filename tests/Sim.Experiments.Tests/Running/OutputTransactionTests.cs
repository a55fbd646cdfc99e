using Sim.Experiments.Running;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// The output transaction on its own: the target changes only at <see cref="OutputTransaction.Commit"/>,
/// a commit killed between its two renames is completed or undone by the next writer, and the lock
/// admits one writer at a time.
/// </summary>
public sealed class OutputTransactionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sim-output-transaction-{Guid.NewGuid():N}");

    private string Target => Path.Combine(_root, "out");

    public OutputTransactionTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string[] Entries() => Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Commit_ReplacesTheTarget_KeepingWhatTheUserAddedAndNothingElseOfTheOld()
    {
        Write(Path.Combine(Target, ExperimentInfo.FileName), "{}\n");
        Write(Path.Combine(Target, "runs.csv"), "old\n");
        Write(Path.Combine(Target, "plots", "old.png"), "old\n");
        Write(Path.Combine(Target, "notes.md"), "mine\n");
        using (var output = OutputTransaction.Begin(Target))
        {
            string staging = output.StartFresh();
            Write(Path.Combine(staging, "runs.csv"), "new\n");
            Assert.Equal("old\n", File.ReadAllText(Path.Combine(Target, "runs.csv")));
            output.Commit();
        }
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(Target, "runs.csv")));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(Target, "notes.md")));
        Assert.False(Directory.Exists(Path.Combine(Target, "plots")));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesTheTargetAndKeepsTheStagingForResume()
    {
        Write(Path.Combine(Target, ExperimentInfo.FileName), "{}\n");
        Write(Path.Combine(Target, "runs.csv"), "old\n");
        using (var output = OutputTransaction.Begin(Target))
            Write(Path.Combine(output.StartFresh(), "runs", "000000.json"), "{}\n");
        Assert.Equal("old\n", File.ReadAllText(Path.Combine(Target, "runs.csv")));
        Assert.Equal([".out.sim-staging", "out"], Entries());
    }

    [Fact]
    public void Begin_AfterACommitKilledBetweenItsRenames_PutsThePreviousResultsBack()
    {
        Write(Path.Combine(_root, ".out.sim-previous", ExperimentInfo.FileName), "{}\n");
        Write(Path.Combine(_root, ".out.sim-previous", "runs.csv"), "old\n");
        var notices = new List<string>();
        using (OutputTransaction.Begin(Target, notices.Add)) { }
        Assert.Equal("old\n", File.ReadAllText(Path.Combine(Target, "runs.csv")));
        Assert.Contains(notices, n => n.Contains("put back the previous results", StringComparison.Ordinal));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Begin_AfterACommitKilledBeforeDeletingTheOld_FinishesIt()
    {
        Write(Path.Combine(_root, ".out.sim-previous", ExperimentInfo.FileName), "{}\n");
        Write(Path.Combine(_root, ".out.sim-previous", "runs.csv"), "old\n");
        Write(Path.Combine(_root, ".out.sim-previous", "notes.md"), "mine\n");
        Write(Path.Combine(Target, ExperimentInfo.FileName), "{}\n");
        Write(Path.Combine(Target, "runs.csv"), "new\n");
        using (OutputTransaction.Begin(Target)) { }
        Assert.Equal("new\n", File.ReadAllText(Path.Combine(Target, "runs.csv")));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(Target, "notes.md")));
        Assert.Equal(["out"], Entries());
    }

    [Fact]
    public void Begin_WhileAnotherTransactionIsOpen_IsRefused()
    {
        using var first = OutputTransaction.Begin(Target);
        var e = Assert.Throws<OutputException>(() => OutputTransaction.Begin(Target));
        Assert.Equal(OutputProblem.Unavailable, e.Problem);
        Assert.Contains("is being written by another sim process", e.Message);
    }

    [Fact]
    public void StartResume_WithRunsOfAnotherExperiment_IsRefusedBeforeWritingAnything()
    {
        Write(Path.Combine(Target, "runs", "000000.json"), "{\"experiment_hash\":\"other\",\"run\":" + System.Text.Json.JsonSerializer.Serialize(new { run_id = 0 }) + "}\n");
        using var output = OutputTransaction.Begin(Target);
        var e = Assert.Throws<OutputException>(() => output.StartResume("mine"));
        Assert.Equal(OutputProblem.Input, e.Problem);
        Assert.Contains("000000.json was produced by a different version of the experiment", e.Message);
        Assert.False(Directory.Exists(output.Staging));
    }

    [Theory]
    [InlineData("results-2026_12.v2", true)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a b", false)]
    [InlineData("a\tb", false)]
    [InlineData("\u001b[31mred", false)]
    [InlineData("caf\u00e9", false)]
    public void PathName_AcceptsLettersDigitsDashUnderscoreAndDotOnly(string name, bool accepted)
    {
        Assert.Equal(accepted, Sim.Experiments.Spec.PathName.Problem(name) is null);
        Assert.DoesNotContain(Sim.Experiments.Spec.PathName.Shown(name), char.IsControl);
    }
}
