using Sim.Core.Queueing;
using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Queueing;

public sealed class FifoServerTests
{
    private sealed class Completions : IServiceCompletion
    {
        public List<(long Tag, object? State, SimDuration Waited, SimTime At)> Done { get; } = [];
        public Scheduler? Sim { get; set; }

        public void OnServed(long tag, object? state, SimDuration waited) => Done.Add((tag, state, waited, Sim!.Now));
    }

    private static SimTime Sec(long s) => SimTime.Zero + SimDuration.FromSeconds(s);
    private static SimDuration Secs(long s) => SimDuration.FromSeconds(s);

    private static (Scheduler Sim, FifoServer Server, Completions Client) Setup(int servers = 1)
    {
        var sim = new Scheduler();
        var client = new Completions { Sim = sim };
        return (sim, new FifoServer(sim, "disk", servers), client);
    }

    private static void SubmitAt(Scheduler sim, FifoServer server, SimTime at, SimDuration service, IServiceCompletion client, long tag) =>
        sim.ScheduleAt(at, new ActionHandler(() => server.Submit(service, client, tag)));

    [Fact]
    public void Submit_IdleServer_StartsAtOnceAndCompletesAfterService()
    {
        var (sim, server, client) = Setup();
        SubmitAt(sim, server, Sec(1), Secs(3), client, tag: 7);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        var done = Assert.Single(client.Done);
        Assert.Equal((7L, Sec(4), SimDuration.Zero), (done.Tag, done.At, done.Waited));
    }

    [Fact]
    public void Submit_BusyServer_QueuesJobsFirstComeFirstServed()
    {
        var (sim, server, client) = Setup();
        SubmitAt(sim, server, Sec(0), Secs(2), client, tag: 1);
        SubmitAt(sim, server, Sec(0), Secs(1), client, tag: 2);
        SubmitAt(sim, server, Sec(1), Secs(1), client, tag: 3);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([(1L, Sec(2)), (2L, Sec(3)), (3L, Sec(4))], client.Done.Select(d => (d.Tag, d.At)));
        Assert.Equal([Secs(0), Secs(2), Secs(2)], client.Done.Select(d => d.Waited));
    }

    [Fact]
    public void Submit_TwoServers_RunsTwoJobsInParallel()
    {
        var (sim, server, client) = Setup(servers: 2);
        for (long tag = 1; tag <= 3; tag++) SubmitAt(sim, server, Sec(0), Secs(2), client, tag);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal([(1L, Sec(2)), (2L, Sec(2)), (3L, Sec(4))], client.Done.Select(d => (d.Tag, d.At)));
    }

    [Fact]
    public void Submit_StateObject_IsHandedBackOnCompletion()
    {
        var (sim, server, client) = Setup();
        var state = new object();
        sim.Schedule(SimDuration.Zero, new ActionHandler(() => server.Submit(Secs(1), client, 0, state)));

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Same(state, Assert.Single(client.Done).State);
    }

    [Fact]
    public void Submit_MoreQueuedJobsThanInitialBuffer_AllServedInOrder()
    {
        var (sim, server, client) = Setup();
        sim.Schedule(SimDuration.Zero, new ActionHandler(() =>
        {
            for (long tag = 0; tag < 300; tag++) server.Submit(Secs(1), client, tag);
        }));

        sim.Run(SimTime.MaxValue, maxEvents: 1_000);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), client.Done.Select(d => d.Tag));
        Assert.Equal(300, server.Served);
    }

    [Fact]
    public void Submit_WrappedRingBufferThenGrow_KeepsOrder()
    {
        // Drain part of the queue so the ring's head moves, then overflow it while wrapped.
        var (sim, server, client) = Setup();
        sim.Schedule(SimDuration.Zero, new ActionHandler(() =>
        {
            for (long tag = 0; tag < 60; tag++) server.Submit(Secs(1), client, tag);
        }));
        sim.ScheduleAt(SimTime.Zero + SimDuration.FromMilliseconds(40_500), new ActionHandler(() =>
        {
            for (long tag = 60; tag < 200; tag++) server.Submit(Secs(1), client, tag);
        }));

        sim.Run(SimTime.MaxValue, maxEvents: 1_000);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), client.Done.Select(d => d.Tag));
    }

    [Fact]
    public void MeanQueueLength_KnownSchedule_IsTimeAverage()
    {
        // Three jobs of 2 s at t=0: queue length 2 for [0,2), 1 for [2,4), 0 for [4,6): average 1 over 6 s.
        var (sim, server, client) = Setup();
        for (long tag = 0; tag < 3; tag++) SubmitAt(sim, server, Sec(0), Secs(2), client, tag);

        sim.Run(Sec(6), maxEvents: 100);

        Assert.Equal(1.0, server.MeanQueueLength, precision: 12);
        Assert.Equal(2.0, server.MeanInSystem, precision: 12);
    }

    [Fact]
    public void WaitStatistics_KnownSchedule_MeanWaitIsAverageOfWaits()
    {
        var (sim, server, client) = Setup();
        for (long tag = 0; tag < 3; tag++) SubmitAt(sim, server, Sec(0), Secs(2), client, tag);

        sim.Run(SimTime.MaxValue, maxEvents: 100);

        Assert.Equal(3, server.WaitStatistics.Count);
        Assert.Equal(2.0 * SimDuration.NanosPerSecond, server.WaitStatistics.Mean, precision: 6);
    }

    [Fact]
    public void ResetStatistics_MidRun_DiscardsEarlierWaitsAndQueueHistory()
    {
        // Queue length 2 for [0,2), then reset at 2 s: only [2,6) counts, with 1 waiting for [2,4).
        var (sim, server, client) = Setup();
        for (long tag = 0; tag < 3; tag++) SubmitAt(sim, server, Sec(0), Secs(2), client, tag);
        sim.Run(Sec(2) - SimDuration.FromNanoseconds(1), maxEvents: 100);
        server.ResetStatistics();

        sim.Run(Sec(6), maxEvents: 100);

        Assert.Equal(2.0 / 4.0, server.MeanQueueLength, precision: 6);
        Assert.Equal(2, server.WaitStatistics.Count);
    }

    [Fact]
    public void BusyAndWaiting_TwoServersFiveJobs_ReflectCurrentState()
    {
        var (sim, server, client) = Setup(servers: 2);
        for (long tag = 0; tag < 5; tag++) SubmitAt(sim, server, Sec(0), Secs(2), client, tag);

        sim.Run(Sec(1), maxEvents: 100);

        Assert.Equal((2, 3), (server.Busy, server.Waiting));
    }

    [Fact]
    public void Constructor_ZeroServers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FifoServer(new Scheduler(), "x", servers: 0));
    }
}
