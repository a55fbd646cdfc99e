using Sim.Results;
using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// What a person meets at the command line: bare <c>sim</c> gives help, a misspelt verb or option is named with
/// the one probably meant, help lists the exit codes, progress speaks one unit, and the closing table is read in
/// words and units rather than key paths.
/// </summary>
public class CommandLineUsabilityTests
{
    [Fact]
    public void BareSim_PrintsHelpWithTheVerbsAndExitCodes_AndSucceeds()
    {
        var r = Exec();
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("Commands:", r.Out);
        Assert.Contains("run <file>", r.Out);
        Assert.Contains("130 interrupted", r.Out);
        Assert.Equal("", r.Err);
    }

    [Theory]
    [InlineData("rnu", "did you mean 'run'?")]
    [InlineData("chek", "did you mean 'check'?")]
    [InlineData("valdiate", "did you mean 'validate'?")]
    public void AMisspeltVerb_IsNamedWithTheVerbMeant(string typed, string suggestion)
    {
        var r = Exec(typed, "x.yaml");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains($"'{typed}' is not a verb of sim", r.Err);
        Assert.Contains(suggestion, r.Err);
    }

    [Fact]
    public void AWordFarFromEveryVerb_GetsTheListButNoGuess()
    {
        var r = Exec("frobnicate");
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.DoesNotContain("did you mean", r.Err);
        Assert.Contains("the verbs: run, merge", r.Err);
    }

    [Fact]
    public void AMisspeltOption_IsNamed_EvenWhereTheParserTookItForTheFile()
    {
        // Without the check, '--jbos' becomes the experiment file and the parser complains about '2' and the real file.
        var r = Exec("run", "--jbos", "2", Data("tiny.yaml"));
        Assert.Equal(ExitCodes.Usage, r.Exit);
        Assert.Contains("'--jbos' is not an option of sim run; did you mean '--jobs'?", r.Err);
        Assert.DoesNotContain("Unrecognized", r.Err);
    }

    [Fact]
    public void AnOptionsValue_ThatLooksLikeAnOption_IsNotMistakenForOne()
    {
        var r = Exec("validate", Data("tiny.yaml"), "--set", "seed=7");
        Assert.DoesNotContain("is not an option", r.Err);
    }

    [Theory]
    [InlineData(390e9, 2880e9, "simulated 6.5 of 48.0 min")]
    [InlineData(1800e9, 2880e9, "simulated 30.0 of 48.0 min")]
    [InlineData(45e9, 90e9, "simulated 45 of 90 s")]
    [InlineData(7200e9, 36000e9, "simulated 2.0 of 10.0 h")]
    public void Progress_PutsPlayedAndPlannedTimeInOneUnit(double done, double planned, string expected)
    {
        string line = ProgressDisplay.Line((long)done, (long)planned, 12);
        Assert.StartsWith(expected, line);
        Assert.Contains("elapsed 12s", line);
    }

    [Fact]
    public void Progress_WhenDone_GivesNoEstimateOfTimeLeft() =>
        Assert.DoesNotContain("left", ProgressDisplay.Line(60_000_000_000, 60_000_000_000, 5));

    [Theory]
    [InlineData("network.links.a/b.rtt", "a/b rtt")]
    [InlineData("workload.producers.0.config.acks", "producer acks")]
    [InlineData("workload.producers.2.config.linger.ms", "producer 2 linger.ms")]
    [InlineData("topics.orders.min.insync.replicas", "orders min.insync.replicas")]
    [InlineData("architectures.stretch.brokers_per_site", "stretch brokers_per_site")]
    [InlineData("seed", "seed")]
    public void SweptKeys_ReadWithoutTheirSection(string key, string label) => Assert.Equal(label, ParameterLabel.Of(key));

    [Theory]
    [InlineData(82903.4, "82,903")]
    [InlineData(51.017, "51.02")]
    [InlineData(0.844431, "0.84443")]
    [InlineData(0, "0")]
    [InlineData(double.NaN, "-")]
    public void TableNumbers_AreRoundedForReading(double value, string shown) => Assert.Equal(shown, SummaryTable.Format(value));

    [Fact]
    public void TheClosingTable_HeadsColumnsWithWordsAndUnits()
    {
        var r = Exec("run", Data("tiny.yaml"), "--out", TempDir("closing-table"));
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("produce latency p99", r.Out);
        Assert.Contains("(ms)", r.Out);
        Assert.DoesNotContain("produce_latency_ms_p99", r.Out);
    }

    [Fact]
    public void JsonOutput_KeepsQuotesAndArrowsAsTheyAre()
    {
        // The acks=1 lesson's story has an apostrophe ("the leader's word"), which the default encoder writes as \u0027.
        var r = Exec("trace", Path.Combine(ShippedExperimentTests.RepoRoot(), "experiments", "workshop", "acks1-loss.yaml"), "--format", "jsonl", "--no-plots");
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains("'", r.Out);
        Assert.DoesNotContain("\\u00", r.Out);
    }
}
