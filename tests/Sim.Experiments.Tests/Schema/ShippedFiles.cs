using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Schema;

/// <summary>The model and experiment files the repository ships (models/, experiments/ and its subdirectories), by path from the repository root.</summary>
internal static class ShippedFiles
{
    public static IReadOnlyList<string> Models { get; } = Find("models");

    public static IReadOnlyList<string> Experiments { get; } = Find("experiments");

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var f in Models.Concat(Experiments)) data.Add(f);
        return data;
    }

    public static string Read(string file) => File.ReadAllText(Path.Combine(RepoRoot.Path, file));

    private static List<string> Find(string directory) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, directory), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
