using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// A run executed more events than its cap allows. This is an error, not a normal stop: either the
/// cap is too low for the experiment or the model has a runaway loop.
/// </summary>
public sealed class EventCapExceededException(long cap, SimTime at, string lastKind)
    : Exception($"the run hit its event cap of {cap:N0} events at {at} (last event: {lastKind}); " +
                "raise the cap (max_events) if the experiment really needs more, or look for a runaway loop in the model")
{
    public long Cap { get; } = cap;
    public SimTime At { get; } = at;
}
