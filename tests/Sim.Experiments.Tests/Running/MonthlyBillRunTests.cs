using Sim.Experiments.Running;
using Sim.Results;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// The monthly bill of a small fixed run, checked against figures worked out by hand from the hardware the model
/// gives (three m5.large brokers, each with a 100 GiB gp3 volume provisioned at 4,000 IOPS and 200 MB/s, and three
/// dedicated controllers) and from the bytes the run measured; then the same run with <c>outputs.prices</c>
/// overriding every price; and the utilisation thresholds flagged when a broker goes over them and not otherwise.
/// </summary>
public sealed class MonthlyBillRunTests
{
    private const string Model = """
        name: billed
        regions:
          r: { zones: { a: { racks: [a1] }, b: { racks: [b1] }, c: { racks: [c1] } } }
        links:
          defaults: { cross-zone: metro-dc }
        clusters:
          main:
            brokers: { a: 1, b: 1, c: 1 }
            controllers: { a: 1, b: 1, c: 1 }
            hardware:
              instance: m5.large
              disks: { type: gp3, size: 100GiB, iops: 4000, throughput: 200MB/s }
        """;

    private static string Experiment(string rate, string extra = "") => $$"""
        name: billed
        model: billed.yaml
        seed: 3
        duration: 12s
        warmup: 4s
        architectures:
          custom: {}
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: {{rate}}, keys: 100, record.size: 1KiB, config: { acks: all, linger.ms: 5 } }
          consumers:
            - { zone: b, group: readers, topic: orders }
        {{extra}}
        """;

    private const double MeasuredSeconds = 12 - 4, Hours = 730;

    static MonthlyBillRunTests()
    {
        System.IO.File.WriteAllText(Path.Combine(Support.ExperimentFiles.Directory, "billed.yaml"), Model);
        System.IO.File.WriteAllText(Path.Combine(Support.ExperimentFiles.Directory, "billed-slow.yaml"), Model.Replace("throughput: 200MB/s", "throughput: 1.5MB/s", StringComparison.Ordinal));
    }

    private static RunRecord Run(string yaml) => RunExecutor.Execute(Load(yaml).Run(0), new RunProgress());

    [Fact]
    public void Bill_SmallFixedRun_IsTheHostsDisksAndMeasuredTransferPricedByHand()
    {
        var run = Run(Experiment("500/s"));

        // m5.large is $0.096/h; the three controllers run on hosts of their own at the assumed $0.096/h.
        double instances = 3 * 0.096 * Hours + 3 * 0.096 * Hours;
        // Per volume: 100 GiB at $0.08, 1,000 IOPS above gp3's 3,000 at $0.005, and 200 - 131.072 MB/s above its
        // 125 MiB/s at $0.04 per MiB/s.
        double disk = 100 * 0.08 + 1000 * 0.005 + (200 - 125 * 1.048576) * 0.04 / 1.048576;
        double storage = 3 * disk;
        // The cross-zone GB measured in 8 s, carried on for 730 hours at $0.02 per GB (one region: no cross-region bytes).
        double crossZoneGb = run.Metric("cross_zone_gb");
        Assert.True(crossZoneGb > 0.01, $"the run moved {crossZoneGb} GB between zones");
        Assert.Equal(0, run.Metric("cross_region_gb"));
        double transfer = crossZoneGb * 0.02 * Hours * 3600 / MeasuredSeconds;

        Assert.Equal(instances, run.Metric("cost_month_instances_usd"), 6);
        Assert.Equal(storage, run.Metric("cost_month_storage_usd"), 6);
        Assert.Equal(transfer, run.Metric("cost_month_transfer_usd"), 6);
        Assert.Equal(instances + storage + transfer, run.Metric("cost_month_usd"), 6);
    }

    [Fact]
    public void Bill_PricesOverridden_UsesTheExperimentsPrices()
    {
        var run = Run(Experiment("500/s", """
            outputs:
              prices:
                instance_usd_per_hour: 1
                controller_usd_per_hour: 0.5
                disk_usd_per_gb_month: 0.1
                disk_usd_per_iops_month: 0.01
                disk_usd_per_mbps_month: 0
                cross_zone_usd_per_gb: 0.05
                hours_per_month: 720
            """));

        Assert.Equal(3 * 1 * 720 + 3 * 0.5 * 720, run.Metric("cost_month_instances_usd"), 6);
        Assert.Equal(3 * (100 * 0.1 + 1000 * 0.01), run.Metric("cost_month_storage_usd"), 6);
        Assert.Equal(run.Metric("cross_zone_gb") * 0.05 * 720 * 3600 / MeasuredSeconds, run.Metric("cost_month_transfer_usd"), 6);
    }

    [Fact]
    public void Thresholds_LightLoad_FlagNothing()
    {
        var run = Run(Experiment("100/s"));

        Assert.Empty(run.ThresholdCrossings);
        Assert.True(run.Metric("broker_disk_util_max") < 0.6);
    }

    [Fact]
    public void Thresholds_DisksSlowerThanTheWrites_FlagEveryBrokersDiskForTheMeasuredIntervals()
    {
        // 2,000 records/s of 1 KiB: every broker holds every partition, so each writes about 2 MB/s back, to
        // disks provisioned at 1.5 MB/s in the slow model and at 200 MB/s in the other.
        var slow = Run(Experiment("2000/s").Replace("model: billed.yaml", "model: billed-slow.yaml", StringComparison.Ordinal));
        var fast = Run(Experiment("2000/s"));

        var disk = slow.ThresholdCrossings.Where(c => c.Resource == "disk").ToList();
        Assert.Equal([1, 2, 3], disk.Select(c => c.Broker));
        Assert.All(disk, c => Assert.Equal(0.6, c.Threshold));
        // Only whole intervals after the warm-up count: at most the 8 measured seconds.
        Assert.All(disk, c => Assert.InRange(c.Seconds, 1, MeasuredSeconds));
        Assert.All(disk, c => Assert.True(c.Peak > 0.6));
        Assert.Empty(fast.ThresholdCrossings);
    }
}
