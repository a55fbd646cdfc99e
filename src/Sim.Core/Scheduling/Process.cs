using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// A coroutine on the virtual clock, written as a C# iterator that yields <see cref="Wait"/> values:
/// <code>
/// IEnumerable&lt;Wait&gt; Client(Process p) {
///     while (true) {
///         Send(request);
///         yield return Wait.On(responseArrived, requestTimeout);
///         if (p.TimedOut) Retry(); else Handle();
///     }
/// }
/// </code>
/// <para>
/// Why iterators: the compiler turns the body into one state-machine object, allocated when the
/// process starts; every later wait is a struct yielded through <c>IEnumerator&lt;Wait&gt;.Current</c>
/// and a reschedule of the same process object, so waiting allocates nothing. async/await would need
/// pooled awaitables and a custom synchronisation context to stay deterministic and allocation-free;
/// plain handlers (<see cref="IEventHandler"/>) stay the primitive for reactive components such as
/// brokers, and processes suit sequential actors such as clients and workload generators.
/// </para>
/// </summary>
public sealed class Process : IEventHandler
{
    private readonly Scheduler _scheduler;
    private readonly int _kind;
    private IEnumerator<Wait>? _body;
    private Signal? _waitingOn;
    private EventHandle _pending;

    private Process(Scheduler scheduler, int kind, string name)
    {
        _scheduler = scheduler;
        _kind = kind;
        Name = name;
    }

    public string Name { get; }

    /// <summary>True when the last <see cref="Wait.On(Signal, SimDuration)"/> ended by its timeout.</summary>
    public bool TimedOut { get; private set; }

    public bool IsFinished => _body is null;

    public SimTime Now => _scheduler.Now;

    /// <summary>Starts a process whose first step runs at the current time, after already scheduled events at that time.</summary>
    public static Process Start(Scheduler scheduler, string name, Func<Process, IEnumerable<Wait>> body)
    {
        var p = new Process(scheduler, scheduler.Kinds.Register("process:" + name), name);
        p._body = body(p).GetEnumerator();
        p._pending = scheduler.Schedule(SimDuration.Zero, p, p._kind);
        return p;
    }

    /// <summary>Stops the process: cancels its pending wake-up and disposes the iterator.</summary>
    public void Kill()
    {
        _scheduler.Cancel(_pending);
        _waitingOn?.Remove(this);
        _waitingOn = null;
        _body?.Dispose();
        _body = null;
    }

    internal void WakeFromSignal()
    {
        _waitingOn = null;
        _scheduler.Cancel(_pending);
        _pending = _scheduler.Schedule(SimDuration.Zero, this, _kind);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        // Still registered with a signal means the timeout fired first.
        TimedOut = _waitingOn is not null;
        if (_waitingOn is not null)
        {
            _waitingOn.Remove(this);
            _waitingOn = null;
        }
        _pending = EventHandle.None;
        Step();
    }

    private void Step()
    {
        var body = _body;
        if (body is null) return;
        if (!body.MoveNext())
        {
            body.Dispose();
            _body = null;
            return;
        }
        // The body may have killed its own process during this step; the kill wins over the yielded wait.
        if (!ReferenceEquals(_body, body)) return;
        var w = body.Current;
        switch (w.Kind)
        {
            case Wait.WaitKind.Delay:
                _pending = _scheduler.Schedule(w.Delay, this, _kind);
                break;
            case Wait.WaitKind.Signal:
                _waitingOn = w.Signal;
                w.Signal!.Add(this);
                break;
            case Wait.WaitKind.SignalWithTimeout:
                _waitingOn = w.Signal;
                w.Signal!.Add(this);
                _pending = _scheduler.Schedule(w.Delay, this, _kind);
                break;
        }
    }
}
