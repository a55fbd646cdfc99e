using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>One probe of a bisection: its index, the value tried and whether the SLA held there.</summary>
public sealed record BisectionStep(int Probe, double X, bool Passed);

/// <summary>
/// Where a bisection ended: the verdict, the highest value that met the SLA (<see cref="Low"/>, NaN when
/// none did), the lowest that broke it (<see cref="High"/>, NaN when none did) and the probes in order.
/// </summary>
public sealed record BisectionResult(SearchVerdict Verdict, double Low, double High, IReadOnlyList<BisectionStep> Steps);

/// <summary>
/// The search for the breaking point, free of any simulation: probe <c>min</c> (if it breaks the SLA, no
/// load meets it), then <c>max</c> (if it meets it, the limit is <c>max</c> or above), then halve the
/// bracket between the highest value that passed and the lowest that failed until it is narrower than
/// <c>precision</c> × its low end (or one, for whole numbers), or the probe budget is spent. Halving is
/// geometric (the next value is the geometric mean of the bracket, rounded to four significant digits,
/// and to a whole number for whole-number keys, when that stays inside it), so a range spanning decades costs as many probes at the bottom as at the
/// top. The probe function answers true (met), false (broken) or null (no answer: the search stops,
/// incomplete), and sees each probe's index so callers can seed and store it by identity.
/// </summary>
public static class Bisection
{
    public static BisectionResult Run(double min, double max, double precision, bool integer, int maxProbes, Func<int, double, bool?> probe)
    {
        if (!(min > 0) || !(max > min)) throw new ArgumentOutOfRangeException(nameof(min), "a search needs 0 < min < max");
        if (maxProbes < 2) throw new ArgumentOutOfRangeException(nameof(maxProbes), "a search needs at least two probes (min and max)");
        var steps = new List<BisectionStep>();
        bool? Try(double x)
        {
            var passed = probe(steps.Count, x);
            if (passed is { } p) steps.Add(new BisectionStep(steps.Count, x, p));
            return passed;
        }
        switch (Try(min))
        {
            case null: return new(SearchVerdict.Incomplete, double.NaN, double.NaN, steps);
            case false: return new(SearchVerdict.NoLoadMeetsSla, double.NaN, min, steps);
        }
        switch (Try(max))
        {
            case null: return new(SearchVerdict.Incomplete, min, double.NaN, steps);
            case true: return new(SearchVerdict.MaxMeetsSla, max, double.NaN, steps);
        }
        double low = min, high = max;
        while (!Converged(low, high, precision, integer))
        {
            if (steps.Count >= maxProbes) return new(SearchVerdict.BudgetSpent, low, high, steps);
            double mid = Middle(low, high, integer);
            switch (Try(mid))
            {
                case null: return new(SearchVerdict.Incomplete, low, high, steps);
                case true: low = mid; break;
                default: high = mid; break;
            }
        }
        return new(SearchVerdict.Found, low, high, steps);
    }

    /// <summary>True when no value strictly inside the bracket is worth a probe.</summary>
    public static bool Converged(double low, double high, double precision, bool integer) =>
        high - low <= precision * low || (integer && high - low <= 1);

    /// <summary>The next value to try: the bracket's geometric mean, rounded (to a whole number, or to four significant digits) when that stays strictly inside.</summary>
    public static double Middle(double low, double high, bool integer)
    {
        double mid = Math.Sqrt(low * high);
        double rounded = integer ? Math.Round(RoundSignificant(mid, 4)) : RoundSignificant(mid, 4);
        if (rounded > low && rounded < high) return rounded;
        return integer ? Math.Floor(low) + 1 : mid;
    }

    private static double RoundSignificant(double x, int digits)
    {
        double scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(x))));
        return Math.Round(x * scale) / scale;
    }
}
