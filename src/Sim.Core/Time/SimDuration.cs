using System.Globalization;

namespace Sim.Core.Time;

/// <summary>
/// A span of virtual time in whole nanoseconds. The only duration type of the simulator: never a
/// <see cref="double"/>, never <see cref="TimeSpan"/>. Arithmetic is exact and checked against overflow
/// where a sum could plausibly leave the range (about 292 years).
/// </summary>
public readonly record struct SimDuration(long Nanoseconds) : IComparable<SimDuration>
{
    public const long NanosPerMicrosecond = 1_000;
    public const long NanosPerMillisecond = 1_000_000;
    public const long NanosPerSecond = 1_000_000_000;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerHour = 60 * NanosPerMinute;

    public static readonly SimDuration Zero = new(0);
    public static readonly SimDuration MaxValue = new(long.MaxValue);

    public static SimDuration FromNanoseconds(long ns) => new(ns);
    public static SimDuration FromMicroseconds(long us) => new(checked(us * NanosPerMicrosecond));
    public static SimDuration FromMilliseconds(long ms) => new(checked(ms * NanosPerMillisecond));
    public static SimDuration FromSeconds(long s) => new(checked(s * NanosPerSecond));
    public static SimDuration FromMinutes(long m) => new(checked(m * NanosPerMinute));
    public static SimDuration FromHours(long h) => new(checked(h * NanosPerHour));

    /// <summary>Rounds a fractional number of milliseconds to the nearest nanosecond.</summary>
    public static SimDuration FromMilliseconds(double ms) => FromNanosecondsRounded(ms * NanosPerMillisecond);

    /// <summary>Rounds a fractional number of seconds to the nearest nanosecond.</summary>
    public static SimDuration FromSeconds(double s) => FromNanosecondsRounded(s * NanosPerSecond);

    /// <summary>
    /// Rounds a fractional nanosecond count (a distribution draw) to the nearest nanosecond,
    /// saturating at the representable range rather than wrapping.
    /// </summary>
    public static SimDuration FromNanosecondsRounded(double ns)
    {
        if (double.IsNaN(ns)) throw new ArgumentOutOfRangeException(nameof(ns), "duration is NaN");
        if (ns >= long.MaxValue) return MaxValue;
        if (ns <= long.MinValue) return new SimDuration(long.MinValue);
        return new SimDuration((long)Math.Round(ns, MidpointRounding.AwayFromZero));
    }

    public double TotalSeconds => Nanoseconds / (double)NanosPerSecond;
    public double TotalMilliseconds => Nanoseconds / (double)NanosPerMillisecond;
    public double TotalMicroseconds => Nanoseconds / (double)NanosPerMicrosecond;
    public bool IsNegative => Nanoseconds < 0;
    public bool IsZero => Nanoseconds == 0;

    public static SimDuration operator +(SimDuration a, SimDuration b) => new(checked(a.Nanoseconds + b.Nanoseconds));
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(checked(a.Nanoseconds - b.Nanoseconds));
    public static SimDuration operator -(SimDuration a) => new(-a.Nanoseconds);
    public static SimDuration operator *(SimDuration a, long k) => new(checked(a.Nanoseconds * k));
    public static SimDuration operator *(long k, SimDuration a) => new(checked(a.Nanoseconds * k));
    public static SimDuration operator /(SimDuration a, long k) => new(a.Nanoseconds / k);
    public static double operator /(SimDuration a, SimDuration b) => a.Nanoseconds / (double)b.Nanoseconds;
    public static bool operator <(SimDuration a, SimDuration b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(SimDuration a, SimDuration b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(SimDuration a, SimDuration b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(SimDuration a, SimDuration b) => a.Nanoseconds >= b.Nanoseconds;

    /// <summary>Multiplies by a real factor, rounding to the nearest nanosecond.</summary>
    public SimDuration Scale(double factor) => FromNanosecondsRounded(Nanoseconds * factor);

    public static SimDuration Min(SimDuration a, SimDuration b) => a.Nanoseconds <= b.Nanoseconds ? a : b;
    public static SimDuration Max(SimDuration a, SimDuration b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    public int CompareTo(SimDuration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>
    /// The shortest exact unit form, such as <c>5ms</c>, <c>1500us</c> or <c>1000.000001ms</c>;
    /// Sim.Experiments' DurationText reads it back to the same nanosecond (below about 104 days, where a double
    /// still holds every nanosecond).
    /// </summary>
    public override string ToString()
    {
        long ns = Nanoseconds;
        if (ns == 0) return "0s";
        (long unit, string name)[] units =
            [(NanosPerHour, "h"), (NanosPerMinute, "m"), (NanosPerSecond, "s"), (NanosPerMillisecond, "ms"), (NanosPerMicrosecond, "us")];
        foreach (var (unit, name) in units)
        {
            if (ns % unit == 0) return (ns / unit).ToString(CultureInfo.InvariantCulture) + name;
        }
        if (Math.Abs(ns) < NanosPerMillisecond) return ns.ToString(CultureInfo.InvariantCulture) + "ns";
        // Whole milliseconds and the six nanosecond digits below them, in integer arithmetic so nothing is rounded.
        string sign = ns < 0 ? "-" : "";
        ulong abs = ns == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(ns);
        string fraction = (abs % NanosPerMillisecond).ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return $"{sign}{(abs / NanosPerMillisecond).ToString(CultureInfo.InvariantCulture)}.{fraction}ms";
    }
}
