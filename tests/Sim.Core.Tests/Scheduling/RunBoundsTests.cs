using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class RunBoundsTests
{
    private static SimTime Ms(long ms) => SimTime.Zero + SimDuration.FromMilliseconds(ms);

    private static (Scheduler Sim, EventRecorder Rec) WithEventsAt(params long[] ms)
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        foreach (var t in ms) sim.ScheduleAt(Ms(t), rec, arg: t);
        return (sim, rec);
    }

    [Fact]
    public void Run_Until_RunsEventsAtExactlyUntil()
    {
        var (sim, rec) = WithEventsAt(5, 10, 10, 11);

        sim.Run(Ms(10), maxEvents: 100);

        Assert.Equal([5L, 10L, 10L], rec.Args);
    }

    [Fact]
    public void Run_Until_LeavesLaterEventsPending()
    {
        var (sim, rec) = WithEventsAt(5, 10, 11, 20);

        sim.Run(Ms(10), maxEvents: 100);

        Assert.Equal(2, sim.Pending);
        sim.Run(SimTime.MaxValue, maxEvents: 100);
        Assert.Equal([5L, 10L, 11L, 20L], rec.Args);
    }

    [Fact]
    public void Run_Until_ClockEndsAtUntilEvenWithoutAnEventThere()
    {
        var (sim, _) = WithEventsAt(5, 20);

        sim.Run(Ms(10), maxEvents: 100);

        Assert.Equal(Ms(10), sim.Now);
    }

    [Fact]
    public void Run_UntilWithEmptyQueue_AdvancesClockToUntil()
    {
        var sim = new Scheduler();

        sim.Run(Ms(10), maxEvents: 100);

        Assert.Equal(Ms(10), sim.Now);
    }

    [Fact]
    public void Run_UntilMaxValue_ClockStopsAtLastEvent()
    {
        var (sim, _) = WithEventsAt(5, 7);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(Ms(7), sim.Now);
    }

    [Fact]
    public void Run_TwoCalls_EachReturnsEventsItExecuted()
    {
        var (sim, _) = WithEventsAt(1, 2, 3, 4, 5);

        long first = sim.Run(Ms(2), maxEvents: 100);
        long second = sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(2, first);
        Assert.Equal(3, second);
        Assert.Equal(5, sim.EventsExecuted);
    }

    [Fact]
    public void RunFor_Span_RunsUntilNowPlusSpan()
    {
        var (sim, rec) = WithEventsAt(5, 15, 25);
        sim.Run(Ms(10), maxEvents: 100);

        sim.RunFor(SimDuration.FromMilliseconds(5), maxEvents: 100);

        Assert.Equal(Ms(15), sim.Now);
        Assert.Equal([5L, 15L], rec.Args);
    }

    [Fact]
    public void Run_MoreEventsThanCap_ThrowsEventCapExceeded()
    {
        var (sim, _) = WithEventsAt(1, 2, 3, 4, 5, 6);

        var ex = Assert.Throws<EventCapExceededException>(() => sim.Run(SimTime.MaxValue, maxEvents: 4));

        Assert.Contains("event cap", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.Cap);
        Assert.Equal(4, sim.EventsExecuted);
    }

    [Fact]
    public void Run_ExactlyCapEvents_DoesNotThrow()
    {
        var (sim, rec) = WithEventsAt(1, 2, 3, 4);

        sim.Run(SimTime.MaxValue, maxEvents: 4);

        Assert.Equal(4, rec.Events.Count);
    }

    [Fact]
    public void Run_CapCountsEventsOverSchedulerLife_SecondCallThrowsWhenTotalExceedsCap()
    {
        var (sim, _) = WithEventsAt(1, 2, 3, 4);
        sim.Run(Ms(2), maxEvents: 3);

        Assert.Throws<EventCapExceededException>(() => sim.Run(SimTime.MaxValue, maxEvents: 3));
    }

    [Fact]
    public void Run_RunawayLoop_StopsWithEventCapExceeded()
    {
        var sim = new Scheduler();
        ActionHandler? loop = null;
        loop = new ActionHandler((s, _) => s.Schedule(SimDuration.Zero, loop!));
        sim.Schedule(SimDuration.Zero, loop);

        var ex = Assert.Throws<EventCapExceededException>(() => sim.Run(SimTime.MaxValue, maxEvents: 1_000));

        Assert.Equal(SimTime.Zero, ex.At);
    }

    [Fact]
    public void Run_CalledFromInsideAHandler_Throws()
    {
        var sim = new Scheduler();
        sim.Schedule(SimDuration.Zero, new ActionHandler((s, _) => s.Run(SimTime.MaxValue, 10)));

        Assert.Throws<InvalidOperationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 10));
    }

    [Fact]
    public void Run_AfterHandlerThrew_CanRunAgain()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(1), new ActionHandler(() => throw new InvalidOperationException("boom")));
        sim.ScheduleAt(Ms(2), rec);
        Assert.Throws<InvalidOperationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 10));

        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Single(rec.Events);
    }

    [Fact]
    public void Schedule_HugeDelay_SaturatesAtMaxValueInsteadOfWrappingIntoThePast()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.Run(Ms(5), maxEvents: 10);
        var h = sim.Schedule(SimDuration.MaxValue, rec);

        sim.Run(Ms(1_000_000), maxEvents: 10);

        Assert.Empty(rec.Events);
        Assert.True(sim.IsPending(h));
    }
}
