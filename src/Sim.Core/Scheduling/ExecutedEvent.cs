using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// An event the scheduler has just executed, as a monitor sees it: its number (1 for the first event
/// of the scheduler's life), the number of the event that was running when it was scheduled
/// (<see cref="Cause"/>, 0 when it was scheduled outside a run), its time, kind, handler and state.
/// </summary>
public readonly record struct ExecutedEvent(long Number, long Cause, SimTime At, int Kind, IEventHandler Handler, object? State);
