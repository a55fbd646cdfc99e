namespace Sim.Conventions.Tests.Size;

/// <summary>
/// Files under 400 lines and member bodies under 70 (the style guide): a god file or a method that
/// does several things fails here, naming the file, line and member, so it is split before it grows.
/// </summary>
public class SizeLimitTests
{
    public const int MaxFileLines = 400;
    public const int MaxBodyLines = 70;

    [Fact]
    public void SourceFiles_StayUnderTheFileAndMethodLimits()
    {
        var root = RepositoryRoot();
        var findings = new List<SizeFinding>();
        foreach (var path in SourceFiles(root))
        {
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            var text = File.ReadAllText(path);
            int lines = SizeMeasure.FileLines(text);
            if (lines > MaxFileLines) findings.Add(new SizeFinding(file, 0, "", lines));
            findings.AddRange(SizeMeasure.Members(file, text)
                .Where(m => m.Lines > MaxBodyLines));
        }
        Assert.True(findings.Count == 0,
            $"over {MaxFileLines} lines per file or {MaxBodyLines} per body:\n" + string.Join("\n", findings));
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .Order(StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no directory above {AppContext.BaseDirectory} contains Simulator.sln");
    }
}
