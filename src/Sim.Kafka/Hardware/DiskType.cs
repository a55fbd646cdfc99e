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

    /// <summary>Price of IOPS provisioned above the included <see cref="Iops"/>, USD per IOPS-month.</summary>
    public double PriceUsdPerIopsMonth { get; init; }

    /// <summary>Price of throughput provisioned above the included <see cref="ThroughputMBps"/>, USD per MB/s-month.</summary>
    public double PriceUsdPerMBpsMonth { get; init; }

    /// <summary>When the figures were read from the provider's pages (see docs/hardware.md).</summary>
    public string AsOf { get; init; } = HardwareCatalog.AsOf;
}
