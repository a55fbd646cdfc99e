using FsCheck.Xunit;
using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

/// <summary>
/// Random mixes of schedule, cancel and partial runs, checked step by step against a reference model:
/// a plain list of pending events sorted by (time, priority, sequence).
/// </summary>
public sealed class CancellationPropertyTests
{
    private sealed record ModelEvent(long Time, int Priority, int Sequence)
    {
        public bool Pending { get; set; } = true;
    }

    [Property(MaxTest = 300)]
    public bool Scheduler_RandomScheduleCancelRun_MatchesSortedListModel(int[] codes)
    {
        var sim = new Scheduler();
        var rec = new EventRecorder();
        var handles = new List<EventHandle>();
        var model = new List<ModelEvent>();
        var expectedRun = new List<long>();
        long now = 0;

        foreach (int code in codes)
        {
            // Generated ints are small, so a multiplicative hash spreads their bits over the fields.
            uint h = unchecked((uint)code * 0x9E3779B1u);
            int op = (int)(h >> 29);
            int a = (int)(h >> 26) & 0x7;
            int b = (int)(h >> 16) & 0x3FF;
            if (op <= 3)
            {
                int priority = (b & 0x3) - 1;
                handles.Add(sim.Schedule(SimDuration.FromNanoseconds(a), rec, arg: model.Count, priority: priority));
                model.Add(new ModelEvent(now + a, priority, model.Count));
            }
            else if (op <= 5)
            {
                if (handles.Count == 0) continue;
                int target = b % handles.Count;
                bool expected = model[target].Pending;
                model[target].Pending = false;
                if (sim.Cancel(handles[target]) != expected) return false;
            }
            else
            {
                now += a;
                expectedRun.AddRange(Due(model, now));
                sim.Run(new SimTime(now), maxEvents: long.MaxValue);
                if (!rec.Args.SequenceEqual(expectedRun) || sim.Now.Nanoseconds != now) return false;
            }
            if (sim.Pending != model.Count(e => e.Pending)) return false;
        }

        expectedRun.AddRange(Due(model, long.MaxValue));
        sim.Run(SimTime.MaxValue, maxEvents: long.MaxValue);
        return rec.Args.SequenceEqual(expectedRun) && sim.Pending == 0;
    }

    private static List<long> Due(List<ModelEvent> model, long until)
    {
        var due = model.Where(e => e.Pending && e.Time <= until)
            .OrderBy(e => e.Time).ThenBy(e => e.Priority).ThenBy(e => e.Sequence)
            .ToList();
        foreach (var e in due) e.Pending = false;
        return due.Select(e => (long)e.Sequence).ToList();
    }
}
