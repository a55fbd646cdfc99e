using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.MirrorMaker;

/// <summary>
/// A consumer group fails over from primary a to standby b when site a goes dark at 45 s (probe detection,
/// DNS redirection), and resumes from offsets MirrorMaker 2 translated. Source: KIP-382 (MirrorCheckpointConnector
/// emits each group's translated offsets as checkpoints every <c>emit.checkpoints.interval.seconds</c>, and a
/// consumer failing over starts from them; translation never passes the true position, so failover may re-deliver
/// but does not skip, KAFKA-14666);
/// KIP-545 (<c>sync.group.offsets.enabled</c> writes the translated offsets into the target cluster's
/// <c>__consumer_offsets</c> every <c>sync.group.offsets.interval.seconds</c>).
/// </summary>
public class ConsumerFailoverScenarios(ITestOutputHelper output)
{
    private const string PrimaryLost = """
        name: consumer-failover
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 75s
        warmup: 10s
        architectures:
          active-passive:
            primary: a
            standby: b
            primary_cluster: { brokers: 3, controllers: 1 }
            standby_cluster: { brokers: 3, controllers: 1 }
            broker: { offsets.topic.num.partitions: 1 }
            mirror: { emit.checkpoints.interval.seconds: 5, sync.group.offsets.enabled: false, sync.group.offsets.interval.seconds: 5 }
            failover: { detection: probe, probe.interval: 2s, probe.failures: 3, redirect: dns, dns.ttl: 5s, consumers.resume: checkpoint }
        topics:
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 300/s, keys: 100, config: { acks: all } }
          consumers:
            - { zone: c, group: billing, topic: orders, config: { auto.commit.interval.ms: 1000, auto.offset.reset: earliest } }
        faults:
          - { at: 45s, kind: site-outage, target: a }
        """;

    /// <summary>Source: KIP-382 (checkpoints every <c>emit.checkpoints.interval.seconds</c>); KAFKA-14666 (translated offsets never ahead of the true position).</summary>
    [Fact]
    public void RecordsDeliveredTwiceAfterFailoverGrowWithTheCheckpointIntervalAndNoneAreSkipped()
    {
        var every5 = Scenario.Run(PrimaryLost);
        var every30 = Scenario.Run(PrimaryLost, 0, "architectures.active-passive.mirror.emit.checkpoints.interval.seconds=30");
        output.WriteLine(every5.Brief());
        output.WriteLine($"emit.checkpoints.interval.seconds 5: {every5.Result.Duplicates} redelivered, {every5.Result.RecordsSkipped} skipped; " +
                         $"30: {every30.Result.Duplicates} redelivered, {every30.Result.RecordsSkipped} skipped");
        Assert.NotNull(every5.Find("application 'consumer-c-billing' switches to b"));
        Assert.True(every5.Result.Duplicates > 0, "nothing was redelivered after failing over from a checkpoint");
        Assert.True(every30.Result.Duplicates > 2 * every5.Result.Duplicates, $"{every30.Result.Duplicates} against {every5.Result.Duplicates}");
        // At 300 records/s a checkpoint interval can redeliver at most its own span plus the commit interval and the detection time.
        Assert.True(every5.Result.Duplicates < 300 * (5 + 1 + 8), $"{every5.Result.Duplicates}");
        Assert.Equal(0, every5.Result.RecordsSkipped);
        Assert.Equal(0, every30.Result.RecordsSkipped);
    }

    /// <summary>Source: KIP-545 (with synced group offsets a failed-over consumer finds its group's offsets on the target with no change to the application; without them a group new to the target starts by <c>auto.offset.reset</c>, here earliest: the whole mirrored history again).</summary>
    [Fact]
    public void WithGroupOffsetSyncAFailedOverConsumerResumesNearWhereItWasInsteadOfFromTheBeginning()
    {
        var synced = Scenario.Run(PrimaryLost, 0, "architectures.active-passive.mirror.sync.group.offsets.enabled=true", "architectures.active-passive.failover.consumers.resume=synced-offsets");
        var notSynced = Scenario.Run(PrimaryLost, 0, "architectures.active-passive.failover.consumers.resume=synced-offsets");
        long mirrored = notSynced.Run.Simulation.MirrorMaker!.Flow("a", "b").Metrics.RecordsMirrored;
        output.WriteLine($"sync.group.offsets.enabled=true: {synced.Result.Duplicates} redelivered; false: {notSynced.Result.Duplicates} redelivered of {mirrored} records mirrored; skipped {synced.Result.RecordsSkipped} / {notSynced.Result.RecordsSkipped}");
        Assert.True(synced.Run.Simulation.MirrorMaker!.Flow("a", "b").Metrics.GroupOffsetsSynced > 0);
        Assert.True(synced.Result.Duplicates < 300 * (5 + 1 + 8), $"{synced.Result.Duplicates}");
        Assert.True(notSynced.Result.Duplicates > 0.9 * mirrored, $"{notSynced.Result.Duplicates} of {mirrored}");
        Assert.Equal(0, synced.Result.RecordsSkipped + notSynced.Result.RecordsSkipped);
    }
}
