namespace Sim.Plotting;

/// <summary>
/// A swept key whose every value starts with a number, with those numbers expressed in one unit so the key
/// can be an x axis. Values in different units of one dimension (<c>500ms</c>, <c>2s</c>) are converted to
/// the smallest unit present; any other mix of units makes the key categorical and
/// <see cref="TryCreate"/> returns null.
/// </summary>
internal sealed class NumericSweepKey
{
    private readonly Dictionary<string, double> numbers;

    private NumericSweepKey(string key, string unit, Dictionary<string, double> numbers)
    {
        Key = key;
        Unit = unit;
        this.numbers = numbers;
    }

    public string Key { get; }

    /// <summary>The unit every number is expressed in; empty for plain numbers.</summary>
    public string Unit { get; }

    /// <summary>The axis label: the key with its unit in parentheses (<c>links.a/b.rtt (ms)</c>).</summary>
    public string AxisLabel => Unit.Length == 0 ? Key : $"{Key} ({Unit})";

    /// <summary>The number a raw value stands for in <see cref="Unit"/>, NaN for a value this key never took.</summary>
    public double ValueOf(string raw) => numbers.TryGetValue(raw, out var value) ? value : double.NaN;

    public static NumericSweepKey? TryCreate(string key, IEnumerable<string> rawValues)
    {
        var parsed = new List<(string Raw, double Number, string Unit)>();
        foreach (var raw in rawValues.Distinct(StringComparer.Ordinal))
        {
            if (!LeadingNumber.TryParse(raw, out var number, out var unit)) return null;
            parsed.Add((raw, number, unit));
        }
        if (parsed.Count == 0) return null;

        var units = parsed.Select(p => p.Unit).Distinct(StringComparer.Ordinal).ToList();
        if (units.Count == 1)
        {
            return new NumericSweepKey(key, units[0], parsed.ToDictionary(p => p.Raw, p => p.Number, StringComparer.Ordinal));
        }
        return TryConvert(key, parsed, units);
    }

    private static NumericSweepKey? TryConvert(string key, List<(string Raw, double Number, string Unit)> parsed, List<string> units)
    {
        string? dimension = null;
        var smallest = "";
        var smallestFactor = double.PositiveInfinity;
        foreach (var unit in units)
        {
            if (!UnitScale.TryFind(unit, out var dim, out var factor)) return null;
            if (dimension is not null && dim != dimension) return null;
            dimension = dim;
            if (factor < smallestFactor)
            {
                smallestFactor = factor;
                smallest = unit;
            }
        }
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (raw, number, unit) in parsed)
        {
            UnitScale.TryFind(unit, out _, out var factor);
            numbers[raw] = number * factor / smallestFactor;
        }
        return new NumericSweepKey(key, smallest, numbers);
    }
}
