using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// The monitor that checks every added <see cref="IInvariant"/> after every event, in the order they
/// were added, and stops the run with an <see cref="InvariantViolationException"/> at the first one
/// that fails.
/// <para>
/// It remembers the last <see cref="HistorySize"/> events with the event that scheduled each, so a
/// violation is reported with the chain of events that led to it (<see cref="CausalChain"/>). The
/// history is a fixed ring allocated with the monitor, so checking allocates nothing per event, and a
/// run without this monitor never allocates it.
/// </para>
/// </summary>
public sealed class InvariantMonitor : IEventMonitor
{
    /// <summary>How many of the latest events are remembered for causal chains; a power of two.</summary>
    public const int HistorySize = 4096;

    private readonly List<IInvariant> _invariants = [];
    private readonly Executed[] _history = new Executed[HistorySize];

    private readonly record struct Executed(long Number, long Time, int Kind, long Cause, Type Handler, Type? State);

    private readonly EventKinds _kinds;

    /// <summary>A monitor for <paramref name="scheduler"/>, naming event kinds from its registry; set it as the scheduler's <see cref="Scheduler.Monitor"/> to use it.</summary>
    public InvariantMonitor(Scheduler scheduler) => _kinds = scheduler.Kinds;

    /// <summary>The invariants checked, in the order they were added.</summary>
    public IReadOnlyList<IInvariant> Invariants => _invariants;

    public void Add(IInvariant invariant) => _invariants.Add(invariant);

    public void AfterEvent(Scheduler scheduler, in ExecutedEvent executed)
    {
        _history[executed.Number & (HistorySize - 1)] = new Executed(executed.Number, executed.At.Nanoseconds, executed.Kind,
            executed.Cause, executed.Handler.GetType(), executed.State?.GetType());
        foreach (var invariant in _invariants)
        {
            var problem = invariant.Check(scheduler);
            if (problem is not null)
            {
                throw new InvariantViolationException(invariant.Name, problem, executed.At, _kinds.NameOf(executed.Kind), executed.Number)
                {
                    Chain = CausalChain(executed.Number),
                };
            }
        }
    }

    /// <summary>
    /// The chain of events that led to event <paramref name="number"/>, oldest first: each scheduled the
    /// next. It reaches back as far as the remembered history does.
    /// </summary>
    public IReadOnlyList<string> CausalChain(long number, int maxLinks = 16)
    {
        var chain = new List<string>();
        long n = number;
        while (n > 0 && chain.Count < maxLinks)
        {
            var e = _history[n & (HistorySize - 1)];
            if (e.Number != n) break;
            string what = e.State is null ? e.Handler.Name : $"{e.Handler.Name}, {e.State.Name}";
            chain.Add($"event #{e.Number} at {new SimTime(e.Time)}: {_kinds.NameOf(e.Kind)} ({what})");
            n = e.Cause;
        }
        chain.Reverse();
        return chain;
    }
}
