using System.Globalization;

namespace Sim.Core;

/// <summary>
/// A data rate in bits per second, as network links are specified (<c>10Gbps</c>, <c>100Mbps</c>),
/// also accepting byte rates (<c>125MB/s</c>, <c>50MiB/s</c>). Decimal prefixes for bits, as networking does.
/// </summary>
public readonly record struct Bandwidth(double BitsPerSecond)
{
    public double BytesPerSecond => BitsPerSecond / 8.0;

    public static Bandwidth Parse(string text)
    {
        if (!TryParse(text, out var v, out var error)) throw new FormatException(error);
        return v;
    }

    public static bool TryParse(string? text, out Bandwidth value, out string error)
    {
        value = default;
        if (!UnitText.TrySplit(text, out var number, out var unit, out error)) return false;
        double bits = unit switch
        {
            "bps" => 1,
            "Kbps" or "kbps" => 1e3,
            "Mbps" => 1e6,
            "Gbps" => 1e9,
            "Tbps" => 1e12,
            "B/s" => 8,
            "KB/s" or "kB/s" => 8e3,
            "MB/s" => 8e6,
            "GB/s" => 8e9,
            "KiB/s" => 8 * 1024d,
            "MiB/s" => 8 * 1024d * 1024,
            "GiB/s" => 8 * 1024d * 1024 * 1024,
            _ => double.NaN,
        };
        if (unit.Length == 0)
        {
            error = $"'{text}' has no unit; write a bandwidth such as 10Gbps, 500Mbps or 125MB/s";
            return false;
        }
        if (double.IsNaN(bits))
        {
            error = $"'{text}' has unknown bandwidth unit '{unit}'; use bps, Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s or GiB/s";
            return false;
        }
        if (number <= 0)
        {
            error = $"'{text}' must be positive";
            return false;
        }
        value = new Bandwidth(number * bits);
        error = "";
        return true;
    }

    /// <summary>Time to put <paramref name="bytes"/> on the wire at this rate.</summary>
    public Time.SimDuration SerializationDelay(long bytes) =>
        Time.SimDuration.FromNanosecondsRounded(bytes * 8.0 * 1e9 / BitsPerSecond);

    public override string ToString()
    {
        if (BitsPerSecond >= 1e9) return (BitsPerSecond / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "Gbps";
        if (BitsPerSecond >= 1e6) return (BitsPerSecond / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + "Mbps";
        if (BitsPerSecond >= 1e3) return (BitsPerSecond / 1e3).ToString("0.###", CultureInfo.InvariantCulture) + "Kbps";
        return BitsPerSecond.ToString("0.###", CultureInfo.InvariantCulture) + "bps";
    }
}
