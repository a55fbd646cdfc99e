using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Failover;
using Sim.MirrorMaker.Tests.Support;
using static Sim.MirrorMaker.Tests.Support.MirrorScenario;

namespace Sim.MirrorMaker.Tests;

/// <summary>
/// Active-passive with MirrorMaker 2 when the primary dies: what the standby lacks, and what consumers
/// reprocess or skip when they move (KIP-382, KIP-545, MirrorCheckpointConnector, OffsetSyncStore).
/// </summary>
public class FailoverTests
{
    private static string ActivePassive(string checkpoints = "5", string extra = "") => $$"""
          mm2: { workers: { b: 1 }, flows: { a->b: { emit.checkpoints.interval.seconds: {{checkpoints}}, refresh.groups.interval.seconds: 5{{extra}} } } }
        """;

    [Fact]
    public void RecordsAcknowledgedOnThePrimaryButNotYetMirroredAreExactlyTheRecordsMissingOnTheStandby()
    {
        var t = Create(ActivePassive(), rtt: "60ms", bandwidth: "100Mbps");
        var commits = new CommitTimes();
        t.Sim.EventsOf("a").Add(commits);
        t.Produce("a", 5000);
        t.RunUntil("30s");
        t.PowerOffCluster("a");
        t.RunUntil("45s");
        var acked = t.Acked("a");
        var (held, _) = t.Holdings("b", "a.orders");
        long missing = Missing(acked, held);
        Assert.True(missing > 0, "some acknowledged records had not been mirrored");
        // The missing records are each partition's newest: nothing older is missing.
        foreach (var (root, set) in acked)
        {
            long mirroredEnd = held.TryGetValue(root, out var h) ? h.End : set.Min;
            Assert.Equal(set.End - mirroredEnd, set.CountIn(mirroredEnd, set.End));
            Assert.Equal(0, set.CountIn(set.Min, mirroredEnd) - (h?.CountIn(set.Min, mirroredEnd) ?? 0));
        }
        // And they are exactly the records committed on a since MirrorMaker's last fetch from the partition's
        // leader was answered. A fetch parked at the leader is answered as soon as the high watermark moves
        // (DelayedFetch), and the source task's consumer sends the next fetch when the answer arrives, so a
        // record waits at most one fetch round trip (the 60 ms RTT, plus the response's transfer at 100 Mbps
        // and request handling: two RTTs bound it) before it is on its way to b. How many are missing is a
        // snapshot at whatever point of each partition's fetch cycle the power went: anywhere from none to
        // one round trip's worth. The mean record lag is no measure of it: it also counts the producer's
        // batching and acknowledgement on a and the write to b, which are not part of the window.
        var powerOff = new SimTime(30_000_000_000);
        var roundTrip = SimDuration.FromMilliseconds(2 * 60);
        foreach (var (root, set) in acked)
        {
            long mirroredEnd = held.TryGetValue(root, out var h) ? h.End : set.Min;
            long missingHere = set.End - mirroredEnd;
            if (missingHere == 0) continue;
            var firstMissing = commits.CommittedAt(root.Partition, mirroredEnd)!.Value;
            Assert.InRange((powerOff - firstMissing).Nanoseconds, 0, roundTrip.Nanoseconds);
            Assert.Equal(missingHere, commits.CommittedBetween(root.Partition, firstMissing, powerOff + SimDuration.FromNanoseconds(1)));
        }
    }

    private static (long Reprocessed, long Skipped, FailoverController F) FailOverConsumer(string checkpoints, ResumeKind resume, ConsumerConfig? consumer = null, string extra = "", bool lagging = false)
    {
        var t = Create(ActivePassive(checkpoints, extra), rtt: "20ms");
        var f = t.Failover(new FailoverConfig
        {
            Detection = DetectionKind.Operator, OperatorDelay = SimDuration.FromSeconds(5),
            Redirect = RedirectKind.Reconfigure, ReconfigureDelay = SimDuration.FromSeconds(1), ConsumersResume = resume,
        });
        t.Follower(f, ProducerApp("orders-app", new WorkloadConfig("orders", 1000) { Keys = 1000 }));
        // A runbook starts the standby's own topic from its beginning: with latest, records the moved producers
        // wrote before the consumer's first fetch there would be passed over.
        var billing = t.Follower(f, ConsumerApp("billing", consumer ?? new ConsumerConfig { GroupId = "billing", AutoOffsetResetEarliest = true }, "orders"));
        f.Start();
        if (lagging)
        {
            // The application stops taking records ten seconds before the outage (it is backed up), so the
            // consumer falls behind what MirrorMaker 2 has already copied to b.
            t.RunUntil("50s");
            billing.Consumer!.Pause();
        }
        t.RunUntil("60s");
        t.PowerOffCluster("a");
        f.OutageBegan();
        t.RunUntil("90s");
        var g = t.Deliveries.Group("billing");
        var cluster = billing.Cluster;
        return (g.Reprocessed, g.Skipped(cluster, t.MirrorMaker.ClusterId(cluster.Name), billing.Consumer!, SimTime.Zero), f);
    }

    [Fact]
    public void ConsumersFailingOverWithCheckpointsReprocessSomeRecordsAndSkipNone()
    {
        var (reprocessed, skipped, f) = FailOverConsumer("5", ResumeKind.Checkpoint);
        Assert.NotNull(f.DeclaredAt);
        Assert.Contains(f.Switches, s => s.App == "billing" && s.ToStandby);
        Assert.True(reprocessed > 0, "a consumer resuming from a checkpoint reads again what it read after the checkpoint");
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void RecordsReprocessedGrowWithTheCheckpointInterval()
    {
        var (often, skippedOften, _) = FailOverConsumer("5", ResumeKind.Checkpoint);
        var (rarely, skippedRarely, _) = FailOverConsumer("40", ResumeKind.Checkpoint);
        Assert.True(rarely > often, $"reprocessed {often} with checkpoints every 5 s, {rarely} every 40 s");
        Assert.Equal(0, skippedOften);
        Assert.Equal(0, skippedRarely);
    }

    [Fact]
    public void ConsumersFailingOverWithoutOffsetsAndAutoOffsetResetLatestSkipRecords()
    {
        // A consumer ten seconds behind when a dies: b holds what MirrorMaker 2 copied and the consumer had not
        // read, and starting at the end of b's topic passes over it.
        var (_, skipped, _) = FailOverConsumer("5", ResumeKind.AutoOffsetReset, new ConsumerConfig { GroupId = "billing", AutoOffsetResetEarliest = false }, lagging: true);
        Assert.True(skipped > 5_000, $"starting at the end of the mirrored topic passes over what the consumer had not read: {skipped}");
        var (reprocessedEarliest, skippedEarliest, _) = FailOverConsumer("5", ResumeKind.AutoOffsetReset, new ConsumerConfig { GroupId = "billing", AutoOffsetResetEarliest = true }, lagging: true);
        Assert.Equal(0, skippedEarliest);
        Assert.True(reprocessedEarliest > 40_000, $"earliest reads the whole mirrored history again: {reprocessedEarliest}");
    }

    [Fact]
    public void ConsumersResumingFromSyncedGroupOffsetsReprocessSomeRecordsAndSkipNone()
    {
        var (reprocessed, skipped, _) = FailOverConsumer("5", ResumeKind.SyncedOffsets, extra: ", sync.group.offsets.enabled: true, sync.group.offsets.interval.seconds: 5");
        Assert.InRange(reprocessed, 1, 30_000);
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void AProbeDetectsTheOutageDnsMovesClientsWithinItsTtlAndFailbackLeavesWhatWasWrittenOnTheStandbyToReconcile()
    {
        var t = Create(ActivePassive(), rtt: "20ms");
        var f = t.Failover(new FailoverConfig
        {
            Detection = DetectionKind.Probe, ProbeInterval = SimDuration.FromSeconds(1), ProbeFailures = 3, ProbeTimeout = SimDuration.FromMilliseconds(500),
            Redirect = RedirectKind.Dns, DnsTtl = SimDuration.FromSeconds(5), Failback = true, FailbackDelay = SimDuration.FromSeconds(10),
        });
        t.Follower(f, ProducerApp("orders-app", new WorkloadConfig("orders", 1000) { Keys = 1000 }));
        f.Start();
        t.RunUntil("30s");
        t.PowerOffCluster("a");
        t.RunUntil("60s");
        var declared = f.DeclaredAt!.Value;
        Assert.InRange((declared - new SimTime(30_000_000_000)).TotalSeconds, 2, 5);
        var moved = f.Switches.Single(s => s.ToStandby);
        Assert.InRange((moved.At - declared).TotalSeconds, 0, 5);
        t.PowerOnCluster("a");
        t.RunUntil("120s");
        Assert.True(f.RecoveredAt > new SimTime(60_000_000_000));
        var back = f.Switches.Single(s => !s.ToStandby);
        Assert.True(back.At >= f.RecoveredAt!.Value + SimDuration.FromSeconds(10));
        var r = f.Reconcile(t.MirrorMaker, "orders");
        // Nothing mirrors b back to a: everything written during the failover exists only on b.
        Assert.True(f.AckedOnStandby > 10_000);
        Assert.Equal(f.AckedOnStandby, r.StandbyOnly);
    }

    [Fact]
    public void APlannedSwitchoverDrainsProducersWaitsForTheMirrorAndLeavesNothingAcknowledgedOnThePrimaryOnly()
    {
        // KIP-382's planned migration: stop the producers, let MirrorMaker 2 catch up (lag 0), move consumers
        // at their translated offsets, then producers. An unplanned failover strands the mirror's lag
        // (RecordsAcknowledgedOnThePrimaryButNotYetMirroredAreExactlyTheRecordsMissingOnTheStandby).
        var t = Create(ActivePassive("5"), rtt: "60ms", bandwidth: "100Mbps");
        var f = t.Failover(new FailoverConfig { Detection = DetectionKind.Probe, ProbeInterval = SimDuration.FromSeconds(1) });
        t.Follower(f, ProducerApp("orders-app", new WorkloadConfig("orders", 1000) { Keys = 1000 }));
        var billing = t.Follower(f, ConsumerApp("billing", new ConsumerConfig { GroupId = "billing", AutoOffsetResetEarliest = true }, "orders"));
        f.Start();
        t.RunUntil("30s");
        f.Switchover();
        t.RunUntil("60s");
        Assert.NotNull(f.MirrorCaughtUpAt);
        var caughtUp = f.MirrorCaughtUpAt!.Value;
        Assert.True(caughtUp > new SimTime(30_000_000_000), "the mirror is behind by at least a fetch round trip when the producers stop");
        var consumerMove = f.Switches.Single(s => s.App == "billing" && s.ToStandby);
        var producerMove = f.Switches.Single(s => s.App == "orders-app" && s.ToStandby);
        // One checkpoint interval after the lag reached zero, consumers first, then producers.
        Assert.Equal(caughtUp + SimDuration.FromSeconds(5), consumerMove.At);
        Assert.True(producerMove.At > consumerMove.At);
        Assert.Null(f.RecoveredAt);
        var r = f.Reconcile(t.MirrorMaker, "orders");
        Assert.Equal(0, r.PrimaryOnly);
        Assert.True(f.AckedOnStandby > 10_000, $"the producers write on the standby after the switchover: {f.AckedOnStandby}");
        var g = t.Deliveries.Group("billing");
        Assert.Equal(0, g.Skipped(billing.Cluster, t.MirrorMaker.ClusterId(billing.Cluster.Name), billing.Consumer!, SimTime.Zero));
    }

    [Fact]
    public void WithAReverseFlow_FailbackIsPlanned_AndLeavesNothingWrittenOnTheStandbyOnly()
    {
        // Confluent's failback runbook for MirrorMaker 2: the standby's own topic is replicated back (b->a) ahead of
        // time; failback drains the producers on b, waits for the reverse flow to catch up and one checkpoint
        // interval, moves consumers back (a's topic from their group's commits, b.orders from the reverse
        // checkpoint), then producers. Without the reverse flow everything written on b stays on b only
        // (AProbeDetectsTheOutageDnsMovesClientsWithinItsTtlAndFailbackLeavesWhatWasWrittenOnTheStandbyToReconcile).
        var t = Create("""
              mm2: { workers: { a: 1, b: 1 }, flows: { a->b: { emit.checkpoints.interval.seconds: 5, refresh.groups.interval.seconds: 5 }, b->a: { emit.checkpoints.interval.seconds: 5, refresh.groups.interval.seconds: 5 } } }
            """, rtt: "20ms");
        var f = t.Failover(new FailoverConfig
        {
            Detection = DetectionKind.Probe, ProbeInterval = SimDuration.FromSeconds(1), ProbeFailures = 3, ProbeTimeout = SimDuration.FromMilliseconds(500),
            Redirect = RedirectKind.Dns, DnsTtl = SimDuration.FromSeconds(5), Failback = true, FailbackDelay = SimDuration.FromSeconds(10), ReverseReplication = true,
        });
        Assert.NotNull(f.ReverseFlow);
        t.Follower(f, ProducerApp("orders-app", new WorkloadConfig("orders", 1000) { Keys = 1000 }));
        var billing = t.Follower(f, ConsumerApp("billing", new ConsumerConfig { GroupId = "billing", AutoOffsetResetEarliest = true }, "orders"));
        f.Start();
        t.RunUntil("30s");
        // The processes stop and the machines keep their page caches, so the group's commits on a survive (a power
        // loss of the whole cluster would lose the unflushed tail of __consumer_offsets with everything else).
        t.StopCluster("a");
        t.RunUntil("60s");
        t.StartCluster("a");
        t.RunUntil("200s");

        Assert.NotNull(f.ReverseCaughtUpAt);
        Assert.True(f.ReverseCaughtUpAt > f.RecoveredAt!.Value + SimDuration.FromSeconds(10));
        var consumerBack = f.Switches.Single(s => s.App == "billing" && !s.ToStandby);
        var producerBack = f.Switches.Single(s => s.App == "orders-app" && !s.ToStandby);
        Assert.Equal(f.ReverseCaughtUpAt!.Value + SimDuration.FromSeconds(5), consumerBack.At);
        Assert.True(producerBack.At > consumerBack.At, "producers move back after the consumers");
        Assert.True(f.AckedOnStandby > 10_000, $"written on b during the failover: {f.AckedOnStandby}");
        var r = f.Reconcile(t.MirrorMaker, "orders");
        Assert.Equal(0, r.StandbyOnly);
        Assert.Same(t.A, billing.Cluster);
        // Back on a the consumer read b's writes through b.orders from the translated checkpoint, skipping none.
        var g = t.Deliveries.Group("billing");
        Assert.Equal(0, g.Skipped(billing.Cluster, t.MirrorMaker.ClusterId(billing.Cluster.Name), billing.Consumer!, SimTime.Zero));
        // a's own topic resumes from the group's commits there, not from auto.offset.reset=earliest: about 10,000
        // records are read twice (the failover's and the failback's commit and checkpoint windows) where reading
        // a's topic again from the start reprocesses about 35,000.
        Assert.InRange(g.Reprocessed, 1, 20_000);
    }
}
