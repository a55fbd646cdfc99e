namespace Sim.Core.Scheduling;

/// <summary>
/// Something that reacts to a scheduled event. Protocol components implement this once and are
/// scheduled many times with different <see cref="SimEvent.Kind"/>, <see cref="SimEvent.Arg"/> and
/// <see cref="SimEvent.State"/>, so that scheduling allocates no closure per event.
/// </summary>
public interface IEventHandler
{
    void OnEvent(Scheduler scheduler, in SimEvent ev);
}
