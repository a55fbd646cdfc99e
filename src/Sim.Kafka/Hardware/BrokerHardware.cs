using Sim.Core;

namespace Sim.Kafka.Hardware;

/// <summary>
/// The machine a broker runs on, resolved from a preset (<see cref="HardwareCatalog"/>) and a model's
/// overrides: cores its network and request-handler threads share, memory (JVM heap plus the page cache),
/// a network card, log disks, and the price of the instance. Immutable; every broker of a cluster runs on one.
/// </summary>
public sealed record BrokerHardware
{
    /// <summary>The preset the machine started from (for reports and the bill).</summary>
    public string Instance { get; init; } = HardwareCatalog.DefaultInstance;

    /// <summary>vCPUs the broker's threads share.</summary>
    public int Cores { get; init; } = 8;

    public long MemoryBytes { get; init; } = 32L << 30;

    /// <summary>
    /// The JVM heap, which the page cache cannot use. Kafka's documentation ("Java Version", production
    /// settings) runs brokers with <c>-Xmx6g</c>; <c>kafka-server-start.sh</c> defaults to 1 GiB.
    /// </summary>
    public long JvmHeapBytes { get; init; } = 6L << 30;

    public Bandwidth NetworkBaseline { get; init; } = new(3.125e9);

    /// <summary>The burst rate while credits last; null when the card has none.</summary>
    public Bandwidth? NetworkBurst { get; init; } = new(12.5e9);

    /// <summary>How long a full credit bucket sustains the burst (assumed; AWS publishes "typically 5 to 60 minutes").</summary>
    public double NetworkBurstSeconds { get; init; } = 300;

    /// <summary>The card's MTU (<c>network.mtu</c>); the default machine is an AWS instance with jumbo frames.</summary>
    public int NetworkMtu { get; init; } = 9001;

    /// <summary>The credits the card starts with, in seconds of burst; null starts the bucket full (<c>network.burst.credits.seconds</c>).</summary>
    public double? NetworkBurstCreditSeconds { get; init; }

    public DiskType DiskType { get; init; } = HardwareCatalog.Gp3;

    /// <summary>Log directories, one disk each (<c>log.dirs</c>).</summary>
    public int DiskCount { get; init; } = 1;

    public long DiskSizeBytes { get; init; } = 1L << 40;

    /// <summary>Throughput of one disk, bytes per second.</summary>
    public double DiskThroughputBytesPerSecond { get; init; } = 125 * 1048576.0;

    /// <summary>IOPS of one disk.</summary>
    public int DiskIops { get; init; } = 3000;

    /// <summary>The instance's bandwidth to block storage, bytes per second (0: not limiting, as for local disks).</summary>
    public double BlockStorageBytesPerSecond { get; init; } = 312.5e6;

    public double InstancePriceUsdPerHour { get; init; } = 0.384;

    /// <summary>
    /// <c>vm.dirty_background_ratio</c>: dirty page cache, as a share of memory the page cache may use, at which
    /// the kernel's flusher threads start writing back (Linux default 10, Documentation/admin-guide/sysctl/vm.rst).
    /// </summary>
    public double DirtyBackgroundRatio { get; init; } = 0.10;

    /// <summary><c>vm.dirty_ratio</c>: dirty share at which a writing process is made to wait for write-back (Linux default 20).</summary>
    public double DirtyRatio { get; init; } = 0.20;

    /// <summary>Memory the page cache may hold: all but the JVM heap.</summary>
    public long PageCacheBytes => Math.Max(0, MemoryBytes - JvmHeapBytes);

    /// <summary>Write-back throughput of the broker's disks together, bytes per second, capped by the instance's block-storage bandwidth.</summary>
    public double LogDiskBytesPerSecond
    {
        get
        {
            double disks = DiskThroughputBytesPerSecond * DiskCount;
            return !DiskType.Local && BlockStorageBytesPerSecond > 0 ? Math.Min(disks, BlockStorageBytesPerSecond) : disks;
        }
    }

    /// <summary>IOPS of the broker's disks together.</summary>
    public long LogDiskIops => (long)DiskIops * DiskCount;

    /// <summary>A machine of preset <paramref name="instance"/>: its local disks if it has any, else one default volume of <paramref name="disk"/>.</summary>
    public static BrokerHardware Of(InstanceType instance, DiskType? disk = null)
    {
        var h = new BrokerHardware
        {
            Instance = instance.Name,
            Cores = instance.Vcpus,
            MemoryBytes = (long)(instance.MemoryGiB * (1L << 30)),
            NetworkBaseline = new Bandwidth(instance.NetworkBaselineGbps * 1e9),
            NetworkBurst = instance.NetworkBurstGbps > instance.NetworkBaselineGbps ? new Bandwidth(instance.NetworkBurstGbps * 1e9) : null,
            BlockStorageBytesPerSecond = instance.BlockStorageMBps * 1e6,
            InstancePriceUsdPerHour = instance.PriceUsdPerHour,
            NetworkMtu = instance.Mtu,
        };
        if (disk is null && instance.LocalDisks is { } local)
            return h.WithDisks(local.Type, local.Count, (long)(local.SizeGB * 1e9));
        return h.WithDisks(disk ?? HardwareCatalog.Gp3, 1, 1L << 40);
    }

    /// <summary>The machine with <paramref name="count"/> disks of <paramref name="type"/> and <paramref name="sizeBytes"/> each, at the type's default performance.</summary>
    public BrokerHardware WithDisks(DiskType type, int count, long sizeBytes)
    {
        double scale = type.ScaleUnitGiB > 0 ? sizeBytes / (type.ScaleUnitGiB * (1L << 30)) : 1;
        double mbps = Math.Min(type.ThroughputMBps * scale, type.MaxThroughputMBps);
        int iops = (int)Math.Max(1, Math.Min(type.Iops * scale, type.MaxIops));
        return this with { DiskType = type, DiskCount = count, DiskSizeBytes = sizeBytes, DiskThroughputBytesPerSecond = mbps * 1e6, DiskIops = iops };
    }

    /// <summary>The default machine: <see cref="HardwareCatalog.DefaultInstance"/> with one 1 TiB gp3 volume at gp3's included 3,000 IOPS and 125 MiB/s.</summary>
    public static readonly BrokerHardware Default = Of(HardwareCatalog.FindInstance(HardwareCatalog.DefaultInstance)!);
}
