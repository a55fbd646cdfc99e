using System.Globalization;

namespace Sim.Core;

/// <summary>
/// A data rate in bits per second, as network links are specified. Files write it as text
/// (<c>10Gbps</c>, <c>125MB/s</c>), which Sim.Experiments reads.
/// </summary>
public readonly record struct Bandwidth(double BitsPerSecond)
{
    public double BytesPerSecond => BitsPerSecond / 8.0;

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
