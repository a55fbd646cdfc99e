namespace Sim.Core.Validation;

/// <summary>
/// One problem found while validating user input, named by its key path (<c>links.a-b.rtt</c>).
/// The loader that read the file adds the file, line and column; model code only knows keys. A
/// problem about a name that does not exist carries the name (<see cref="Unknown"/>) and the names
/// that do (<see cref="Known"/>), so the layer that reads text can suggest the nearest one.
/// </summary>
public sealed record SpecError(string Key, string Message, string? Hint = null)
{
    /// <summary>The name that was not found, when the problem is an unknown name.</summary>
    public string? Unknown { get; init; }

    /// <summary>The names that would have been accepted in its place.</summary>
    public IReadOnlyList<string>? Known { get; init; }

    public override string ToString() => Hint is null ? $"{Key}: {Message}" : $"{Key}: {Message} ({Hint})";
}
