using System.Globalization;
using Sim.Core;

namespace Sim.Experiments.Text;

/// <summary>Reads a quantity of a given <see cref="QuantityKind"/> written as text to its base unit (nanoseconds, bytes, or the plain number).</summary>
public static class QuantityText
{
    public static bool TryParse(string? text, QuantityKind kind, out double value, out string error)
    {
        value = 0;
        switch (kind)
        {
            case QuantityKind.Duration:
                if (!DurationText.TryParse(text, out var d, out error)) return false;
                value = d.Nanoseconds;
                return true;
            case QuantityKind.Bytes:
                return ByteSizeText.TryParseBytes(text, out value, out error);
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
}
