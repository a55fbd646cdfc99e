using System.Globalization;
using Sim.Core.Time;

namespace Sim.Core;

/// <summary>
/// What a number measures, which decides its base unit and how it is written and read as text:
/// durations in nanoseconds, sizes in bytes, plain numbers as they are.
/// </summary>
public enum QuantityKind
{
    Number,
    Duration,
    Bytes,
}

/// <summary>Writes a base-unit value of a given kind as text (Sim.Experiments reads such text back).</summary>
public static class Quantity
{
    /// <summary>Formats a base-unit value back to text of its kind, for messages and reports.</summary>
    public static string Format(double value, QuantityKind kind) => kind switch
    {
        QuantityKind.Duration => SimDuration.FromNanosecondsRounded(value).ToString(),
        QuantityKind.Bytes => new ByteSize((long)Math.Round(value)).ToString(),
        _ => value.ToString("0.######", CultureInfo.InvariantCulture),
    };
}
