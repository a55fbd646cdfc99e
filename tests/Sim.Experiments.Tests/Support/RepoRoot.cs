namespace Sim.Experiments.Tests.Support;

/// <summary>
/// The repository's root directory, found by walking up from the test assembly until a directory holds
/// Simulator.sln, so tests can read the shipped models wherever the build puts its output.
/// </summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Models => System.IO.Path.Combine(Path, "models");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Simulator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no directory above {AppContext.BaseDirectory} contains Simulator.sln");
    }
}
