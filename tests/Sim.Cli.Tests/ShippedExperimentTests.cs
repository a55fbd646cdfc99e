using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>Every experiment shipped in experiments/ validates, every sweep point included, so `make run` and the docs' examples work on a fresh clone.</summary>
public class ShippedExperimentTests
{
    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Simulator.sln above the test binaries");
    }

    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepoRoot(), "experiments"), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void AShippedExperiment_Validates(string file)
    {
        var (exit, output, error) = Exec("validate", Path.Combine(RepoRoot(), "experiments", file));
        Assert.True(exit == 0, error);
        Assert.Contains(": ok: experiment", output);
    }

    [Fact]
    public void TheShippedExperiments_IncludeTheOnesTheDocsName()
    {
        var names = Directory.GetFiles(Path.Combine(RepoRoot(), "experiments"), "*.yaml").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        foreach (var expected in new[] { "stretch-vs-aa", "seven-architectures", "durability", "controller-placement", "mm2-failover" })
            Assert.Contains(expected, names);
    }
}
