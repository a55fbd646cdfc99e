using System.Reflection;
using System.Text.RegularExpressions;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;

namespace Sim.Conventions.Tests;

/// <summary>
/// Every simulator key the documentation names (<c>`sim.request.cost`</c>) is one the loader accepts: a page that
/// tells the user to set a key that does not exist sends them to an error, or worse, to a key silently ignored.
/// </summary>
public class DocumentedKeyTests
{
    [Fact]
    public void EverySimKeyNamedInTheDocs_IsAcceptedByTheLoader()
    {
        var accepted = typeof(ExperimentLoader).Assembly.GetType("Sim.Experiments.Spec.ConfigKeys", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition().Name.StartsWith("KeyTable", StringComparison.Ordinal))
            .SelectMany(f => (IEnumerable<string>)f.FieldType.GetProperty("Keys")!.GetValue(f.GetValue(null))!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("sim.request.cost", accepted);
        var root = Root();
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md")).Order(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var page in pages)
        {
            foreach (Match m in Regex.Matches(File.ReadAllText(page), @"`(sim\.[a-z0-9_.]+[a-z0-9_])`"))
            {
                if (!accepted.Contains(m.Groups[1].Value)) unknown.Add($"{Path.GetFileName(page)}: {m.Groups[1].Value}");
            }
        }
        Assert.True(unknown.Count == 0, "keys named in the docs that the loader does not accept:\n" + string.Join("\n", unknown.Distinct()));
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
