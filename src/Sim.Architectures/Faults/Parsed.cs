namespace Sim.Architectures.Faults;

/// <summary>A target part read into a typed reference, or the problem with it.</summary>
public readonly record struct Parsed<T>(T? Value, string? Problem) where T : class
{
    public static implicit operator Parsed<T>(T value) => new(value, null);

    public static Parsed<T> Fail(string problem) => new(null, problem);
}
