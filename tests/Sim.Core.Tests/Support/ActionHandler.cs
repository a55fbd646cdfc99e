using Sim.Core.Scheduling;

namespace Sim.Core.Tests.Support;

/// <summary>
/// A handler that runs a delegate. Test-only: the model itself avoids a closure per event, but a test
/// reads better with the reaction written where the event is scheduled.
/// </summary>
internal sealed class ActionHandler(Action<Scheduler, SimEvent> action) : IEventHandler
{
    public ActionHandler(Action action) : this((_, _) => action()) { }

    public void OnEvent(Scheduler scheduler, in SimEvent ev) => action(scheduler, ev);
}
