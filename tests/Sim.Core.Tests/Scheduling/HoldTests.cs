using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

/// <summary>Holding a host's events, as a paused process (SIGSTOP) needs: its timers wait, everyone else's run.</summary>
public sealed class HoldTests
{
    private static SimTime Ms(long ms) => SimTime.Zero + SimDuration.FromMilliseconds(ms);

    private sealed class HostedRecorder(int host, List<(SimTime, long)> log) : IEventHandler
    {
        public int Host => host;

        public void OnEvent(Scheduler scheduler, in SimEvent ev) => log.Add((ev.Time, ev.Arg));
    }

    [Fact]
    public void Hold_HostsEventsWaitUntilRelease_OthersRunOnTime_InTheirOriginalOrder()
    {
        var sim = new Scheduler();
        var log = new List<(SimTime, long)>();
        var paused = new HostedRecorder(1, log);
        var other = new HostedRecorder(2, log);
        sim.ScheduleAt(Ms(10), paused, arg: 1);
        sim.ScheduleAt(Ms(20), other, arg: 2);
        sim.ScheduleAt(Ms(30), paused, arg: 3);
        sim.ScheduleAt(Ms(50), paused, arg: 5);
        sim.ScheduleAt(Ms(40), new ActionHandler(() => sim.Release(1)));
        sim.Hold(1);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([(Ms(20), 2L), (Ms(40), 1L), (Ms(40), 3L), (Ms(50), 5L)], log);
    }

    [Fact]
    public void Hold_AParkedEventCanStillBeCancelled_AndARunEndsWhileHeld()
    {
        var sim = new Scheduler();
        var log = new List<(SimTime, long)>();
        var paused = new HostedRecorder(1, log);
        var h = sim.ScheduleAt(Ms(10), paused, arg: 1);
        sim.ScheduleAt(Ms(20), paused, arg: 2);
        sim.Hold(1);

        sim.Run(SimTime.MaxValue, maxEvents: 100);
        Assert.Empty(log);
        Assert.True(sim.Cancel(h));
        sim.Release(1);
        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([(Ms(20), 2L)], log);
    }
}
