using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class ProcessTests
{
    private static SimTime Sec(long s) => SimTime.Zero + SimDuration.FromSeconds(s);
    private static SimDuration Secs(long s) => SimDuration.FromSeconds(s);

    [Fact]
    public void Start_FirstStep_RunsAtCurrentTime()
    {
        var sim = new Scheduler();
        sim.Run(Sec(3), maxEvents: 10);
        var steps = new List<SimTime>();

        Process.Start(sim, "p", p => Body(p, steps));
        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Equal([Sec(3)], steps);

        static IEnumerable<Wait> Body(Process p, List<SimTime> steps)
        {
            steps.Add(p.Now);
            yield break;
        }
    }

    [Fact]
    public void Start_WithEventsAlreadyQueuedNow_FirstStepRunsAfterThem()
    {
        var sim = new Scheduler();
        var order = new List<string>();
        sim.Schedule(SimDuration.Zero, new ActionHandler(() => order.Add("event")));

        Process.Start(sim, "p", p => Body(order));
        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Equal(["event", "process"], order);

        static IEnumerable<Wait> Body(List<string> order)
        {
            order.Add("process");
            yield break;
        }
    }

    [Fact]
    public void WaitFor_Delays_ResumeAtCumulativeTimes()
    {
        var sim = new Scheduler();
        var steps = new List<SimTime>();

        Process.Start(sim, "p", p => Body(p, steps));
        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([Sec(0), Sec(1), Sec(3), Sec(3)], steps);

        static IEnumerable<Wait> Body(Process p, List<SimTime> steps)
        {
            steps.Add(p.Now);
            yield return Wait.For(Secs(1));
            steps.Add(p.Now);
            yield return Wait.For(Secs(2));
            steps.Add(p.Now);
            yield return Wait.For(SimDuration.Zero);
            steps.Add(p.Now);
        }
    }

    [Fact]
    public void WaitFor_NegativeDelay_Throws()
    {
        var sim = new Scheduler();
        Process.Start(sim, "p", _ => Body());

        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(SimTime.MaxValue, maxEvents: 10));

        static IEnumerable<Wait> Body()
        {
            yield return Wait.For(SimDuration.FromSeconds(-1));
        }
    }

    [Fact]
    public void IsFinished_AfterBodyEnds_IsTrueAndNothingPending()
    {
        var sim = new Scheduler();
        var p = Process.Start(sim, "p", _ => Body());
        Assert.False(p.IsFinished);

        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.True(p.IsFinished);
        Assert.Equal(0, sim.Pending);

        static IEnumerable<Wait> Body()
        {
            yield return Wait.For(SimDuration.FromSeconds(1));
        }
    }

    [Fact]
    public void Kill_WhileDelayed_BodyNeverResumesAndWakeUpIsCancelled()
    {
        var sim = new Scheduler();
        int ticks = 0;
        var p = Process.Start(sim, "ticker", _ => Ticker(() => ticks++));
        sim.Run(SimTime.Zero + SimDuration.FromMilliseconds(2_500), maxEvents: 100);
        Assert.Equal(3, ticks); // at 0, 1 and 2 seconds

        p.Kill();
        sim.Run(Sec(10), maxEvents: 100);

        Assert.Equal(3, ticks);
        Assert.True(p.IsFinished);
        Assert.Equal(0, sim.Pending);
    }

    [Fact]
    public void Kill_BeforeFirstStep_BodyNeverRuns()
    {
        var sim = new Scheduler();
        int ticks = 0;
        var p = Process.Start(sim, "ticker", _ => Ticker(() => ticks++));

        p.Kill();
        sim.Run(Sec(10), maxEvents: 100);

        Assert.Equal(0, ticks);
    }

    [Fact]
    public void Kill_FromAnotherHandler_RunsBodyFinallyBlock()
    {
        var sim = new Scheduler();
        bool cleanedUp = false;
        var p = Process.Start(sim, "p", _ => Body(() => cleanedUp = true));
        sim.Schedule(Secs(1), new ActionHandler(() => p.Kill()));

        sim.Run(Sec(10), maxEvents: 100);

        Assert.True(cleanedUp);

        static IEnumerable<Wait> Body(Action cleanup)
        {
            try
            {
                yield return Wait.For(SimDuration.FromHours(1));
            }
            finally
            {
                cleanup();
            }
        }
    }

    [Fact]
    public void Kill_WhileWaitingOnSignal_RemovesWaiterAndNotifyDoesNotResume()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        bool resumed = false;
        var p = Process.Start(sim, "p", _ => WaitThen(signal, () => resumed = true));
        sim.Run(Sec(1), maxEvents: 10);
        Assert.Equal(1, signal.WaiterCount);

        p.Kill();
        signal.NotifyAll();
        sim.Run(Sec(2), maxEvents: 10);

        Assert.Equal(0, signal.WaiterCount);
        Assert.False(resumed);
    }

    [Fact]
    public void Kill_WhileWaitingOnSignalWithTimeout_TimeoutNeverFires()
    {
        var sim = new Scheduler();
        var signal = new Signal();
        bool resumed = false;
        var p = Process.Start(sim, "p", _ => WaitWithTimeoutThen(signal, Secs(5), () => resumed = true));
        sim.Run(Sec(1), maxEvents: 10);

        p.Kill();
        sim.Run(Sec(10), maxEvents: 10);

        Assert.False(resumed);
        Assert.Equal(0, sim.Pending);
    }

    [Fact]
    public void Kill_FromInsideOwnBodyThenYieldDelay_NothingLeftPending()
    {
        var sim = new Scheduler();
        Process.Start(sim, "p", SelfKillThenDelay);

        sim.Run(Sec(1), maxEvents: 10);

        Assert.Equal(0, sim.Pending);

        static IEnumerable<Wait> SelfKillThenDelay(Process p)
        {
            p.Kill();
            yield return Wait.For(SimDuration.FromSeconds(10));
        }
    }

    [Fact]
    public void Kill_FromInsideOwnBodyThenYieldSignal_NotifyOneStillWakesLiveWaiter()
    {
        // The killed process must not stay in the signal's queue and swallow the notification.
        var sim = new Scheduler();
        var signal = new Signal();
        bool liveResumed = false;
        Process.Start(sim, "dead", p => SelfKillThenWait(p, signal));
        Process.Start(sim, "live", _ => WaitThen(signal, () => liveResumed = true));
        sim.Run(Sec(1), maxEvents: 10);

        signal.NotifyOne();
        sim.Run(Sec(2), maxEvents: 10);

        Assert.True(liveResumed);

        static IEnumerable<Wait> SelfKillThenWait(Process p, Signal signal)
        {
            p.Kill();
            yield return Wait.On(signal);
        }
    }

    [Fact]
    public void Name_AfterStart_IsGivenName()
    {
        var p = Process.Start(new Scheduler(), "client-1", _ => Ticker(() => { }));

        Assert.Equal("client-1", p.Name);
    }

    private static IEnumerable<Wait> Ticker(Action tick)
    {
        while (true)
        {
            tick();
            yield return Wait.For(SimDuration.FromSeconds(1));
        }
    }

    private static IEnumerable<Wait> WaitThen(Signal signal, Action then)
    {
        yield return Wait.On(signal);
        then();
    }

    private static IEnumerable<Wait> WaitWithTimeoutThen(Signal signal, SimDuration timeout, Action then)
    {
        yield return Wait.On(signal, timeout);
        then();
    }
}
