using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class InvariantTests
{
    /// <summary>Holds until the clock reaches a given time; counts how often it was checked.</summary>
    private sealed class BrokenFrom(SimTime from) : IInvariant
    {
        public int Checks { get; private set; }
        public string Name => "clock-below-limit";

        public string? Check(Scheduler scheduler)
        {
            Checks++;
            return scheduler.Now >= from ? "the clock passed the limit" : null;
        }
    }

    private static SimTime Sec(long s) => SimTime.Zero + SimDuration.FromSeconds(s);

    /// <summary>Sets an invariant monitor checking <paramref name="invariants"/> on <paramref name="sim"/>.</summary>
    private static InvariantMonitor Monitor(Scheduler sim, params IInvariant[] invariants)
    {
        var monitor = new InvariantMonitor(sim);
        foreach (var invariant in invariants) monitor.Add(invariant);
        sim.Monitor = monitor;
        return monitor;
    }

    private static Scheduler WithEventsAtSeconds(params long[] seconds)
    {
        var sim = new Scheduler();
        var kind = sim.Kinds.Register("tick");
        var rec = new EventRecorder();
        foreach (var s in seconds) sim.ScheduleAt(Sec(s), rec, kind);
        return sim;
    }

    [Fact]
    public void Run_InvariantFails_ThrowsNamingInvariantAndTime()
    {
        var sim = WithEventsAtSeconds(1, 2, 3);
        Monitor(sim, new BrokenFrom(Sec(2)));

        var ex = Assert.Throws<InvariantViolationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 100));

        Assert.Equal("clock-below-limit", ex.Invariant);
        Assert.Equal(Sec(2), ex.At);
        Assert.Contains("'clock-below-limit'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Sec(2).ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("the clock passed the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvariantFails_ExceptionNamesEventKindAndNumber()
    {
        var sim = WithEventsAtSeconds(1, 2, 3);
        Monitor(sim, new BrokenFrom(Sec(2)));

        var ex = Assert.Throws<InvariantViolationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 100));

        Assert.Equal("tick", ex.EventKind);
        Assert.Equal(2, ex.EventNumber);
    }

    [Fact]
    public void Run_InvariantFails_StopsRightAfterTheBreakingEvent()
    {
        var sim = WithEventsAtSeconds(1, 2, 3);
        Monitor(sim, new BrokenFrom(Sec(2)));

        Assert.Throws<InvariantViolationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 100));

        Assert.Equal(2, sim.EventsExecuted);
        Assert.Equal(1, sim.Pending);
    }

    [Fact]
    public void Run_WithMonitor_ChecksAfterEveryEvent()
    {
        var sim = WithEventsAtSeconds(1, 2, 3, 4);
        var inv = new BrokenFrom(SimTime.MaxValue);
        Monitor(sim, inv);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(4, inv.Checks);
    }

    [Fact]
    public void Run_MonitorRemoved_NeverChecksAndDoesNotThrow()
    {
        var sim = WithEventsAtSeconds(1, 2, 3);
        var inv = new BrokenFrom(SimTime.Zero);
        Monitor(sim, inv);
        sim.Monitor = null;

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(0, inv.Checks);
        Assert.Equal(3, sim.EventsExecuted);
    }

    [Fact]
    public void Run_WithMonitor_SameFingerprintAsWithout()
    {
        var plain = WithEventsAtSeconds(1, 2, 3);
        var watched = WithEventsAtSeconds(1, 2, 3);
        Monitor(watched, new BrokenFrom(SimTime.MaxValue));

        plain.Run(SimTime.MaxValue, maxEvents: 100);
        watched.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(plain.Fingerprint.Value, watched.Fingerprint.Value);
    }

    [Fact]
    public void Run_SeveralInvariants_FirstFailingOneIsReported()
    {
        var sim = WithEventsAtSeconds(1);
        Monitor(sim, new BrokenFrom(SimTime.MaxValue), new BrokenFrom(SimTime.Zero));

        var ex = Assert.Throws<InvariantViolationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 100));

        Assert.Equal(Sec(1), ex.At);
    }

    /// <summary>Each event schedules the next one a second later, under its own kind, until <c>Left</c> runs out.</summary>
    private sealed class Relay : IEventHandler
    {
        public int Left;
        public required int[] Kinds;

        public void OnEvent(Scheduler scheduler, in SimEvent ev)
        {
            if (Left-- > 0) scheduler.Schedule(SimDuration.FromSeconds(1), this, Kinds[Left % Kinds.Length]);
        }
    }

    [Fact]
    public void Run_InvariantFails_ChainListsTheEventsThatScheduledEachOtherOldestFirst()
    {
        var sim = new Scheduler();
        var relay = new Relay { Left = 3, Kinds = [sim.Kinds.Register("hop-a"), sim.Kinds.Register("hop-b")] };
        var noise = sim.Kinds.Register("noise");
        sim.ScheduleAt(Sec(0), relay, sim.Kinds.Register("start"));
        // Unrelated events in between are not part of the chain.
        foreach (var s in new long[] { 1, 2, 3 }) sim.ScheduleAt(Sec(s) + SimDuration.FromMilliseconds(500), new EventRecorder(), noise);
        Monitor(sim, new BrokenFrom(Sec(3)));

        var ex = Assert.Throws<InvariantViolationException>(() => sim.Run(SimTime.MaxValue, maxEvents: 100));

        Assert.Equal(4, ex.Chain.Count);
        Assert.Contains("start (Relay)", ex.Chain[0], StringComparison.Ordinal);
        Assert.Contains($"at {Sec(3)}", ex.Chain[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(ex.Chain, c => c.Contains("noise", StringComparison.Ordinal));
        Assert.Contains("chain of events that led here", ex.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void CausalChain_EventOlderThanTheHistory_IsEmpty()
    {
        var sim = new Scheduler();
        var kind = sim.Kinds.Register("tick");
        var rec = new EventRecorder();
        for (int s = 1; s <= InvariantMonitor.HistorySize + 2; s++) sim.ScheduleAt(Sec(s), rec, kind);
        var monitor = Monitor(sim);

        sim.Run(SimTime.MaxValue, maxEvents: InvariantMonitor.HistorySize + 10);

        Assert.Empty(monitor.CausalChain(1));
        Assert.Single(monitor.CausalChain(InvariantMonitor.HistorySize + 2));
    }
}
