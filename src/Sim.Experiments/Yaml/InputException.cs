namespace Sim.Experiments.Yaml;

/// <summary>
/// Input files had problems; <see cref="Diagnostics"/> lists them, and <see cref="Omitted"/> counts those
/// found past the most a reader keeps (so a file of a million unknown keys costs no more than a few thousand).
/// </summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics, int omitted = 0)
    : Exception(string.Join(Environment.NewLine, diagnostics.Take(DefaultShown)) + (diagnostics.Count + omitted > DefaultShown ? $"{Environment.NewLine}... and {diagnostics.Count + omitted - DefaultShown} more" : ""))
{
    /// <summary>How many problems are printed unless <c>limits.diagnostics</c> says otherwise.</summary>
    public const int DefaultShown = 50;

    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    public int Omitted { get; } = omitted;

    /// <summary>Every problem found, kept or not.</summary>
    public int Total => Diagnostics.Count + Omitted;

    /// <summary>The first <paramref name="shown"/> problems, one a line, then a line counting the rest.</summary>
    public IEnumerable<string> Lines(int shown = DefaultShown)
    {
        foreach (var d in Diagnostics.Take(shown)) yield return d.ToString();
        if (Total > shown) yield return $"... and {Total - shown} more problem{(Total - shown == 1 ? "" : "s")} (show more with --set limits.diagnostics=N)";
    }
}
