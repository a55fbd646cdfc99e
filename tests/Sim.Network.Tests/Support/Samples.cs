namespace Sim.Network.Tests.Support;

/// <summary>Plain sample statistics for measured delays.</summary>
internal static class Samples
{
    public static double Mean(IReadOnlyCollection<double> xs) => xs.Sum() / xs.Count;

    public static double StdDev(IReadOnlyCollection<double> xs)
    {
        double mean = Mean(xs);
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="p"/> of the samples at or below it.</summary>
    public static double Percentile(IEnumerable<double> xs, double p)
    {
        var sorted = xs.Order().ToArray();
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// Whether <paramref name="hits"/> out of <paramref name="trials"/> is within <paramref name="sigmas"/>
    /// binomial standard deviations of <paramref name="p"/>.
    /// </summary>
    public static bool WithinBinomial(long hits, long trials, double p, double sigmas)
    {
        double sd = Math.Sqrt(trials * p * (1 - p));
        return Math.Abs(hits - trials * p) <= sigmas * sd;
    }

    public static double RelativeDeviation(double measured, double expected) => (measured - expected) / expected;
}
