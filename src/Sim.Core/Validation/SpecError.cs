namespace Sim.Core.Validation;

/// <summary>
/// One problem found while validating user input, named by its key path (<c>links.a-b.rtt</c>).
/// The loader that read the file adds the file, line and column; model code only knows keys.
/// </summary>
public sealed record SpecError(string Key, string Message, string? Hint = null)
{
    public override string ToString() => Hint is null ? $"{Key}: {Message}" : $"{Key}: {Message} ({Hint})";
}
