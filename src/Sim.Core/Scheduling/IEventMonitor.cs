namespace Sim.Core.Scheduling;

/// <summary>
/// Watches a run event by event: the scheduler calls <see cref="AfterEvent"/> once after every event
/// it executes, when a monitor is set (<see cref="Scheduler.Monitor"/>). Checking is kept out of the
/// kernel this way, as checkers are kept apart from the model: a run without a monitor pays one null
/// check per event and remembers nothing. A monitor only reads; it may stop the run by throwing.
/// </summary>
public interface IEventMonitor
{
    /// <summary>Called after the handler of <paramref name="executed"/> returned.</summary>
    void AfterEvent(Scheduler scheduler, in ExecutedEvent executed);
}
