using System.Globalization;
using Sim.Core.Time;

namespace Sim.Core;

/// <summary>
/// What a number measures, which decides how its text is parsed and its base unit:
/// durations in nanoseconds, sizes in bytes, plain numbers as they are.
/// </summary>
public enum QuantityKind
{
    Number,
    Duration,
    Bytes,
}

/// <summary>Parses a quantity of a given kind to its base unit.</summary>
public static class Quantity
{
    public static bool TryParse(string? text, QuantityKind kind, out double value, out string error)
    {
        value = 0;
        switch (kind)
        {
            case QuantityKind.Duration:
                if (!SimDuration.TryParse(text, out var d, out error)) return false;
                value = d.Nanoseconds;
                return true;
            case QuantityKind.Bytes:
                return ByteSize.TryParseBytes(text, out value, out error);
            default:
                if (text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
                {
                    error = "";
                    return true;
                }
                error = $"'{text}' is not a number";
                return false;
        }
    }

    /// <summary>Formats a base-unit value back to text of its kind, for messages and reports.</summary>
    public static string Format(double value, QuantityKind kind) => kind switch
    {
        QuantityKind.Duration => SimDuration.FromNanosecondsRounded(value).ToString(),
        QuantityKind.Bytes => new ByteSize((long)Math.Round(value)).ToString(),
        _ => value.ToString("0.######", CultureInfo.InvariantCulture),
    };
}
