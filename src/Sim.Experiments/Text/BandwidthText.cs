using Sim.Core;

namespace Sim.Experiments.Text;

/// <summary>
/// Reads a <see cref="Bandwidth"/> written with a unit: bit rates (<c>10Gbps</c>, <c>100Mbps</c>) with
/// decimal prefixes, as networking writes them, and byte rates (<c>125MB/s</c>, <c>50MiB/s</c>).
/// </summary>
public static class BandwidthText
{
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
}
