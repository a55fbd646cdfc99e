using Sim.Core.Time;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class FollowerCrashTests(ITestOutputHelper output)
{
    /// <summary>Source: design.html 4.7 (acks=all, min.insync.replicas) and KRaftConfigs broker.session.timeout.ms (9 s).</summary>
    [Fact]
    public void WithAcksAllAFollowerCrashLosesNothingAndStallsWritesOnlyUntilTheIsrShrinks()
    {
        var t = KafkaScenario.Create().WithSeed(101).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        var acks = new AckTimeline();
        t.Events.Add(acks);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        // Heartbeats leave every broker at 0, 2, 4, ... s; crashing just after the one at 10 s means the
        // controller hears nothing for the whole session timeout before it fences the broker.
        t.RunUntil(SimTime.FromSeconds(10.05));
        var ps = t.Cluster.PartitionState(0);
        int follower = ps.Replicas.First(r => r != ps.Leader);
        t.Cluster.CrashBroker(follower, powerLoss: false);
        var crashAt = t.Now;
        t.RunFor(SimDuration.FromSeconds(20));

        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        var (lastBefore, firstAfter) = acks.LongestGapAfter(0, crashAt);
        var stall = firstAfter - lastBefore;
        output.WriteLine($"crash {crashAt}; longest ack gap {stall} from {lastBefore} to {firstAfter}");

        var shrink = Assert.Single(t.Trace.PartitionChanges, c => c.Before is { } b && b.InIsr(follower) && !c.After.InIsr(follower));
        Assert.Contains("fenced", shrink.Cause);
        Assert.Equal(follower, Assert.Single(t.Trace.Fenced).Broker);
        Assert.InRange(stall.TotalSeconds, 8.0, 12.0);
        // The stall ends with the ISR change, not later.
        Assert.InRange((firstAfter - shrink.At).TotalSeconds, 0.0, 1.0);
        // Acknowledgements continue to the end of the run at the offered rate (1000 records/s).
        long ackedAfter = acks.Acks.Where(a => a.At > firstAfter).Sum(a => (long)a.Count);
        Assert.True(ackedAfter > 0.9 * 1000 * (t.Now - firstAfter).TotalSeconds, $"acked {ackedAfter} records after the stall");
        Assert.True(t.Now - acks.Acks[^1].At < SimDuration.FromMilliseconds(100), $"last ack at {acks.Acks[^1].At}");
        Assert.Equal(0, t.Ledger.RecordsFailed);
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
