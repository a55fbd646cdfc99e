using FsCheck.Xunit;
using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class EventOrderingPropertyTests
{
    // Each generated int encodes one event: a small time (so ties are common) and a priority in -3..3.
    private static (long TimeNs, int Priority) Decode(int code) => (code & 0xF, ((code >> 4) & 0x7) - 3);

    [Property(MaxTest = 300)]
    public bool Run_RandomSchedule_ExecutesInTimePrioritySequenceOrder(int[] codes)
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var expected = new List<(long Time, int Priority, int Sequence)>();
        for (int i = 0; i < codes.Length; i++)
        {
            var (time, priority) = Decode(codes[i]);
            sim.ScheduleAt(new SimTime(time), rec, arg: i, priority: priority);
            expected.Add((time, priority, i));
        }

        sim.Run(SimTime.MaxValue, maxEvents: codes.Length + 1);

        var order = expected.OrderBy(e => e.Time).ThenBy(e => e.Priority).ThenBy(e => e.Sequence).Select(e => (long)e.Sequence);
        return order.SequenceEqual(rec.Args)
            && rec.Events.All(e => e.Time.Nanoseconds == Decode(codes[(int)e.Arg]).TimeNs);
    }

    [Property(MaxTest = 200)]
    public bool Run_HandlersSchedulingFollowUps_NeverMoveTheClockBackwards(int[] codes)
    {
        // Every event schedules a follow-up with a generated delay (possibly zero) until the codes run out.
        var sim = new Scheduler();
        var seen = new List<SimTime>();
        int next = 0;
        ActionHandler? handler = null;
        handler = new ActionHandler((s, _) =>
        {
            seen.Add(s.Now);
            if (next < codes.Length)
            {
                var (delay, priority) = Decode(codes[next++]);
                s.Schedule(SimDuration.FromNanoseconds(delay), handler!, priority: priority);
            }
        });
        sim.Schedule(SimDuration.Zero, handler);
        sim.Schedule(SimDuration.FromNanoseconds(7), handler);

        sim.Run(SimTime.MaxValue, maxEvents: codes.Length + 10);

        return seen.Zip(seen.Skip(1)).All(p => p.First <= p.Second) && seen.Count == codes.Length + 2;
    }
}
