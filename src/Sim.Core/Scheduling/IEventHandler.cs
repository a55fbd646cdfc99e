namespace Sim.Core.Scheduling;

/// <summary>
/// Something that reacts to a scheduled event. Protocol components implement this once and are
/// scheduled many times with different <see cref="SimEvent.Kind"/>, <see cref="SimEvent.Arg"/> and
/// <see cref="SimEvent.State"/>, so that scheduling allocates no closure per event.
/// </summary>
public interface IEventHandler
{
    void OnEvent(Scheduler scheduler, in SimEvent ev);

    /// <summary>
    /// The host (node index) whose process this handler is part of, or -1 for handlers that belong to no
    /// process (the network, fault injection, probes). A held host's events wait (<see cref="Scheduler.Hold"/>).
    /// </summary>
    int Host => -1;
}
