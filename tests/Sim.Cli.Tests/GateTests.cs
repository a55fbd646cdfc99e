using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim run --gate</c> turns an experiment's targets into a pass or a fail, as seed 003's DR drills ask ("Drill
/// Validation Criteria"): exit 6 naming each target missed and why, exit 0 when every sweep point meets every target,
/// and the results written either way.
/// </summary>
public class GateTests
{
    /// <summary>tiny.yaml (one replication) with a targets section, beside the model it names.</summary>
    private static string WithTargets(string name, string targets)
    {
        var text = File.ReadAllText(Data("tiny.yaml")).Replace("replications: 2", "replications: 1", StringComparison.Ordinal);
        var path = Path.Combine(AppContext.BaseDirectory, "Data", $"gate-{name}.yaml");
        File.WriteAllText(path, text + "\ntargets:\n" + targets);
        return path;
    }

    [Fact]
    public void AMissedTarget_ExitsSix_NamingTheTargetThePointAndWhy_WithTheResultsWritten()
    {
        // tiny crashes the leader of orders/0: its producer stalls for seconds, far past a 1 ms RTO target.
        var output = TempDir("gate-miss");
        var (exit, _, err) = Exec("run", WithTargets("miss", "  rto_s: 1ms\n  acked_records_lost: 0\n"), "--gate", "--out", output, "-q");

        Assert.Equal(ExitCodes.TargetMissed, exit);
        Assert.Contains("gate: 2 of 4 (sweep point, target) pairs miss their target", err);
        Assert.Contains("stretch, network.links.a/b.rtt=2ms: rto_s <= 1ms missed with", err);
        Assert.Contains("why: producer RTO", err);
        Assert.Contains("detection", err);
        Assert.DoesNotContain("acked_records_lost <= 0 missed", err);
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        Assert.Contains("- **Why stretch misses at", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void EveryTargetMet_PassesWithExitZero()
    {
        var (exit, stdout, err) = Exec("run", WithTargets("pass", "  rto_s: 15m\n  acked_records_lost: 0\n"), "--gate", "--out", TempDir("gate-pass"), "-q");

        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Contains("gate: passed, every sweep point meets all 2 targets (4 judged)", stdout);
    }

    [Fact]
    public void AnExperimentWithoutTargets_CannotBeGated()
    {
        var output = TempDir("gate-none");
        var (exit, _, err) = Exec("run", Data("tiny.yaml"), "--gate", "--out", output, "-q");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("states no targets", err);
        Assert.False(Directory.Exists(output));
    }
}
