using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>An invariant checked after an event did not hold. Stops the run where it broke.</summary>
public sealed class InvariantViolationException(string invariant, string detail, SimTime at, string eventKind, long eventNumber)
    : Exception($"invariant '{invariant}' broken at {at} after event #{eventNumber} ({eventKind}): {detail}")
{
    public string Invariant { get; } = invariant;
    public string Detail { get; } = detail;
    public SimTime At { get; } = at;
    public string EventKind { get; } = eventKind;
    public long EventNumber { get; } = eventNumber;
}
