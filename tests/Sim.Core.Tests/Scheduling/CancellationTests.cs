using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class CancellationTests
{
    private static SimTime Ms(long ms) => SimTime.Zero + SimDuration.FromMilliseconds(ms);

    [Fact]
    public void Cancel_PendingEvent_EventNeverRuns()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        sim.ScheduleAt(Ms(1), rec, arg: 1);
        var h = sim.ScheduleAt(Ms(2), rec, arg: 2);
        sim.ScheduleAt(Ms(3), rec, arg: 3);

        bool cancelled = sim.Cancel(h);
        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.True(cancelled);
        Assert.Equal([1L, 3L], rec.Args);
    }

    [Fact]
    public void Cancel_PendingEvent_ReducesPendingAndClearsIsPending()
    {
        var sim = new Scheduler();
        var h = sim.ScheduleAt(Ms(2), new EventRecorder());
        sim.ScheduleAt(Ms(3), new EventRecorder());

        sim.Cancel(h);

        Assert.False(sim.IsPending(h));
        Assert.Equal(1, sim.Pending);
    }

    [Fact]
    public void Cancel_Twice_SecondReturnsFalse()
    {
        var sim = new Scheduler();
        var h = sim.ScheduleAt(Ms(2), new EventRecorder());

        Assert.True(sim.Cancel(h));
        Assert.False(sim.Cancel(h));
    }

    [Fact]
    public void Cancel_AfterEventFired_ReturnsFalse()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var h = sim.ScheduleAt(Ms(2), rec);
        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.False(sim.Cancel(h));
        Assert.Single(rec.Events);
    }

    [Fact]
    public void Cancel_NoneHandle_ReturnsFalse()
    {
        var sim = new Scheduler();
        sim.ScheduleAt(Ms(2), new EventRecorder());

        Assert.False(sim.Cancel(EventHandle.None));
        Assert.Equal(1, sim.Pending);
    }

    [Fact]
    public void Cancel_StaleHandleWhoseSlotWasReused_DoesNotCancelNewEvent()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var stale = sim.ScheduleAt(Ms(1), rec, arg: 1);
        sim.Run(SimTime.MaxValue, maxEvents: 10);
        var fresh = sim.ScheduleAt(Ms(2), rec, arg: 2);
        Assert.Equal(stale.Slot, fresh.Slot); // precondition: the slot really was reused

        bool cancelled = sim.Cancel(stale);
        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.False(cancelled);
        Assert.Equal([1L, 2L], rec.Args);
    }

    [Fact]
    public void Cancel_StaleHandleOfCancelledEventAfterSlotReuse_DoesNotCancelNewEvent()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var stale = sim.ScheduleAt(Ms(1), rec, arg: 1);
        sim.Cancel(stale);
        var fresh = sim.ScheduleAt(Ms(1), rec, arg: 2);
        Assert.Equal(stale.Slot, fresh.Slot);

        Assert.False(sim.Cancel(stale));
        Assert.True(sim.IsPending(fresh));
    }

    [Fact]
    public void Cancel_FromHandlerOfEarlierEvent_LaterEventNeverRuns()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var victim = sim.ScheduleAt(Ms(5), rec, arg: 5);
        sim.ScheduleAt(Ms(1), new ActionHandler((s, _) => s.Cancel(victim)));

        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Empty(rec.Events);
    }

    [Fact]
    public void Cancel_FromHandlerOfEventAtSameTime_LaterQueuedEventNeverRuns()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        EventHandle victim = default;
        sim.ScheduleAt(Ms(1), new ActionHandler((s, _) => s.Cancel(victim)));
        victim = sim.ScheduleAt(Ms(1), rec, arg: 1);

        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Empty(rec.Events);
    }

    [Fact]
    public void Cancel_OwnHandleInsideHandler_ReturnsFalse()
    {
        var sim = new Scheduler();
        bool? result = null;
        sim.ScheduleAt(Ms(1), new ActionHandler((s, ev) => result = s.Cancel(ev.Handle)));

        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.False(result);
    }

    [Fact]
    public void Cancel_HandleOfEventInsideItsHandler_IsTheHandleReturnedBySchedule()
    {
        var sim = new Scheduler();
        EventHandle seen = default;
        var h = sim.ScheduleAt(Ms(1), new ActionHandler((_, ev) => seen = ev.Handle));

        sim.Run(SimTime.MaxValue, maxEvents: 10);

        Assert.Equal(h, seen);
    }

    [Fact]
    public void Cancel_MiddleOfLargeHeap_RemainingEventsStillRunInOrder()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var handles = new EventHandle[600];
        for (int i = 0; i < handles.Length; i++) handles[i] = sim.ScheduleAt(Ms((i * 7919) % 600), rec, arg: (i * 7919) % 600);
        for (int i = 0; i < handles.Length; i += 3) sim.Cancel(handles[i]);

        sim.Run(SimTime.MaxValue, maxEvents: 10_000);

        var expected = Enumerable.Range(0, 600).Where(i => i % 3 != 0).Select(i => (long)((i * 7919) % 600)).Order();
        Assert.Equal(expected, rec.Args);
    }
}
