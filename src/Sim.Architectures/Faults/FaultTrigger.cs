using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// When a fault waits for a condition (<c>when:</c>): from the fault's <c>at</c> its condition is checked
/// every <see cref="CheckInterval"/> of simulated time (a fixed tick, so the instant it fires is
/// deterministic and at most one tick after the condition first holds); the fault fires at the first check
/// that finds it true, and its duration counts from then. If it has not held by <see cref="Timeout"/>
/// after <c>at</c> (or by the end of the run), the fault does not fire and faults.csv says so.
/// </summary>
public sealed record FaultTrigger(FaultCondition Condition, SimDuration? Timeout)
{
    /// <summary>How often the condition is checked: fine enough for the second-scale events it waits for.</summary>
    public static readonly SimDuration CheckInterval = SimDuration.FromMilliseconds(100);

    public override string ToString() => Timeout is { } t ? $"when {Condition} (timeout {t})" : $"when {Condition}";
}
