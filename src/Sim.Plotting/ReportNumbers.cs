using System.Globalization;

namespace Sim.Plotting;

/// <summary>
/// How the report writes a metric: latencies to 0.1 ms, availability to 5 decimals, seconds to 2 decimals,
/// costs to 2 decimals (4 below a dollar), counts as integers (one decimal when a mean over replications is fractional, so a loss of
/// 0.5 records on average never reads as 0). Availability below 1 is cut, not rounded, to 5 decimals, so
/// 0.999996 reads 0.99999 and only a perfect run reads 1.00000. Always in the invariant culture, so the report is
/// byte-identical on every machine.
/// </summary>
internal static class ReportNumbers
{
    public static string MeanWithCi(string metric, double mean, double ci95, int count)
    {
        if (!double.IsFinite(mean)) return "n/a";

        // The interval takes the mean's precision, so a count reads "1310 ± 635", not "1310 ± 635.3".
        var format = FormatOf(metric, mean);
        var text = Clean(Shown(metric, mean)).ToString(format, CultureInfo.InvariantCulture);

        // One replication has no interval (its CI is 0 by convention), so only the mean is shown.
        return count > 1 && double.IsFinite(ci95) ? $"{text} ± {Clean(ci95).ToString(format, CultureInfo.InvariantCulture)}" : text;
    }

    public static string Format(string metric, double value) => Clean(Shown(metric, value)).ToString(FormatOf(metric, value), CultureInfo.InvariantCulture);

    // The small addition keeps 0.9945, stored as 0.99449999..., from being cut to 0.99449.
    private static double Shown(string metric, double value) =>
        metric == "availability" && value < 1 ? Math.Floor(value * 1e5 + 1e-6) / 1e5 : value;

    // Negative zero would print as "-0.0"; it means the same as zero.
    private static double Clean(double value) => value == 0 ? 0 : value;

    private static string FormatOf(string metric, double value) => metric switch
    {
        "availability" => "0.00000",
        "acked_records_lost" or "duplicates" or "records_skipped" => Math.Abs(value - Math.Round(value)) < 1e-9 ? "0" : "0.0",
        _ when metric.Contains("_ms", StringComparison.Ordinal) => "0.0",
        // A short run's transfer costs fractions of a cent; dollars to 2 decimals would show them all as 0.00.
        _ when metric.EndsWith("_usd", StringComparison.Ordinal) => Math.Abs(value) < 1 ? "0.0000" : "0.00",
        _ when metric.EndsWith("_s", StringComparison.Ordinal) => "0.00",
        _ => "0.###",
    };
}
