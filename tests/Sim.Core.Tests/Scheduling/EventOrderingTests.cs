using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class EventOrderingTests
{
    private static SimTime Ms(long ms) => SimTime.Zero + SimDuration.FromMilliseconds(ms);

    [Fact]
    public void Run_EventsScheduledOutOfTimeOrder_RunInTimeOrder()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(30), rec, arg: 3);
        sim.ScheduleAt(Ms(10), rec, arg: 1);
        sim.ScheduleAt(Ms(20), rec, arg: 2);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([1L, 2L, 3L], rec.Args);
        Assert.Equal([Ms(10), Ms(20), Ms(30)], rec.Events.Select(e => e.Time));
    }

    [Fact]
    public void Run_EqualTimesAndPriorities_RunInInsertionOrder()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        for (long i = 0; i < 50; i++) sim.ScheduleAt(Ms(5), rec, arg: i);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), rec.Args);
    }

    [Fact]
    public void Run_EqualTimes_LowerPriorityValueRunsFirst()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(5), rec, arg: 10, priority: 10);
        sim.ScheduleAt(Ms(5), rec, arg: 0, priority: 0);
        sim.ScheduleAt(Ms(5), rec, arg: -5, priority: -5);
        sim.ScheduleAt(Ms(5), rec, arg: 127, priority: 127);
        sim.ScheduleAt(Ms(5), rec, arg: -128, priority: -128);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([-128L, -5L, 0L, 10L, 127L], rec.Args);
    }

    [Fact]
    public void Run_EqualTimesMixedPriorities_TiesWithinAPriorityStayFifo()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(1), rec, arg: 21, priority: 2);
        sim.ScheduleAt(Ms(1), rec, arg: 11, priority: 1);
        sim.ScheduleAt(Ms(1), rec, arg: 22, priority: 2);
        sim.ScheduleAt(Ms(1), rec, arg: 12, priority: 1);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([11L, 12L, 21L, 22L], rec.Args);
    }

    [Fact]
    public void Run_EarlierTimeWithHighPriorityValue_StillRunsBeforeLaterTime()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(2), rec, arg: 2, priority: -128);
        sim.ScheduleAt(Ms(1), rec, arg: 1, priority: 127);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([1L, 2L], rec.Args);
    }

    [Fact]
    public void Schedule_FromHandlerAtSameTime_RunsAfterEventsAlreadyQueuedAtThatTime()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(1), new ActionHandler((s, _) => s.Schedule(SimDuration.Zero, rec, arg: 99)));
        sim.ScheduleAt(Ms(1), rec, arg: 1);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([1L, 99L], rec.Args);
    }

    [Fact]
    public void Schedule_WithDelay_FiresAtNowPlusDelay()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(7), new ActionHandler((s, _) => s.Schedule(SimDuration.FromMilliseconds(5), rec)));

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(Ms(12), Assert.Single(rec.Events).Time);
    }

    [Fact]
    public void Run_Handler_SeesEventTimeKindArgAndState()
    {
        var sim = new Scheduler();
        int kind = sim.Kinds.Register("ping");
        var state = new object();
        SimEvent seen = default;
        sim.ScheduleAt(Ms(3), new ActionHandler((_, ev) => seen = ev), kind, arg: 42, state: state);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(Ms(3), seen.Time);
        Assert.Equal(kind, seen.Kind);
        Assert.Equal(42, seen.Arg);
        Assert.Same(state, seen.State);
    }

    [Fact]
    public void Schedule_NegativeDelay_Throws()
    {
        var sim = new Scheduler();

        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimDuration.FromNanoseconds(-1), new EventRecorder()));
    }

    [Fact]
    public void ScheduleAt_BeforeNow_Throws()
    {
        var sim = new Scheduler();
        sim.RunFor(SimDuration.FromSeconds(1), maxEvents: 10);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.ScheduleAt(Ms(999), new EventRecorder()));
        Assert.Contains("before now", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduleAt_ExactlyNow_IsAllowedAndRuns()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.RunFor(SimDuration.FromSeconds(1), maxEvents: 10);

        sim.ScheduleAt(sim.Now, rec);
        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Equal(SimTime.Zero + SimDuration.FromSeconds(1), Assert.Single(rec.Events).Time);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(-129)]
    public void Schedule_PriorityOutOfRange_Throws(int priority)
    {
        var sim = new Scheduler();

        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Schedule(SimDuration.Zero, new EventRecorder(), priority: priority));
    }

    [Fact]
    public void Run_ManyEventsBeyondInitialCapacity_AllRunInOrder()
    {
        // More than the queue's initial 256 slots, scheduled in reverse, to exercise growth and sifting.
        var sim = new Scheduler();
        var rec = new EventRecorder();
        for (long i = 999; i >= 0; i--) sim.ScheduleAt(Ms(i), rec, arg: i);

        sim.Run(SimTime.MaxValue, maxEvents: 10_000);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), rec.Args);
    }
}
