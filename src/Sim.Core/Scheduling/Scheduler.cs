using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// The simulation kernel: one virtual clock, one pending-event set, one total order of execution.
/// <para>
/// Events run in <c>(time, priority, insertion sequence)</c> order, so equal-time events with equal
/// priority run first-in first-out and a run is reproducible event for event. Every run is bounded by
/// a time limit and an event cap (<see cref="Run"/>); hitting the cap throws
/// <see cref="EventCapExceededException"/>. Executed events feed a <see cref="TrajectoryFingerprint"/>,
/// and, while <see cref="CheckInvariants"/> is on, every registered <see cref="IInvariant"/> is checked
/// after every event.
/// </para>
/// <para>Single-threaded by design: parallelism lives across runs, each run owning its scheduler.</para>
/// </summary>
public sealed class Scheduler
{
    private readonly EventQueue _queue = new();
    private readonly List<IInvariant> _invariants = [];
    private TrajectoryFingerprint _fingerprint;
    private SimTime _now;
    private long _executed;
    private bool _running;
    private int _lastKind;

    public Scheduler() { }

    /// <summary>The current virtual time.</summary>
    public SimTime Now => _now;

    /// <summary>The names of event kinds, for traces and fingerprints.</summary>
    public EventKinds Kinds { get; } = new();

    /// <summary>How many events have run.</summary>
    public long EventsExecuted => _executed;

    /// <summary>How many events are pending.</summary>
    public int Pending => _queue.Count;

    public TrajectoryFingerprint Fingerprint => _fingerprint;

    /// <summary>When true, every registered invariant is checked after every event.</summary>
    public bool CheckInvariants { get; set; }

    public void AddInvariant(IInvariant invariant) => _invariants.Add(invariant);

    public EventHandle Schedule(SimDuration delay, IEventHandler handler, int kind = 0, long arg = 0, object? state = null, int priority = 0)
    {
        if (delay.Nanoseconds < 0) throw new ArgumentOutOfRangeException(nameof(delay), $"cannot schedule {delay} into the past");
        return _queue.Enqueue((_now + delay).Nanoseconds, priority, handler, kind, arg, state, _running ? _executed : 0);
    }

    public EventHandle ScheduleAt(SimTime at, IEventHandler handler, int kind = 0, long arg = 0, object? state = null, int priority = 0)
    {
        if (at < _now) throw new ArgumentOutOfRangeException(nameof(at), $"cannot schedule at {at}, before now ({_now})");
        return _queue.Enqueue(at.Nanoseconds, priority, handler, kind, arg, state, _running ? _executed : 0);
    }

    /// <summary>Cancels a pending event. Cancelling one that already ran, or <see cref="EventHandle.None"/>, does nothing and returns false.</summary>
    public bool Cancel(EventHandle handle) => _queue.Cancel(handle);

    public bool IsPending(EventHandle handle) => _queue.IsPending(handle);

    /// <summary>
    /// Runs events in order until the next one would be later than <paramref name="until"/>, or none
    /// is left; the clock then stands at <paramref name="until"/> (or at the last event when the queue
    /// ran dry and <paramref name="until"/> is <see cref="SimTime.MaxValue"/>).
    /// </summary>
    /// <param name="until">The time limit; events at exactly this time still run.</param>
    /// <param name="maxEvents">The cap on events executed by this scheduler over its life.</param>
    /// <returns>The number of events executed by this call.</returns>
    public long Run(SimTime until, long maxEvents)
    {
        if (_running) throw new InvalidOperationException("the scheduler is already running");
        _running = true;
        long start = _executed;
        try
        {
            long limit = until.Nanoseconds;
            bool check = CheckInvariants && _invariants.Count > 0;
            if (check) _history ??= new Executed[HistorySize];
            int lastKind = _lastKind;
            while (_queue.Count > 0 && _queue.PeekTime() <= limit)
            {
                if (_executed >= maxEvents)
                {
                    throw new EventCapExceededException(maxEvents, _now, Kinds.NameOf(lastKind));
                }
                _queue.Dequeue(out long time, out var handler, out int kind, out long arg, out var state, out var handle, out long cause);
                _now = new SimTime(time);
                _fingerprint.Add(_now, kind);
                _executed++;
                if (check) _history![_executed & (HistorySize - 1)] = new Executed(_executed, time, kind, cause, handler.GetType(), state?.GetType());
                lastKind = kind;
                _lastKind = kind;
                handler.OnEvent(this, new SimEvent(_now, kind, arg, state, handle));
                if (check) RunInvariants(kind);
            }
            if (until != SimTime.MaxValue && _now < until) _now = until;
            return _executed - start;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Runs for <paramref name="span"/> of virtual time from now.</summary>
    public long RunFor(SimDuration span, long maxEvents) => Run(_now + span, maxEvents);

    private void RunInvariants(int kind)
    {
        foreach (var inv in _invariants)
        {
            var problem = inv.Check(this);
            if (problem is not null)
            {
                throw new InvariantViolationException(inv.Name, problem, _now, Kinds.NameOf(kind), _executed) { Chain = CausalChain(_executed) };
            }
        }
    }

    // While invariants are checked, the last HistorySize events are remembered with the event that
    // scheduled each, so a violation can be reported with the chain of events that led to it. Runs that
    // check nothing never allocate it.
    private const int HistorySize = 4096;
    private Executed[]? _history;

    private readonly record struct Executed(long Number, long Time, int Kind, long Cause, Type Handler, Type? State);

    /// <summary>
    /// The chain of events that led to event <paramref name="number"/>, oldest first: each scheduled the
    /// next. It reaches back as far as the remembered history does.
    /// </summary>
    public IReadOnlyList<string> CausalChain(long number, int maxLinks = 16)
    {
        var chain = new List<string>();
        long n = number;
        while (_history is not null && n > 0 && chain.Count < maxLinks)
        {
            var e = _history[n & (HistorySize - 1)];
            if (e.Number != n) break;
            string what = e.State is null ? e.Handler.Name : $"{e.Handler.Name}, {e.State.Name}";
            chain.Add($"event #{e.Number} at {new SimTime(e.Time)}: {Kinds.NameOf(e.Kind)} ({what})");
            n = e.Cause;
        }
        chain.Reverse();
        return chain;
    }
}
