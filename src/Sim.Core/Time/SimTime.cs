using System.Globalization;

namespace Sim.Core.Time;

/// <summary>
/// An instant on the simulation's one virtual clock: whole nanoseconds since the run started.
/// Instants and durations are different types (as in NodaTime), so an instant can be moved by a
/// duration and two instants subtracted, but two instants never added.
/// </summary>
public readonly record struct SimTime(long Nanoseconds) : IComparable<SimTime>
{
    public static readonly SimTime Zero = new(0);
    public static readonly SimTime MaxValue = new(long.MaxValue);

    public static SimTime FromSeconds(double s) => new(SimDuration.FromSeconds(s).Nanoseconds);

    public double TotalSeconds => Nanoseconds / (double)SimDuration.NanosPerSecond;
    public double TotalMilliseconds => Nanoseconds / (double)SimDuration.NanosPerMillisecond;

    /// <summary>The time since the start of the run, as a duration.</summary>
    public SimDuration SinceStart => new(Nanoseconds);

    public static SimTime operator +(SimTime t, SimDuration d) => new(SaturatingAdd(t.Nanoseconds, d.Nanoseconds));
    public static SimTime operator -(SimTime t, SimDuration d) => new(checked(t.Nanoseconds - d.Nanoseconds));
    public static SimDuration operator -(SimTime a, SimTime b) => new(checked(a.Nanoseconds - b.Nanoseconds));
    public static bool operator <(SimTime a, SimTime b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(SimTime a, SimTime b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds;

    public static SimTime Min(SimTime a, SimTime b) => a.Nanoseconds <= b.Nanoseconds ? a : b;
    public static SimTime Max(SimTime a, SimTime b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    public int CompareTo(SimTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    // A timer armed with a huge duration (for example "never") saturates instead of wrapping into the past.
    private static long SaturatingAdd(long a, long b)
    {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return b > 0 ? long.MaxValue : long.MinValue;
        return r;
    }

    /// <summary>Seconds since the start with millisecond precision, as traces print it: <c>t=12.345s</c>.</summary>
    public override string ToString() =>
        "t=" + TotalSeconds.ToString("0.000###", CultureInfo.InvariantCulture) + "s";
}
