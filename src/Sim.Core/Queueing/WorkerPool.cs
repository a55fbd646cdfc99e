using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Core.Queueing;

/// <summary>
/// A pool of threads whose work runs on a shared set of cores: a thread pool is a concurrency limit
/// (a job first waits for a free thread), and the CPU time the job needs then queues for a core of
/// <see cref="Cores"/>, a <see cref="FifoServer"/> that every pool of the machine shares. After its CPU
/// time a job may keep its thread blocked for a further hold (a write stalled in the kernel), during
/// which it uses no core. This is how a Kafka broker's network threads (<c>num.network.threads</c>) and
/// request handler threads (<c>num.io.threads</c>) share the machine's cores.
/// <para>
/// Jobs waiting for a thread sit in a ring buffer of structs and running jobs in a per-thread slot whose
/// index is the tag handed to the cores, so a job allocates nothing.
/// </para>
/// </summary>
public sealed class WorkerPool : IServiceCompletion, IEventHandler
{
    private struct Job
    {
        public SimDuration Cpu;
        public SimDuration Hold;
        public SimTime Arrived;
        public IServiceCompletion? Client;
        public object? State;
        public long Tag;
    }

    private readonly Scheduler _scheduler;
    private readonly Job[] _running;
    private readonly Stack<int> _idle = new();
    private readonly int _holdKind;
    private Job[] _waiting = new Job[64];
    private int _head, _count;

    /// <param name="holdKind">The event kind for the end of a hold, registered once per machine by the caller.</param>
    public WorkerPool(Scheduler scheduler, string name, int threads, FifoServer cores, int holdKind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _scheduler = scheduler;
        Name = name;
        Threads = threads;
        Cores = cores;
        _holdKind = holdKind;
        _running = new Job[threads];
        for (int i = threads - 1; i >= 0; i--) _idle.Push(i);
    }

    /// <summary>The node whose process the threads belong to (the host of its cores); a pause of the node holds their holds.</summary>
    public int Host => Cores.Host;

    public string Name { get; }
    public int Threads { get; }
    public FifoServer Cores { get; }

    /// <summary>Jobs waiting for a thread.</summary>
    public int Waiting => _count;

    /// <summary>Threads running or holding a job.</summary>
    public int Busy => Threads - _idle.Count;

    public long Served { get; private set; }

    /// <summary>A job arrives now: it needs a thread, then <paramref name="cpu"/> of a core, then holds its thread for <paramref name="hold"/>.</summary>
    public void Submit(SimDuration cpu, SimDuration hold, IServiceCompletion? client, long tag = 0, object? state = null)
    {
        var job = new Job { Cpu = cpu, Hold = hold, Arrived = _scheduler.Now, Client = client, State = state, Tag = tag };
        if (_idle.Count > 0)
        {
            Start(job);
            return;
        }
        if (_count == _waiting.Length) Grow();
        _waiting[(_head + _count) % _waiting.Length] = job;
        _count++;
    }

    private void Start(in Job job)
    {
        int thread = _idle.Pop();
        _running[thread] = job;
        Cores.Submit(job.Cpu, this, thread, job.State);
    }

    void IServiceCompletion.OnServed(long tag, object? state, SimDuration waited)
    {
        int thread = (int)tag;
        if (_running[thread].Hold > SimDuration.Zero)
        {
            _scheduler.Schedule(_running[thread].Hold, this, _holdKind, thread);
            return;
        }
        Finish(thread);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev) => Finish((int)ev.Arg);

    private void Finish(int thread)
    {
        Served++;
        var done = _running[thread];
        _running[thread] = default;
        _idle.Push(thread);
        if (_count > 0)
        {
            var next = _waiting[_head];
            _waiting[_head] = default;
            _head = (_head + 1) % _waiting.Length;
            _count--;
            Start(next);
        }
        done.Client?.OnServed(done.Tag, done.State, _scheduler.Now - done.Arrived - done.Cpu - done.Hold);
    }

    private void Grow()
    {
        var bigger = new Job[_waiting.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _waiting[(_head + i) % _waiting.Length];
        _waiting = bigger;
        _head = 0;
    }
}
