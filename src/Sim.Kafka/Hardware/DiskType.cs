namespace Sim.Kafka.Hardware;

/// <summary>
/// A kind of log disk as a cloud sells it (EBS gp3/io2/st1, Azure Premium SSD, GCP pd-ssd, local NVMe):
/// what one volume delivers by default and at most, the I/O size the provider counts as one operation,
/// and its price. Figures, sources and dates are in docs/hardware.md; a model may override each one.
/// </summary>
/// <param name="Name">The provider's name (<c>gp3</c>).</param>
/// <param name="ThroughputMBps">Default throughput per volume, MB/s (10^6 bytes); for size-scaled types, per TiB of size.</param>
/// <param name="Iops">Default IOPS per volume; for size-scaled types, per GiB of size.</param>
/// <param name="MaxThroughputMBps">The most one volume delivers, MB/s.</param>
/// <param name="MaxIops">The most IOPS one volume delivers.</param>
/// <param name="IoSizeKiB">The largest I/O counted as one operation (AWS: 256 KiB on SSD, 1 MiB on HDD).</param>
/// <param name="ScaleUnitGiB">0 when throughput and IOPS are provisioned; otherwise they are given per this many GiB of size and grow with it (st1: per TiB, pd-ssd: per GiB).</param>
/// <param name="Local">Instance storage (local NVMe): comes with the instance, priced in it.</param>
public sealed record DiskType(
    string Name, double ThroughputMBps, int Iops, double MaxThroughputMBps, int MaxIops, int IoSizeKiB, double ScaleUnitGiB, bool Local)
{
    /// <summary>Storage price, USD per GB-month (0 for local disks, priced in the instance).</summary>
    public double PriceUsdPerGbMonth { get; init; }

    /// <summary>Price of IOPS provisioned above <see cref="IncludedIops"/>, USD per IOPS-month (0 when IOPS are not sold apart).</summary>
    public double PriceUsdPerIopsMonth { get; init; }

    /// <summary>Price of throughput provisioned above <see cref="IncludedThroughputMBps"/>, USD per MB/s-month (0 when not sold apart).</summary>
    public double PriceUsdPerMBpsMonth { get; init; }

    /// <summary>IOPS that come with the storage price (gp3: 3,000); io2 includes none, every provisioned IOPS is billed.</summary>
    public int IncludedIops { get; init; }

    /// <summary>Throughput that comes with the storage price, MB/s (gp3: 125 MiB/s).</summary>
    public double IncludedThroughputMBps { get; init; }

    /// <summary>When the figures were read from the provider's pages (see docs/hardware.md).</summary>
    public string AsOf { get; init; } = HardwareCatalog.AsOf;
}
