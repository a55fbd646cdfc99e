namespace Sim.Cli.Tests;

/// <summary>
/// A directory holding an output directory <c>out</c> and, beside it, sentinel files and directories
/// named as sim names its own (runs/, plots/, timeseries/, experiment.json), so a test can show that a
/// command touched nothing outside <c>out</c>.
/// </summary>
internal sealed class OutputSandbox
{
    private readonly SortedDictionary<string, byte[]> _sentinels;

    public string Root { get; }

    public string Out => Path.Combine(Root, "out");

    public string Staging => Path.Combine(Root, ".out.sim-staging");

    public OutputSandbox(string name)
    {
        Root = CliRun.TempDir(name);
        foreach (var file in new[] { "sentinel.txt", "experiment.json", "runs/000000.json", "plots/keep.png", "timeseries/000000.csv", ".hidden" })
        {
            var path = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"sentinel {file}\n");
        }
        _sentinels = Outside();
    }

    /// <summary>Every file under the root except those of <c>out</c> and of its staging directory.</summary>
    private SortedDictionary<string, byte[]> Outside() => new(
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => !f.StartsWith("out" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                        !f.StartsWith(".out.sim-staging" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(Root, f))),
        StringComparer.Ordinal);

    /// <summary>The sentinels are byte for byte as written, and nothing else appeared beside <c>out</c> (no lock left behind).</summary>
    public void AssertNothingTouchedOutsideOut()
    {
        var now = Outside();
        Assert.Equal(_sentinels.Keys, now.Keys);
        foreach (var (name, bytes) in _sentinels) Assert.True(bytes.AsSpan().SequenceEqual(now[name]), $"{name} beside --out was changed");
        string[] allowed = [".hidden", ".out.sim-staging", "experiment.json", "out", "plots", "runs", "sentinel.txt", "timeseries"];
        foreach (var entry in Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName)) Assert.Contains(entry, allowed);
    }

    /// <summary>A command's error output: located messages, never a .NET stack trace.</summary>
    public static void AssertNoStackTrace(string err)
    {
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("Exception", err);
    }
}
