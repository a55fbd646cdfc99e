using static Sim.Cli.Tests.CliRun;

namespace Sim.Cli.Tests;

/// <summary>
/// A capacity search names the resource that binds at its limit (search.csv's binding_resource; ProbeJudge.Binding):
/// one three-AZ cluster of m6i.2xlarge brokers (RF 3, acks=all), made to break on its card, its disks, its cores or
/// its producers' pipeline by changing that one thing. docs/hardware.md ("What binds") gives the figures.
/// </summary>
public class CapacityBindingTests
{
    private const string Experiment = """
        name: binding
        description: which resource binds a three-AZ cluster's produce throughput
        model: MODEL
        seed: 7
        duration: 4s
        warmup: 1s
        replications: 1
        architectures:
          stretch:
            sites: [az1, az2, az3]
            brokers_per_site: 1
            controllers: { az1: 1, az2: 1, az3: 1 }
            hardware:
              instance: m6i.2xlarge
              network: { burst.credits.seconds: 0 }
              disks: { type: gp3, size: 2TiB, throughput: 1000MiB/s, iops: 16000 }
            broker: { offsets.topic.num.partitions: 3 }
        topics:
          events: { partitions: 48, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: az1, count: 2, topic: events, rate: 5MB/s, keys: 10000, record.size: 1KiB,
                config: { acks: all, linger.ms: 20, batch.size: 262144 } }
        search:
          key: workload.producers.0.rate
          min: 5MB/s
          max: 640MB/s
          precision: 0.15
          max_probes: 6
          sla:
            - produce_latency_ms_p99 < 100ms
            - records_failed == 0
        outputs: { timeseries: none }
        """;

    /// <summary>The binding resource the search names, after running it with <paramref name="sets"/>.</summary>
    private static string BindingResource(params string[] sets)
    {
        string dir = TempDir("binding");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "binding.yaml");
        File.WriteAllText(file, Experiment.Replace("MODEL", Path.Combine(RepoRoot(), "models", "three-az.yaml"), StringComparison.Ordinal));
        var args = new List<string> { "run", file, "--out", Path.Combine(dir, "out"), "-q" };
        foreach (var s in sets) args.AddRange(["--set", s]);
        var (exit, _, err) = Exec([.. args]);
        Assert.True(exit == 0, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "out", "search.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "binding_resource");
        return lines[1].Split(',')[column];
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Simulator.sln above the test binaries");
    }

    /// <summary>Cards of 500 Mbps without burst and eight producers: the receiving side of a card binds.</summary>
    [Fact]
    public void ASlowCard_IsNamed()
    {
        string named = BindingResource("architectures.stretch.hardware.network.baseline=500Mbps", "architectures.stretch.hardware.network.burst=500Mbps",
            "workload.producers.0.count=8", "search.min=1MB/s");
        Assert.EndsWith("nic_in", named, StringComparison.Ordinal);
    }

    /// <summary>
    /// gp3 at its included 125 MiB/s under a page cache of 2 GiB that stalls writers at 2 % dirty (vm.dirty_ratio): the
    /// disk binds, through write-back stalls rather than an SLA on its utilisation.
    /// </summary>
    [Fact]
    public void ASlowDisk_IsNamed()
    {
        string named = BindingResource("architectures.stretch.hardware.memory=8GiB", "architectures.stretch.hardware.vm.dirty_ratio=2",
            "architectures.stretch.hardware.disks.throughput=125MiB/s", "architectures.stretch.hardware.disks.iops=3000");
        Assert.EndsWith("disk", named, StringComparison.Ordinal);
    }

    /// <summary>One core, gzip from the producers recompressed to zstd by the brokers (LogValidator): the cores bind.</summary>
    [Fact]
    public void OneCoreRecompressing_IsNamed()
    {
        string named = BindingResource("architectures.stretch.hardware.cores=1", "workload.producers.0.config.compression.type=gzip",
            "architectures.stretch.broker.compression.type=zstd");
        Assert.EndsWith("cpu", named, StringComparison.Ordinal);
    }

    /// <summary>
    /// One producer, one request in flight, 16 KiB batches, no linger, three partitions: each request waits a cross-AZ
    /// replication round while cards, disks and cores stay nearly idle, so the producer pipeline binds.
    /// </summary>
    [Fact]
    public void AProducerPipelineOfOneSmallRequest_IsNamed()
    {
        string named = BindingResource("topics.events.partitions=3", "workload.producers.0.count=1", "workload.producers.0.config.linger.ms=0",
            "workload.producers.0.config.batch.size=16384", "workload.producers.0.config.max.in.flight.requests.per.connection=1", "search.min=1MB/s");
        Assert.EndsWith("produce_pipeline", named, StringComparison.Ordinal);
    }
}
