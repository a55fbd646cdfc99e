using Sim.Core;

namespace Sim.Experiments.Text;

/// <summary>
/// Reads a <see cref="ByteSize"/> written with a unit: decimal (<c>KB</c>, <c>MB</c>, <c>GB</c>, powers
/// of 1000) and binary (<c>KiB</c>, <c>MiB</c>, <c>GiB</c>, powers of 1024) units, and <c>B</c>, as
/// Kafka's documentation writes them.
/// </summary>
public static class ByteSizeText
{
    public static ByteSize Parse(string text)
    {
        if (!TryParse(text, out var v, out var error)) throw new FormatException(error);
        return v;
    }

    public static bool TryParse(string? text, out ByteSize value, out string error)
    {
        value = default;
        if (!TryParseBytes(text, out double bytes, out error)) return false;
        value = new ByteSize((long)Math.Round(bytes));
        return true;
    }

    /// <summary>Parses to a real number of bytes, for distribution parameters such as <c>median: 1.5KiB</c>.</summary>
    public static bool TryParseBytes(string? text, out double bytes, out string error)
    {
        bytes = 0;
        if (!UnitText.TrySplit(text, out var number, out var unit, out error)) return false;
        double scale = unit switch
        {
            "B" => 1,
            "KB" or "kB" => 1e3,
            "MB" => 1e6,
            "GB" => 1e9,
            "TB" => 1e12,
            "KiB" => 1024d,
            "MiB" => 1024d * 1024,
            "GiB" => 1024d * 1024 * 1024,
            "TiB" => 1024d * 1024 * 1024 * 1024,
            _ => double.NaN,
        };
        if (unit.Length == 0)
        {
            error = $"'{text}' has no unit; write a size with one of B, KB, MB, GB, KiB, MiB, GiB (for example 16KiB)";
            return false;
        }
        if (double.IsNaN(scale))
        {
            error = $"'{text}' has unknown size unit '{unit}'; use one of B, KB, MB, GB, TB, KiB, MiB, GiB, TiB";
            return false;
        }
        if (number < 0)
        {
            error = $"'{text}' is negative; a size cannot be";
            return false;
        }
        bytes = number * scale;
        error = "";
        return true;
    }
}
