using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Tests.Support;
using static Sim.MirrorMaker.Tests.Support.MirrorScenario;

namespace Sim.MirrorMaker.Tests;

/// <summary>Connect's recovery (KIP-415 scheduled rebalance, offset.flush.interval.ms) and the lag it causes.</summary>
public class ConnectTests
{
    private const string TwoWorkers = """
          mm2:
            workers: { b: 2 }
            offset.flush.interval.ms: 5000
            scheduled.rebalance.max.delay.ms: 20000
            flows: { a->b: { tasks.max: 2, emit.heartbeats.enabled: false, emit.checkpoints.enabled: false } }
        """;

    [Fact]
    public void ADeadWorkersTasksStallForTheRebalanceDelayThenResumeWithDuplicatesAndNoGaps()
    {
        var t = Create(TwoWorkers, partitions: 4);
        t.Produce("a", 2000, stop: new SimTime(60_000_000_000));
        t.RunUntil("17s");
        var worker = t.MirrorMaker.ConnectClusters[0].Assignments.First(a => a.Task.EndsWith("source-0", StringComparison.Ordinal)).Worker!;
        t.MirrorMaker.CrashWorker(worker);
        long Mirrored() => t.Flow("a", "b").Metrics.RecordsMirrored;
        t.RunUntil("20s");
        long atStall = Mirrored();
        var stalled = t.MirrorMaker.ConnectClusters[0].Assignments.Where(a => a.Worker is null).Select(a => a.Task).ToList();
        Assert.Contains("a->b/source-0", stalled);
        t.RunUntil("36s");
        // Half the partitions wait: the other task goes on, at about half the rate.
        long during = Mirrored() - atStall;
        Assert.InRange(during, 8_000, 24_000);
        Assert.Contains(t.MirrorMaker.ConnectClusters[0].Assignments, a => a.Worker is null);
        // scheduled.rebalance.max.delay.ms after the crash, the waiting task moves to the live worker.
        t.RunUntil("38s");
        Assert.DoesNotContain(t.MirrorMaker.ConnectClusters[0].Assignments, a => a.Worker is null);
        t.RunUntil("90s");
        var acked = t.Acked("a");
        var (held, duplicates) = t.Holdings("b", "a.orders");
        Assert.Equal(0, Missing(acked, held));
        Assert.True(duplicates > 0, "the moved task re-sends what it wrote after the last flush");
        Assert.Equal(duplicates, t.Flow("a", "b").Metrics.RecordsResent);
    }

    /// <summary>
    /// When every worker has gone the group is empty and no leader remembers the old assignment or its delay:
    /// the first worker back leads with a fresh assignor and the tasks start at once
    /// (IncrementalCooperativeAssignorTest.testTaskAssignmentWhenLeaderLeavesPermanently: a new leader keeps no delay).
    /// </summary>
    [Fact]
    public void WhenEveryWorkerDiesAndReturnsTheTasksStartAtOnceWithoutTheRebalanceDelay()
    {
        var t = Create(TwoWorkers, partitions: 4);
        t.Produce("a", 2000, stop: new SimTime(40_000_000_000));
        t.RunUntil("12s");
        var connect = t.MirrorMaker.ConnectClusters[0];
        var workers = connect.WorkerNames;
        foreach (var w in workers) t.MirrorMaker.CrashWorker(w);
        Assert.All(connect.Assignments, a => Assert.Null(a.Worker));
        t.RunUntil("15s");
        foreach (var w in workers) t.MirrorMaker.RestartWorker(w);
        Assert.DoesNotContain(connect.Assignments, a => a.Worker is null);
        t.RunUntil("60s");
        Assert.Equal(0, Missing(t.Acked("a"), t.Holdings("b", "a.orders").Records));
    }

    [Fact]
    public void AWorkerThatLeavesCleanlyHandsItsTasksOverAtOnceWithoutDuplicates()
    {
        var t = Create(TwoWorkers, partitions: 4);
        t.Produce("a", 2000, stop: new SimTime(30_000_000_000));
        t.RunUntil("12s");
        var worker = t.MirrorMaker.ConnectClusters[0].Assignments.First(a => a.Task.EndsWith("source-0", StringComparison.Ordinal)).Worker!;
        t.MirrorMaker.StopWorker(worker);
        Assert.DoesNotContain(t.MirrorMaker.ConnectClusters[0].Assignments, a => a.Worker is null || a.Worker == worker);
        t.RunUntil("50s");
        var (held, duplicates) = t.Holdings("b", "a.orders");
        Assert.Equal(0, Missing(t.Acked("a"), held));
        Assert.True(duplicates < 200, $"a graceful stop commits what was acknowledged; only requests in flight repeat ({duplicates})");
    }

    [Fact]
    public void HeartbeatLagFallsBackWhenABurstEnds()
    {
        var t = Create("""
              mm2: { workers: { b: 1 }, flows: { a->b: {} } }
            """, rtt: "40ms", bandwidth: "100Mbps");
        var burst = new Burst(new SimTime(10_000_000_000), SimDuration.FromSeconds(10), 20);
        var p = t.Sim.Cluster("a").AddProducer(1, t.Sim.ClientNode("a"), new ProducerConfig(), new WorkloadConfig("orders", 1500) { Keys = 1000, Bursts = [burst] });
        p.Start();
        t.RunUntil("60s");
        var m = t.Flow("a", "b").Metrics;
        double Avg(int from, int to) => m.HeartbeatLagMs(new SimTime(from * 1_000_000_000L), new SimTime(to * 1_000_000_000L)).Average();
        double before = Avg(3, 10), during = Avg(12, 22), after = Avg(45, 60);
        Assert.True(during > 2 * before, $"heartbeat lag {S(before)} ms before the burst, {S(during)} ms during it");
        Assert.True(after < during / 2, $"and {S(after)} ms well after it");
    }
}
