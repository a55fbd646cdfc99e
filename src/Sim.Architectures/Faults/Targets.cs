using System.Collections;

namespace Sim.Architectures.Faults;

/// <summary>
/// The parts of a target (<c>a,b</c>), compared by value so two faults with the same targets are equal
/// (a printed schedule read back equals the one drawn).
/// </summary>
public sealed class Targets<T>(IReadOnlyList<T> parts) : IReadOnlyList<T>, IEquatable<Targets<T>>
{
    private readonly IReadOnlyList<T> _parts = parts.ToArray();

    public T this[int index] => _parts[index];

    public int Count => _parts.Count;

    public IEnumerator<T> GetEnumerator() => _parts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Targets<T>? other) => other is not null && _parts.SequenceEqual(other._parts);

    public override bool Equals(object? obj) => Equals(obj as Targets<T>);

    public override int GetHashCode() => _parts.Count;

    /// <summary>The parts as a fault plan writes them.</summary>
    public override string ToString() => string.Join(",", _parts);
}
