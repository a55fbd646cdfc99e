namespace Sim.Experiments.Yaml;

/// <summary>Input files had problems; <see cref="Diagnostics"/> lists every one of them.</summary>
public sealed class InputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
