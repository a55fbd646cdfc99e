using FsCheck.Xunit;
using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

/// <summary>
/// <see cref="Scheduler.RescheduleAt"/> is a cancel followed by a schedule: two schedulers driven by the same random
/// mix of schedules, reschedules (of pending, fired and cancelled events), cancels and partial runs, one rescheduling
/// in one step and the other cancelling then scheduling, hand out the same handles and run the same events at the
/// same times in the same order.
/// </summary>
public sealed class ReschedulePropertyTests
{
    [Property(MaxTest = 300)]
    public bool RescheduleAt_RandomMix_MatchesCancelThenSchedule(int[] codes)
    {
        var one = new Scheduler();
        var two = new Scheduler();
        var recOne = new EventRecorder();
        var recTwo = new EventRecorder();
        var handles = new List<EventHandle>();
        long now = 0;
        int next = 0;
        foreach (int code in codes)
        {
            uint h = unchecked((uint)code * 0x9E3779B1u);
            int op = (int)(h >> 29);
            int a = (int)(h >> 26) & 0x7;
            int b = (int)(h >> 16) & 0x3FF;
            int priority = (b & 0x3) - 1;
            var at = new SimTime(now + a);
            if (op <= 2)
            {
                var h1 = one.ScheduleAt(at, recOne, arg: next, priority: priority);
                var h2 = two.ScheduleAt(at, recTwo, arg: next++, priority: priority);
                if (h1 != h2) return false;
                handles.Add(h1);
            }
            else if (op <= 4 && handles.Count > 0)
            {
                int target = b % handles.Count;
                var h1 = one.RescheduleAt(handles[target], at, recOne, arg: next, priority: priority);
                two.Cancel(handles[target]);
                var h2 = two.ScheduleAt(at, recTwo, arg: next++, priority: priority);
                if (h1 != h2) return false;
                handles[target] = h1;
            }
            else if (op == 5 && handles.Count > 0)
            {
                var target = handles[b % handles.Count];
                if (one.Cancel(target) != two.Cancel(target)) return false;
            }
            else
            {
                now += a;
                one.Run(new SimTime(now), long.MaxValue);
                two.Run(new SimTime(now), long.MaxValue);
                if (!recOne.Events.SequenceEqual(recTwo.Events) || one.Pending != two.Pending) return false;
            }
        }
        one.Run(SimTime.MaxValue, long.MaxValue);
        two.Run(SimTime.MaxValue, long.MaxValue);
        return recOne.Events.SequenceEqual(recTwo.Events) && one.Pending == 0 && two.Pending == 0;
    }

    [Fact]
    public void RescheduleAt_PendingEvent_MovesItAndInvalidatesTheOldHandle()
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var first = sim.ScheduleAt(new SimTime(10), rec, arg: 1);
        sim.ScheduleAt(new SimTime(5), rec, arg: 2);
        var moved = sim.RescheduleAt(first, new SimTime(3), rec, arg: 3);
        Assert.False(sim.IsPending(first));
        Assert.True(sim.IsPending(moved));
        Assert.False(sim.Cancel(first));
        sim.Run(SimTime.MaxValue, long.MaxValue);
        Assert.Equal([(new SimTime(3), 3L), (new SimTime(5), 2L)], rec.Events);
    }
}
