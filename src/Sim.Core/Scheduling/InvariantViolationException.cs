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

    /// <summary>The events that led here, oldest first, each scheduled by the one before; the last is the event after which the check failed.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    /// <summary>The violation with its causal chain, one event per line.</summary>
    public string Report => Chain.Count == 0 ? Message : Message + "\nchain of events that led here:\n" + string.Join("\n", Chain.Select(c => "  " + c));
}
