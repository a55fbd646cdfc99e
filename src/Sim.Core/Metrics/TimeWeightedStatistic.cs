using Sim.Core.Time;

namespace Sim.Core.Metrics;

/// <summary>
/// The time average of a piecewise-constant quantity (a queue length, the number of in-sync replicas):
/// the area under its curve divided by the time observed. Updated only when the value changes.
/// </summary>
public struct TimeWeightedStatistic
{
    private double _area;
    private long _lastChangeNs;
    private long _startNs;
    private bool _started;

    public double Current { get; private set; }

    /// <summary>Starts (or restarts, discarding the past, as after a warm-up) observation at <paramref name="now"/>.</summary>
    public void Reset(SimTime now)
    {
        _area = 0;
        _startNs = now.Nanoseconds;
        _lastChangeNs = now.Nanoseconds;
        _started = true;
    }

    public void Set(SimTime now, double value)
    {
        if (!_started) Reset(now);
        _area += Current * (now.Nanoseconds - _lastChangeNs);
        _lastChangeNs = now.Nanoseconds;
        Current = value;
    }

    /// <summary>The time average from the start (or last reset) to <paramref name="now"/>.</summary>
    public readonly double AverageUntil(SimTime now)
    {
        long span = now.Nanoseconds - _startNs;
        if (!_started || span <= 0) return double.NaN;
        return (_area + Current * (now.Nanoseconds - _lastChangeNs)) / span;
    }
}
