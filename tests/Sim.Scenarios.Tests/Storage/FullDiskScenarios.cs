using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Storage;

/// <summary>
/// A broker's log disk fills under load. Broker 1 holds a replica of all three partitions, brokers 2-4 one each,
/// on 1 GiB disks, so broker 1's disk fills first, after about a minute of 20 MB/s. Sources: KIP-112 (a failed
/// write takes the log directory offline: LogDirFailureChannel, ReplicaManager.handleLogDirFailure), LogManager
/// .handleLogDirFailure ("Shutdown broker because all log dirs in ... have failed", Exit.halt), KIP-858 (in KRaft
/// the broker reports offline directories in its heartbeat and the controller moves leadership off their
/// replicas), and the topic configs <c>retention.bytes</c> and <c>segment.bytes</c> (UnifiedLog.deleteOldSegments).
/// </summary>
public class FullDiskScenarios(ITestOutputHelper output)
{
    private static string Yaml(string model) => $$"""
        name: full-disk
        model: tests/Sim.Scenarios.Tests/Data/{{model}}.yaml
        seed: 5
        duration: 100s
        warmup: 5s
        architectures:
          custom: { client_clusters: { z1: main } }
        topics:
          big: { partitions: 3, replication.factor: 2, min.insync.replicas: 1, replicas: [[1, 2], [1, 3], [1, 4]] }
        workload:
          producers:
            - { zone: z1, topic: big, rate: 20MB/s, record.size: 100KiB, keys: 30, config: { acks: all } }
        """;

    /// <summary>Source: KIP-112; LogManager.handleLogDirFailure (a broker whose every log directory failed halts); KRaft fencing after broker.session.timeout.ms.</summary>
    [Fact]
    public void ABrokerWhoseOnlyLogDiskFillsHaltsAndItsPartitionsMoveToTheirOtherReplicas()
    {
        var o = Scenario.Run(Yaml("small-disk"));
        output.WriteLine(o.Brief());
        output.WriteLine($"storage used max {o.Result.Metric(Sim.Results.MetricCatalog.BrokerStorageUsedMax):0.000}, dirs offline {o.Result.Metric(Sim.Results.MetricCatalog.LogDirsOffline)}, acked {o.Result.RecordsAcked}");
        double full = o.FirstTime("log-dir", "broker 1 takes log directory 0 offline", "disk full");
        // 1 GiB at 20 MB/s: the disk fills a little under a minute in.
        Assert.InRange(full, 45, 65);
        Assert.Equal(1, o.Result.Metric(Sim.Results.MetricCatalog.LogDirsOffline));
        Assert.InRange(o.Result.Metric(Sim.Results.MetricCatalog.BrokerStorageUsedMax), 0.99, 1.0);
        // With its only directory gone the broker halts; the controller fences it when its session lapses and
        // moves each partition to its other replica.
        double fenced = o.FirstTime("fenced", "broker 1");
        Assert.InRange(fenced - full, 1, 12);
        foreach (var p in new[] { "big-0", "big-1", "big-2" }) Assert.NotNull(o.Find($"{p}: the leader moves from broker 1"));
        Assert.Equal(0, o.Result.AckedRecordsLost);
    }

    /// <summary>Source: KIP-112 and KIP-858: with several log directories only the full one goes offline; the broker stays up and the controller moves leadership off that directory's replicas alone.</summary>
    [Fact]
    public void WithTwoLogDisksOnlyTheFullDirectoryGoesOfflineAndTheBrokerKeepsServingTheOther()
    {
        var o = Scenario.Run(Yaml("small-disks"));
        output.WriteLine(o.Brief());
        // Broker 1 places its replicas round-robin: big-0 and big-2 in directory 0, big-1 in directory 1.
        Assert.NotNull(o.Find("broker 1 takes log directory 0 offline"));
        Assert.Null(o.Find("the controller fences broker 1"));
        Assert.NotNull(o.Find("big-0: the leader moves from broker 1"));
        Assert.NotNull(o.Find("big-2: the leader moves from broker 1"));
        Assert.Null(o.Find("big-1: the leader moves from broker 1"));
    }

    /// <summary>Source: topic configs retention.bytes and segment.bytes; UnifiedLog.deleteRetentionSizeBreachedSegments; log.retention.check.interval.ms.</summary>
    [Fact]
    public void RetentionBytesKeepsTheSameLoadFromFillingTheDisk()
    {
        var o = Scenario.Run(Yaml("small-disk"), 0,
            "topics.big.retention.bytes=200MB", "topics.big.segment.bytes=20MB",
            "architectures.custom.broker.log.retention.check.interval.ms=5s");
        output.WriteLine(o.Brief());
        double used = o.Result.Metric(Sim.Results.MetricCatalog.BrokerStorageUsedMax);
        output.WriteLine($"storage used max {used:0.000}");
        Assert.Equal(0, o.Result.Metric(Sim.Results.MetricCatalog.LogDirsOffline));
        Assert.Null(o.Find("log directory", "offline"));
        // Broker 1 holds three logs of at most retention.bytes plus a segment and the writes of one check interval.
        Assert.InRange(used, 0.4, 0.85);
        var broker = o.Run.Simulation.Cluster("main").Broker(1);
        Assert.All(broker.Replicas.Where(p => p.Info.Topic.Name == "big"), p => Assert.True(p.Log.LogStartOffset > 0, $"{p.Info.Name} log start {p.Log.LogStartOffset}"));
    }
}
