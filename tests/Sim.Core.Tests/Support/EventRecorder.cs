using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Core.Tests.Support;

/// <summary>
/// A handler that records every event it receives, as (time, arg), in execution order, so ordering
/// tests can compare what ran against what they expected.
/// </summary>
internal sealed class EventRecorder : IEventHandler
{
    public List<(SimTime Time, long Arg)> Events { get; } = [];

    public IEnumerable<long> Args => Events.Select(e => e.Arg);

    public void OnEvent(Scheduler scheduler, in SimEvent ev) => Events.Add((ev.Time, ev.Arg));
}
