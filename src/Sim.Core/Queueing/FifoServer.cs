using Sim.Core.Metrics;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Core.Queueing;

/// <summary>
/// A first-come first-served station with <c>c</c> identical servers and an unbounded queue: the
/// building block for anything that makes a busy component slower, such as a broker's network and
/// request-handler thread pools. The caller supplies each job's service time, so the service
/// distribution (per request, per byte) stays the caller's concern.
/// <para>
/// Jobs wait in a ring buffer of structs and, once started, sit in a per-server slot whose index is
/// the completion event's argument, so a job costs no allocation. It keeps the time-average number waiting and
/// in the system, and the mean wait, for checks against queueing theory.
/// </para>
/// </summary>
public sealed class FifoServer : IEventHandler
{
    private struct Job
    {
        public SimDuration Service;
        public SimTime Arrived;
        public SimDuration Waited;
        public IServiceCompletion? Client;
        public object? State;
        public long Tag;
    }

    private readonly Scheduler _scheduler;
    private readonly int _completionKind;
    private Job[] _waiting = new Job[64];
    private readonly Job[] _inService;
    private readonly Stack<int> _idleServers = new();
    private int _head;
    private int _count;
    private int _busy;
    private TimeWeightedStatistic _queueLength;
    private TimeWeightedStatistic _inSystem;
    private RunningStatistics _wait;

    public FifoServer(Scheduler scheduler, string name, int servers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        _scheduler = scheduler;
        Name = name;
        Servers = servers;
        _completionKind = scheduler.Kinds.Register("server-done:" + name);
        _inService = new Job[servers];
        for (int i = servers - 1; i >= 0; i--) _idleServers.Push(i);
        _queueLength.Reset(scheduler.Now);
        _inSystem.Reset(scheduler.Now);
    }

    public string Name { get; }

    /// <summary>The node whose process this station is part of (-1: none); a pause of the node holds its completions.</summary>
    public int Host { get; init; } = -1;
    public int Servers { get; }
    public int Waiting => _count;
    public int Busy => _busy;
    public long Served { get; private set; }

    /// <summary>Service time of every job started so far, in nanoseconds: busy server time, for utilisation.</summary>
    public long WorkStartedNanoseconds { get; private set; }

    /// <summary>Waits before service, recorded when each job's service begins (since the last reset).</summary>
    public RunningStatistics WaitStatistics => _wait;

    public double MeanQueueLength => _queueLength.AverageUntil(_scheduler.Now);
    public double MeanInSystem => _inSystem.AverageUntil(_scheduler.Now);

    /// <summary>Discards statistics gathered so far, as at the end of a warm-up.</summary>
    public void ResetStatistics()
    {
        _queueLength.Reset(_scheduler.Now);
        _inSystem.Reset(_scheduler.Now);
        _wait = default;
    }

    /// <summary>A job arrives now and needs <paramref name="service"/> of a server's time.</summary>
    public void Submit(SimDuration service, IServiceCompletion? client, long tag = 0, object? state = null)
    {
        var job = new Job { Service = service, Arrived = _scheduler.Now, Client = client, State = state, Tag = tag };
        _inSystem.Set(_scheduler.Now, _busy + _count + 1);
        if (_busy < Servers)
        {
            _busy++;
            Start(job);
            return;
        }
        if (_count == _waiting.Length) Grow();
        _waiting[(_head + _count) % _waiting.Length] = job;
        _count++;
        _queueLength.Set(_scheduler.Now, _count);
    }

    private void Start(in Job job)
    {
        var waited = _scheduler.Now - job.Arrived;
        _wait.Add(waited.Nanoseconds);
        WorkStartedNanoseconds += job.Service.Nanoseconds;
        int server = _idleServers.Pop();
        _inService[server] = job;
        _inService[server].Waited = waited;
        _scheduler.Schedule(job.Service, this, _completionKind, server);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        Served++;
        int server = (int)ev.Arg;
        var done = _inService[server];
        _inService[server] = default;
        _idleServers.Push(server);
        if (_count > 0)
        {
            var next = _waiting[_head];
            _waiting[_head] = default;
            _head = (_head + 1) % _waiting.Length;
            _count--;
            _queueLength.Set(scheduler.Now, _count);
            Start(next);
        }
        else
        {
            _busy--;
        }
        _inSystem.Set(scheduler.Now, _busy + _count);
        done.Client?.OnServed(done.Tag, done.State, done.Waited);
    }

    private void Grow()
    {
        var bigger = new Job[_waiting.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _waiting[(_head + i) % _waiting.Length];
        _waiting = bigger;
        _head = 0;
    }
}
