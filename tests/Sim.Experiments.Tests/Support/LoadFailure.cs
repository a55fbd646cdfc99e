using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Experiments.Models;
using Sim.Experiments.Yaml;

namespace Sim.Experiments.Tests.Support;

/// <summary>
/// Loads inline model text that must fail and finds the diagnostic a test is about. Lookups go by message
/// fragment, then file, line and key are compared one by one, so a failure says which of them is wrong
/// and lists every diagnostic the loader produced.
/// </summary>
internal static class LoadFailure
{
    public const string File = "models/inline.yaml";

    public static IReadOnlyList<Diagnostic> Of(string yaml)
    {
        var e = Assert.Throws<InputException>(() => ModelLoader.Load(File, yaml));
        Assert.NotEmpty(e.Diagnostics);
        return e.Diagnostics;
    }

    /// <summary>The one diagnostic whose message contains <paramref name="fragment"/>, checked for file, line and key.</summary>
    public static Diagnostic Find(IReadOnlyList<Diagnostic> diagnostics, string fragment, int line, string key)
    {
        var matches = diagnostics.Where(d => d.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1,
            $"expected one diagnostic containing \"{fragment}\", found {matches.Count}:{Environment.NewLine}{Render(diagnostics)}");
        var d = matches[0];
        Assert.True(d.File == File && d.Line == line && d.Key == key,
            $"expected {File}:{line} at key '{key}', got {d.File}:{d.Line} at key '{d.Key}':{Environment.NewLine}{Render(diagnostics)}");
        return d;
    }

    /// <summary>Loads <paramref name="yaml"/> and returns the one diagnostic containing <paramref name="fragment"/>.</summary>
    public static Diagnostic Expect(string yaml, string fragment, int line, string key) => Find(Of(yaml), fragment, line, key);

    public static string Render(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics);
}
