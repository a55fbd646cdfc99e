namespace Sim.Architectures.Metrics;

/// <summary>
/// The price table a run's monthly bill is computed with, in US dollars, as read in us-east-1 in
/// <see cref="AsOf"/> (docs/cost.md gives each figure's source and says which are assumed). Instance and disk
/// prices come from each broker's hardware (<see cref="Sim.Kafka.Hardware.HardwareCatalog"/>) unless a price
/// here overrides them; the rest are here only. The transfer defaults are AWS's published on-demand EC2 data
/// transfer prices: $0.01/GB charged on each side of a transfer between availability zones of a region ($0.02
/// per GB moved), and $0.02/GB for transfer from a US region to another region.
/// </summary>
/// <param name="CrossZonePerGb">USD per GB moved between zones of one region (both sides' charges together).</param>
/// <param name="CrossRegionPerGb">USD per GB moved between regions.</param>
public sealed record Prices(double CrossZonePerGb, double CrossRegionPerGb)
{
    public static readonly Prices AwsDefaults = new(0.02, 0.02);

    /// <summary>When the defaults were read.</summary>
    public const string AsOf = "2026-12";

    /// <summary>Hours in the billed month: AWS's pricing pages and calculator bill a month as 730 hours (8,760 / 12).</summary>
    public double HoursPerMonth { get; init; } = 730;

    /// <summary>Overrides every broker host's instance price, USD per hour; null: each broker's hardware price.</summary>
    public double? InstanceUsdPerHour { get; init; }

    /// <summary>
    /// A dedicated KRaft controller host, USD per hour. Assumed: an m6i.large on demand ($0.096/h), since a
    /// controller holds only the metadata log; Kafka publishes no sizing for it.
    /// </summary>
    public double ControllerUsdPerHour { get; init; } = 0.096;

    /// <summary>Overrides the log disks' storage price, USD per GB-month (GiB as AWS bills it); null: the disk type's price.</summary>
    public double? DiskUsdPerGbMonth { get; init; }

    /// <summary>Overrides the price of IOPS provisioned above what the disk type includes, USD per IOPS-month.</summary>
    public double? DiskUsdPerIopsMonth { get; init; }

    /// <summary>Overrides the price of throughput provisioned above what the disk type includes, USD per MB/s-month.</summary>
    public double? DiskUsdPerMBpsMonth { get; init; }

    /// <summary>Object storage for the remote tier, USD per GB-month: S3 Standard's first 50 TB in us-east-1.</summary>
    public double ObjectStorageUsdPerGbMonth { get; init; } = 0.023;
}
