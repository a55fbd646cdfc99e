using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// The simulation kernel: one virtual clock, one pending-event set, one total order of execution.
/// <para>
/// Events run in <c>(time, priority, insertion sequence)</c> order, so equal-time events with equal
/// priority run first-in first-out and a run is reproducible event for event. Every run is bounded by
/// a time limit and an event cap (<see cref="Run"/>); hitting the cap throws
/// <see cref="EventCapExceededException"/>. Executed events feed a <see cref="TrajectoryFingerprint"/>,
/// and, when a <see cref="Monitor"/> is set (invariant checking, <see cref="InvariantMonitor"/>), it
/// sees every event after its handler returns.
/// </para>
/// <para>Single-threaded by design: parallelism lives across runs, each run owning its scheduler.</para>
/// </summary>
public sealed class Scheduler
{
    private readonly EventQueue _queue = new();
    private TrajectoryFingerprint _fingerprint;
    private SimTime _now;
    private long _executed;
    private bool _running;
    private long _limit;
    private int _lastKind;

    // Hosts whose events are held, each with its parked events in the order they came due.
    private readonly Dictionary<int, List<(EventHandle Handle, long Due)>> _held = [];

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

    /// <summary>
    /// Called after every event when set; null (the default) for runs that check nothing. Read when
    /// <see cref="Run"/> starts, so setting it from inside a handler takes effect at the next run.
    /// </summary>
    public IEventMonitor? Monitor { get; set; }

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

    /// <summary>
    /// Exactly <see cref="Cancel"/> of <paramref name="handle"/> (if pending) followed by <see cref="ScheduleAt"/>, in one
    /// move within the pending-event set: the same order of events and the same handles, at about half the cost.
    /// </summary>
    public EventHandle RescheduleAt(EventHandle handle, SimTime at, IEventHandler handler, int kind = 0, long arg = 0, object? state = null, int priority = 0)
    {
        if (at < _now) throw new ArgumentOutOfRangeException(nameof(at), $"cannot schedule at {at}, before now ({_now})");
        return _queue.Replace(handle, at.Nanoseconds, priority, handler, kind, arg, state, _running ? _executed : 0);
    }

    /// <summary>
    /// Ends the current <see cref="Run"/> at <paramref name="at"/> instead of its limit, when that is earlier: events later than
    /// it stay pending (a hybrid run whose detail window closed early ends sooner).
    /// </summary>
    public void StopAt(SimTime at)
    {
        if (_running && at.Nanoseconds < _limit) _limit = at.Nanoseconds;
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
            _limit = until.Nanoseconds;
            var monitor = Monitor;
            int lastKind = _lastKind;
            while (_queue.Count > 0 && _queue.PeekTime() <= _limit && _queue.PeekTime() != EventQueue.ParkedTime)
            {
                if (_held.Count > 0 && ParkIfHeld()) continue;
                if (_executed >= maxEvents)
                {
                    throw new EventCapExceededException(maxEvents, _now, Kinds.NameOf(lastKind));
                }
                _queue.Dequeue(out long time, out var handler, out int kind, out long arg, out var state, out var handle, out long cause);
                _now = new SimTime(time);
                _fingerprint.Add(_now, kind);
                _executed++;
                lastKind = kind;
                _lastKind = kind;
                handler.OnEvent(this, new SimEvent(_now, kind, arg, state, handle));
                monitor?.AfterEvent(this, new ExecutedEvent(_executed, cause, _now, kind, handler, state));
            }
            if (_limit < until.Nanoseconds) until = new SimTime(_limit);
            if (until != SimTime.MaxValue && _now < until) _now = until;
            return _executed - start;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>
    /// Holds a host's events (a paused process, SIGSTOP or a long GC pause): from now until
    /// <see cref="Release"/>, each event whose handler's <see cref="IEventHandler.Host"/> is
    /// <paramref name="host"/> waits instead of running, keeping its handle, so the process's timers do
    /// not fire while every other host's do. Holding a held host does nothing.
    /// </summary>
    public void Hold(int host) => _held.TryAdd(host, []);

    public bool IsHeld(int host) => _held.ContainsKey(host);

    /// <summary>
    /// Ends a hold: every event that came due meanwhile, and was not cancelled, runs now, in the order it
    /// would have run (a resumed process finds all its overdue timers expired at once).
    /// </summary>
    public void Release(int host)
    {
        if (!_held.Remove(host, out var parked)) return;
        // An event parked while a run raced ahead of the clock (a run to the end with nothing else to do)
        // is still due at its own time, never earlier.
        foreach (var (handle, due) in parked) _queue.Retime(handle, Math.Max(due, _now.Nanoseconds));
    }

    private bool ParkIfHeld()
    {
        int host = _queue.PeekHandler().Host;
        if (host < 0 || !_held.TryGetValue(host, out var parked)) return false;
        long due = _queue.PeekTime();
        parked.Add((_queue.ParkTop(), due));
        return true;
    }

    /// <summary>Runs for <paramref name="span"/> of virtual time from now.</summary>
    public long RunFor(SimDuration span, long maxEvents) => Run(_now + span, maxEvents);
}
