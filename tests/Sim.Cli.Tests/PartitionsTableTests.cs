using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>timeseries/RUN.partitions.csv</c>: every replica's role, ISR membership and offsets as the run ended, the figures
/// kafkatest's replication tests and KIP-101's acceptance tests compare per partition. A follower crashed for good
/// (<c>broker-crash</c>, power loss, no duration) is out of the ISR and offline, its log end behind its leader's;
/// the two replicas left are in sync, each with the leader's log end offset, and the leader's high watermark is its
/// log end offset once the producer has stopped (Kafka's high watermark: the minimum log end offset over the ISR, Partition.maybeIncrementLeaderHW).
/// </summary>
public class PartitionsTableTests
{
    private const string Experiment = """
        name: replicas-at-end
        description: a follower lost for good
        model: MODEL
        seed: 3
        duration: 30s
        warmup: 2s
        replications: 1
        architectures:
          stretch:
            sites: [az1, az2, az3]
            brokers_per_site: 1
            controllers: { az1: 1, az2: 1, az3: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: az1, topic: orders, rate: 200/s, keys: 100, stop: 25s, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: stretch-broker-3, mode: hard }
        outputs: { timeseries: all }
        """;

    [Fact]
    public void ACrashedFollower_IsOfflineOutOfTheIsrAndBehind_WhileTheOthersAreInSyncAtTheLeadersLogEnd()
    {
        string dir = TempDir("partitions");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "replicas.yaml");
        File.WriteAllText(file, Experiment.Replace("MODEL", Path.Combine(Root(), "models", "three-az.yaml"), StringComparison.Ordinal));
        var (exit, _, err) = Exec(["run", file, "--out", Path.Combine(dir, "out"), "-q"]);
        Assert.True(exit == 0, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "out", "timeseries", "000000.partitions.csv"));
        Assert.Equal("cluster,topic,partition,broker,role,in_isr,online,log_start_offset,log_end_offset,high_watermark,leader_epoch", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(r => r[1] == "orders").ToList();
        Assert.Equal(9, rows.Count);
        foreach (var partition in rows.GroupBy(r => r[2]))
        {
            var leader = Assert.Single(partition, r => r[4] == "leader");
            long leo = long.Parse(leader[8]);
            Assert.True(leo > 300, $"orders-{partition.Key}: leader log end {leo}");
            Assert.Equal(leo, long.Parse(leader[9]));
            var crashed = Assert.Single(partition, r => r[3] == "3");
            Assert.Equal(["follower", "false", "false"], crashed[4..7]);
            Assert.True(long.Parse(crashed[8]) < leo, $"orders-{partition.Key}: the crashed replica's log end {crashed[8]} against {leo}");
            Assert.All(partition.Where(r => r[3] != "3"), r =>
            {
                Assert.Equal(["true", "true"], r[5..7]);
                Assert.Equal(leo, long.Parse(r[8]));
            });
        }
    }

    /// <summary>
    /// <c>RUN.deliveries.csv</c> and <c>RUN.consumers.csv</c>: a group reading all three partitions from az2 while no
    /// fault touches its reads has every partition's records counted, none twice or skipped, and each of its
    /// partitions fetched from its leader (no replica.selector.class, so no preferred read replica, KIP-392).
    /// </summary>
    [Fact]
    public void AGroupReadingEveryPartition_HasItsDeliveriesPerPartitionAndItsConsumersFetchSources()
    {
        string dir = TempDir("deliveries");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "deliveries.yaml");
        string yaml = Experiment.Replace("MODEL", Path.Combine(Root(), "models", "three-az.yaml"), StringComparison.Ordinal)
            .Replace("  - { at: 10s, kind: broker-crash, target: stretch-broker-3, mode: hard }", "  []", StringComparison.Ordinal)
            .Replace("faults:\n  []", "faults: []", StringComparison.Ordinal)
            .Replace("config: { acks: all } }", "config: { acks: all } }\n  consumers:\n    - { zone: az2, group: billing, topic: orders }", StringComparison.Ordinal);
        File.WriteAllText(file, yaml);
        var (exit, _, err) = Exec(["run", file, "--out", Path.Combine(dir, "out"), "-q"]);
        Assert.True(exit == 0, err);

        var deliveries = File.ReadAllLines(Path.Combine(dir, "out", "timeseries", "000000.deliveries.csv"));
        Assert.Equal("group,cluster,topic,partition,records,duplicates,skipped", deliveries[0]);
        var rows = deliveries.Skip(1).Select(l => l.Split(',')).Where(r => r[0] == "billing").ToList();
        Assert.Equal(["0", "1", "2"], rows.Select(r => r[3]).Order());
        Assert.All(rows, r => Assert.True(long.Parse(r[4]) > 300 && r[5] == "0", string.Join(',', r)));

        var consumers = File.ReadAllLines(Path.Combine(dir, "out", "timeseries", "000000.consumers.csv"));
        Assert.Equal("cluster,group,consumer,topic,partition,position,fetching_from,preferred_read_replica", consumers[0]);
        var assigned = consumers.Skip(1).Select(l => l.Split(',')).Where(r => r[1] == "billing").ToList();
        Assert.Equal(["0", "1", "2"], assigned.Select(r => r[4]).Order());
        Assert.All(assigned, r => Assert.Equal("-1", r[7]));
        Assert.All(assigned, r => Assert.True(int.Parse(r[6]) >= 1, string.Join(',', r)));
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Simulator.sln above the test binaries");
    }
}
