namespace Sim.Kafka.Hardware;

/// <summary>
/// The presets a model may name: instance types and disk types of AWS, Azure and GCP with their
/// performance figures and prices. This is the one table of them; docs/hardware.md gives each figure's
/// source and date, and says which figures come from elsewhere where the provider publishes none (local NVMe
/// sequential throughput, measured by Seastar iotune) or are assumed (the size of AWS's network credit bucket).
/// </summary>
public static class HardwareCatalog
{
    /// <summary>When the figures were read.</summary>
    public const string AsOf = "2026-12";

    // EBS (EC2 User Guide, "Amazon EBS volume types"; prices from "Amazon EBS pricing", us-east-1).
    public static readonly DiskType Gp3 = new("gp3", 125 * 1.048576, 3000, 2000 * 1.048576, 80000, 256, ScaleUnitGiB: 0, Local: false)
    { PriceUsdPerGbMonth = 0.08, PriceUsdPerIopsMonth = 0.005, PriceUsdPerMBpsMonth = 0.04 / 1.048576, IncludedIops = 3000, IncludedThroughputMBps = 125 * 1.048576 };
    public static readonly DiskType Io2 = new("io2", 1000 * 1.048576, 16000, 4000 * 1.048576, 256000, 256, ScaleUnitGiB: 0, Local: false)
    { PriceUsdPerGbMonth = 0.125, PriceUsdPerIopsMonth = 0.065 };
    // st1: 40 MiB/s of baseline per TiB, at most 500 MiB/s and 500 IOPS of 1 MiB.
    public static readonly DiskType St1 = new("st1", 40 * 1.048576, 500, 500 * 1.048576, 500, 1024, ScaleUnitGiB: 1024, Local: false)
    { PriceUsdPerGbMonth = 0.045 };

    // Azure Premium SSD P30 (1 TiB: 5,000 IOPS, 200 MB/s) and GCP pd-ssd (per GiB: 30 IOPS, 0.48 MB/s).
    public static readonly DiskType PremiumSsdP30 = new("premium-ssd-p30", 200, 5000, 200, 5000, 256, ScaleUnitGiB: 0, Local: false)
    { PriceUsdPerGbMonth = 0.132 };
    public static readonly DiskType PdSsd = new("pd-ssd", 0.48 * 1024, 30, 1200, 100000, 256, ScaleUnitGiB: 1, Local: false)
    { PriceUsdPerGbMonth = 0.17 };

    // i3en instance store NVMe, per device: AWS publishes 4 KiB random write IOPS per instance and no sequential
    // rate. The write bandwidth is Seastar iotune's measurement of each size's device as Redpanda ships it
    // (redpanda-data/redpanda, src/go/rpk/pkg/tuners/iotune/data.go: i3en.large 165,675,008 B/s for its 1,250 GB
    // device, i3en.xlarge 333,447,168 B/s for a 2,500 GB device, i3en.3xlarge 1,024,458,752 B/s for a 7,500 GB one;
    // the two-device sizes are twice these). docs/hardware.md.
    private static DiskType Nvme(string name, int writeIops, double writeMBps) =>
        new(name, writeMBps, writeIops, writeMBps, writeIops, 256, ScaleUnitGiB: 0, Local: true);

    // A 7200 RPM SATA drive in the machine (no provider, no price): LinkedIn's 2014 benchmark measured about 822 MB/s
    // of linear I/O over six of them ("Benchmarking Apache Kafka: 2 Million Writes Per Second"), 137 MB/s each; a
    // drive takes about 120 seeks a second (8.3 ms per rotation), and sequential log writes go in 1 MiB I/Os.
    public static readonly DiskType SataHdd = new("sata-hdd", 137, 137, 137, 137, 1024, ScaleUnitGiB: 0, Local: true);

    public static readonly IReadOnlyList<DiskType> DiskTypes = [Gp3, Io2, St1, PremiumSsdP30, PdSsd, SataHdd];

    public static readonly IReadOnlyList<InstanceType> Instances =
    [
        // AWS general purpose (EC2 instance types: "General purpose instances" network and EBS specifications).
        Aws("m5.large", 2, 8, 0.75, 10, 81.25, 0.096), Aws("m5.xlarge", 4, 16, 1.25, 10, 143.75, 0.192),
        Aws("m5.2xlarge", 8, 32, 2.5, 10, 287.5, 0.384), Aws("m5.4xlarge", 16, 64, 5, 10, 593.75, 0.768),
        Aws("m6i.large", 2, 8, 0.781, 12.5, 81.25, 0.096), Aws("m6i.xlarge", 4, 16, 1.562, 12.5, 156.25, 0.192),
        Aws("m6i.2xlarge", 8, 32, 3.125, 12.5, 312.5, 0.384), Aws("m6i.4xlarge", 16, 64, 6.25, 12.5, 625, 0.768),
        Aws("m7g.large", 2, 8, 0.937, 12.5, 78.75, 0.0816), Aws("m7g.xlarge", 4, 16, 1.876, 12.5, 156.25, 0.1632),
        Aws("m7g.2xlarge", 8, 32, 3.75, 15, 312.5, 0.3264), Aws("m7g.4xlarge", 16, 64, 7.5, 15, 625, 0.6528),
        // AWS memory optimized.
        Aws("r5.large", 2, 16, 0.75, 10, 81.25, 0.126), Aws("r5.xlarge", 4, 32, 1.25, 10, 143.75, 0.252),
        Aws("r5.2xlarge", 8, 64, 2.5, 10, 287.5, 0.504), Aws("r5.4xlarge", 16, 128, 5, 10, 593.75, 1.008),
        // AWS storage optimized, with local NVMe (EC2 instance types: "Storage optimized instances").
        Aws("i3en.large", 2, 16, 2.1, 25, 72, 0.226) with { LocalDisks = (Nvme("i3en-nvme", 32500, 165.675), 1, 1250) },
        Aws("i3en.xlarge", 4, 32, 4.2, 25, 144.2, 0.452) with { LocalDisks = (Nvme("i3en-nvme", 65000, 333.447), 1, 2500) },
        Aws("i3en.2xlarge", 8, 64, 8.4, 25, 288.4, 0.904) with { LocalDisks = (Nvme("i3en-nvme", 65000, 333.447), 2, 2500) },
        Aws("i3en.3xlarge", 12, 96, 12.5, 25, 475, 1.356) with { LocalDisks = (Nvme("i3en-nvme", 200000, 1024.459), 1, 7500) },
        Aws("i3en.6xlarge", 24, 192, 25, 25, 593.75, 2.712) with { LocalDisks = (Nvme("i3en-nvme", 200000, 1024.459), 2, 7500) },
        // Azure Dsv5 (no burst: the published figure is the ceiling) and GCP N2 (egress cap; ingress unpublished, assumed equal).
        new InstanceType("Standard_D4s_v5", "azure", 4, 16, 12.5, 12.5, 250) { PriceUsdPerHour = 0.192, PriceRegion = "eastus" },
        new InstanceType("Standard_D8s_v5", "azure", 8, 32, 12.5, 12.5, 400) { PriceUsdPerHour = 0.384, PriceRegion = "eastus" },
        new InstanceType("n2-standard-4", "gcp", 4, 16, 10, 10, 0) { PriceUsdPerHour = 0.194236, PriceRegion = "us-central1" },
        new InstanceType("n2-standard-8", "gcp", 8, 32, 16, 16, 0) { PriceUsdPerHour = 0.388472, PriceRegion = "us-central1" },
    ];

    /// <summary>The instance a broker runs on when its model names none: general purpose, 8 vCPUs, 32 GiB.</summary>
    public const string DefaultInstance = "m6i.2xlarge";

    private static InstanceType Aws(string name, int vcpus, double memGiB, double baseGbps, double burstGbps, double ebsMBps, double usdPerHour) =>
        new(name, "aws", vcpus, memGiB, baseGbps, burstGbps, ebsMBps) { PriceUsdPerHour = usdPerHour };

    public static InstanceType? FindInstance(string name)
    {
        foreach (var i in Instances)
        {
            if (string.Equals(i.Name, name, StringComparison.Ordinal)) return i;
        }
        return null;
    }

    public static DiskType? FindDisk(string name)
    {
        foreach (var d in DiskTypes)
        {
            if (string.Equals(d.Name, name, StringComparison.Ordinal)) return d;
        }
        return null;
    }
}
