using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// What a <see cref="Process"/> waits for when it yields: a delay, an instant, or a
/// <see cref="Signal"/> with an optional timeout. A struct, so yielding allocates nothing.
/// </summary>
public readonly struct Wait
{
    internal enum WaitKind : byte { Delay, Signal, SignalWithTimeout }

    internal WaitKind Kind { get; }
    internal SimDuration Delay { get; }
    internal Signal? Signal { get; }

    private Wait(WaitKind kind, SimDuration delay, Signal? signal)
    {
        Kind = kind;
        Delay = delay;
        Signal = signal;
    }

    /// <summary>Resume after <paramref name="delay"/> (negative delays are an error).</summary>
    public static Wait For(SimDuration delay) => new(WaitKind.Delay, delay, null);

    /// <summary>Resume when <paramref name="signal"/> is notified.</summary>
    public static Wait On(Signal signal) => new(WaitKind.Signal, SimDuration.Zero, signal);

    /// <summary>
    /// Resume when <paramref name="signal"/> is notified or <paramref name="timeout"/> has passed,
    /// whichever comes first; <see cref="Process.TimedOut"/> says which.
    /// </summary>
    public static Wait On(Signal signal, SimDuration timeout) => new(WaitKind.SignalWithTimeout, timeout, signal);
}
