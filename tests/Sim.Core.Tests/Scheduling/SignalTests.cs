using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class SignalTests
{
    private static SimTime Sec(long s) => SimTime.Zero + SimDuration.FromSeconds(s);
    private static SimDuration Secs(long s) => SimDuration.FromSeconds(s);

    /// <summary>Records (name, time, timed out) each time a waiter resumes.</summary>
    private sealed class Log
    {
        public List<(string Name, SimTime At, bool TimedOut)> Resumes { get; } = [];
    }

    private static IEnumerable<Wait> WaitOnce(Process p, Signal signal, Log log)
    {
        yield return Wait.On(signal);
        log.Resumes.Add((p.Name, p.Now, p.TimedOut));
    }

    private static IEnumerable<Wait> WaitOnceWithTimeout(Process p, Signal signal, SimDuration timeout, Log log)
    {
        yield return Wait.On(signal, timeout);
        log.Resumes.Add((p.Name, p.Now, p.TimedOut));
    }

    /// <summary>Waits on the signal with a timeout, then sleeps, logging both resumes.</summary>
    private static IEnumerable<Wait> WaitWithTimeoutThenSleep(Process p, Signal signal, SimDuration timeout, SimDuration sleep, Log log)
    {
        yield return Wait.On(signal, timeout);
        log.Resumes.Add((p.Name, p.Now, p.TimedOut));
        yield return Wait.For(sleep);
        log.Resumes.Add((p.Name, p.Now, p.TimedOut));
    }

    private static void At(Scheduler sim, SimTime t, Action action) => sim.ScheduleAt(t, new ActionHandler(action));

    [Fact]
    public void NotifyAll_SeveralWaiters_AllResumeNowInWaitingOrder()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        foreach (var name in new[] { "c", "a", "b" }) Process.Start(sim, name, p => WaitOnce(p, signal, log));
        At(sim, Sec(5), signal.NotifyAll);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(["c", "a", "b"], log.Resumes.Select(r => r.Name));
        Assert.All(log.Resumes, r => Assert.Equal(Sec(5), r.At));
        Assert.Equal(0, signal.WaiterCount);
    }

    [Fact]
    public void NotifyAll_InsideHandler_WaitersResumeAfterNotifierNotReentrantly()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        Process.Start(sim, "w", p => WaitOnce(p, signal, log));
        int resumedBeforeNotifierReturned = -1;
        At(sim, Sec(1), () =>
        {
            signal.NotifyAll();
            resumedBeforeNotifierReturned = log.Resumes.Count;
        });

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(0, resumedBeforeNotifierReturned);
        Assert.Single(log.Resumes);
    }

    [Fact]
    public void NotifyOne_SeveralWaiters_WakesLongestWaitingFirst()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        foreach (var name in new[] { "first", "second", "third" }) Process.Start(sim, name, p => WaitOnce(p, signal, log));
        At(sim, Sec(1), () => signal.NotifyOne());
        At(sim, Sec(2), () => signal.NotifyOne());

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([("first", Sec(1)), ("second", Sec(2))], log.Resumes.Select(r => (r.Name, r.At)));
        Assert.Equal(1, signal.WaiterCount);
    }

    [Fact]
    public void NotifyOne_NoWaiters_ReturnsFalse()
    {
        Assert.False(new Signal().NotifyOne());
    }

    [Fact]
    public void NotifyOne_WithWaiter_ReturnsTrue()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        Process.Start(sim, "w", p => WaitOnce(p, signal, new Log()));
        sim.Run(Sec(1), maxEvents: 10);

        Assert.True(signal.NotifyOne());
    }

    [Fact]
    public void NotifyAll_BeforeAnyoneWaits_IsNotRemembered()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        signal.NotifyAll();
        Process.Start(sim, "w", p => WaitOnce(p, signal, log));

        sim.Run(Sec(10), maxEvents: 100);

        Assert.Empty(log.Resumes);
        Assert.Equal(1, signal.WaiterCount);
    }

    [Fact]
    public void WaitOnWithTimeout_NoNotify_ResumesAtTimeoutWithTimedOutTrue()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        Process.Start(sim, "w", p => WaitOnceWithTimeout(p, signal, Secs(2), log));

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([("w", Sec(2), true)], log.Resumes);
        Assert.Equal(0, signal.WaiterCount);
    }

    [Fact]
    public void WaitOnWithTimeout_NotifiedFirst_ResumesAtNotifyWithTimedOutFalse()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        Process.Start(sim, "w", p => WaitOnceWithTimeout(p, signal, Secs(2), log));
        At(sim, Sec(1), signal.NotifyAll);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([("w", Sec(1), false)], log.Resumes);
    }

    [Fact]
    public void WaitOnWithTimeout_NotifiedFirst_TimeoutNeverFiresLater()
    {
        // Notified at 1 s with a 2 s timeout, then sleeping 10 s: a leaked timeout would resume it at 2 s.
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        Process.Start(sim, "w", p => WaitWithTimeoutThenSleep(p, signal, Secs(2), Secs(10), log));
        At(sim, Sec(1), signal.NotifyAll);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([("w", Sec(1), false), ("w", Sec(11), false)], log.Resumes);
    }

    [Fact]
    public void WaitOnWithTimeout_TimedOut_LaterNotifyDoesNotResumeIt()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        Process.Start(sim, "w", p => WaitWithTimeoutThenSleep(p, signal, Secs(1), Secs(10), log));
        At(sim, Sec(2), signal.NotifyAll);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([("w", Sec(1), true), ("w", Sec(11), false)], log.Resumes);
    }

    [Fact]
    public void WaitOnWithTimeout_NotifyOneAfterOneWaiterTimedOut_WakesTheRemainingWaiter()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        var log = new Log();
        Process.Start(sim, "short", p => WaitOnceWithTimeout(p, signal, Secs(1), log));
        Process.Start(sim, "long", p => WaitOnceWithTimeout(p, signal, Secs(100), log));
        At(sim, Sec(2), () => signal.NotifyOne());

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([("short", Sec(1), true), ("long", Sec(2), false)], log.Resumes);
    }
}
