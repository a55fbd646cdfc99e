namespace Sim.Plotting;

/// <summary>
/// The units a sweep may mix within one key (<c>500ms</c> next to <c>2s</c>) and their size relative to the
/// base unit of their dimension, so such a key can still be drawn on one numeric axis. Units outside this
/// table are only comparable with themselves.
/// </summary>
internal static class UnitScale
{
    private static readonly (string Unit, string Dimension, double Factor)[] Table =
    [
        ("ns", "time", 1e-9), ("us", "time", 1e-6), ("µs", "time", 1e-6), ("ms", "time", 1e-3),
        ("s", "time", 1), ("min", "time", 60), ("h", "time", 3600),
        ("bps", "rate", 1), ("kbps", "rate", 1e3), ("Kbps", "rate", 1e3), ("Mbps", "rate", 1e6), ("Gbps", "rate", 1e9),
        ("B", "size", 1), ("KB", "size", 1e3), ("MB", "size", 1e6), ("GB", "size", 1e9),
        ("KiB", "size", 1024), ("MiB", "size", 1024.0 * 1024), ("GiB", "size", 1024.0 * 1024 * 1024),
    ];

    public static bool TryFind(string unit, out string dimension, out double factor)
    {
        foreach (var (name, dim, f) in Table)
        {
            if (name == unit)
            {
                dimension = dim;
                factor = f;
                return true;
            }
        }
        dimension = "";
        factor = double.NaN;
        return false;
    }
}
