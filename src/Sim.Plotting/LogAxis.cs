using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sim.Plotting;

/// <summary>
/// Logarithmic axes the ScottPlot 5 way: the chart plots log10 of the data and this class labels the axis
/// with the original values (1, 10, 100, plus 2 and 5 when few decades are shown, minor ticks between).
/// A range is drawn on a log axis only when it spans more than two decades; below that a linear axis
/// reads more easily.
/// </summary>
internal static class LogAxis
{
    private const double DecadesForLog = 2;

    /// <summary>True when every finite value is positive and the largest is over a hundred times the smallest.</summary>
    public static bool Wanted(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count < 2 || finite.Any(v => v <= 0)) return false;
        return Math.Log10(finite.Max() / finite.Min()) > DecadesForLog;
    }

    /// <summary>Labels <paramref name="axis"/>, which carries log10 values, with the numbers between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static void Apply(IAxis axis, double min, double max)
    {
        var low = (int)Math.Floor(Math.Log10(min));
        var high = (int)Math.Ceiling(Math.Log10(max));
        var dense = high - low <= 4;
        var ticks = new NumericManual();
        for (var decade = low; decade <= high; decade++)
        {
            var scale = Math.Pow(10, decade);
            ticks.AddMajor(decade, Format(scale));
            if (decade == high) break;
            for (var m = 2; m <= 9; m++)
            {
                var position = decade + Math.Log10(m);
                if (dense && (m == 2 || m == 5)) ticks.AddMajor(position, Format(m * scale));
                else ticks.AddMinor(position);
            }
        }
        axis.TickGenerator = ticks;
    }

    /// <summary>Sets the limits of a log axis a little beyond the data so end points are not cut in half.</summary>
    public static (double Low, double High) Limits(double min, double max)
    {
        var low = Math.Log10(min);
        var high = Math.Log10(max);
        var pad = Math.Max(0.05, (high - low) * 0.04);
        return (low - pad, high + pad);
    }

    // Round-tripping through G6 strips the binary noise of 10^k (0.30000000000000004 becomes 0.3).
    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
