namespace Sim.Kafka.Hardware;

/// <summary>
/// A virtual machine type as a cloud sells it: vCPUs, memory, network bandwidth (baseline and the "up to"
/// burst), the bandwidth it has to block storage, its local disks if any, and its on-demand price. Figures,
/// sources and dates are in docs/hardware.md; a model may override each one.
/// </summary>
/// <param name="Name">The provider's name (<c>m6i.2xlarge</c>).</param>
/// <param name="Cloud"><c>aws</c>, <c>azure</c> or <c>gcp</c>.</param>
/// <param name="Vcpus">vCPUs: the cores the broker's threads share.</param>
/// <param name="MemoryGiB">Memory, GiB: the JVM heap and the page cache.</param>
/// <param name="NetworkBaselineGbps">Sustained bandwidth in each direction, Gbps.</param>
/// <param name="NetworkBurstGbps">The "up to" bandwidth while burst credits last; equal to the baseline when there is no burst.</param>
/// <param name="BlockStorageMBps">The instance's bandwidth to network block storage (EBS-optimized baseline), MB/s; 0 when unlimited or unpublished.</param>
public sealed record InstanceType(
    string Name, string Cloud, int Vcpus, double MemoryGiB, double NetworkBaselineGbps, double NetworkBurstGbps, double BlockStorageMBps)
{
    /// <summary>Local disks that come with the instance (instance store NVMe): their type and count, null when none.</summary>
    public (DiskType Type, int Count, double SizeGB)? LocalDisks { get; init; }

    /// <summary>On-demand price, USD per hour, Linux, in <see cref="PriceRegion"/>.</summary>
    public double PriceUsdPerHour { get; init; }

    /// <summary>The region whose price <see cref="PriceUsdPerHour"/> is.</summary>
    public string PriceRegion { get; init; } = "us-east-1";

    /// <summary>
    /// The MTU the provider's network carries between instances: AWS 9,001 (EC2 User Guide, "Network maximum transmission
    /// unit (MTU) for your EC2 instance": every current-generation type supports jumbo frames), GCP 1,460 (VPC default,
    /// "Maximum transmission unit"), Azure 1,500.
    /// </summary>
    public int Mtu => Cloud switch { "aws" => 9001, "gcp" => 1460, _ => 1500 };

    /// <summary>When the figures were read from the provider's pages (see docs/hardware.md).</summary>
    public string AsOf { get; init; } = HardwareCatalog.AsOf;
}
