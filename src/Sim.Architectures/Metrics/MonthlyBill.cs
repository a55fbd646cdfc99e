using Sim.Kafka.Hardware;

namespace Sim.Architectures.Metrics;

/// <summary>
/// What a deployment costs per month at the load a run measured, in USD: instances (every broker and dedicated
/// controller host running the whole month), disks as provisioned, object storage, and data transfer. Hosts and
/// disks are billed for what is provisioned, whatever the load; object storage and transfer are the run's
/// measured rates carried on for the month. Instance hours are billed as AWS bills on-demand Linux instances,
/// disks as the "Amazon EBS pricing" page bills gp3 and io2 volumes (per GB-month of provisioned size, per IOPS
/// and MB/s provisioned above what the type includes), transfer per GB moved (docs/cost.md).
/// </summary>
/// <remarks>
/// Simplifications: io2 IOPS are billed at one rate (AWS charges less per IOPS above 32,000 and 64,000); S3
/// requests, snapshots, MirrorMaker 2 Connect workers and client hosts are not billed; the model has no links to
/// the internet, so nothing is billed as internet egress.
/// </remarks>
public sealed record MonthlyBill(double InstancesUsd, double DisksUsd, double ObjectStorageUsd, double TransferUsd)
{
    /// <summary>Disks and object storage.</summary>
    public double StorageUsd => DisksUsd + ObjectStorageUsd;

    public double TotalUsd => InstancesUsd + StorageUsd + TransferUsd;

    /// <summary>What the run measured, as the bill needs it.</summary>
    /// <param name="Brokers">The hardware of every broker host.</param>
    /// <param name="ControllerHosts">KRaft controllers on hosts of their own (combined-mode controllers run on a broker host, already billed).</param>
    /// <param name="MeasuredSeconds">Simulated time after the warm-up.</param>
    /// <param name="CrossZoneBytes">Bytes between zones after the warm-up, cross-region bytes included.</param>
    /// <param name="CrossRegionBytes">Bytes between regions after the warm-up.</param>
    /// <param name="ObjectStoreBytes">Bytes written to object stores after the warm-up (uploads and cross-region copies).</param>
    /// <param name="ObjectRetentionSeconds">How long the object stores keep what they are given (the topics' retention.ms).</param>
    public sealed record Usage(
        IReadOnlyList<BrokerHardware> Brokers, int ControllerHosts, double MeasuredSeconds,
        long CrossZoneBytes, long CrossRegionBytes, long ObjectStoreBytes, double ObjectRetentionSeconds);

    public static MonthlyBill Of(Usage usage, Prices prices)
    {
        double hours = prices.HoursPerMonth, monthSeconds = hours * 3600;
        double instances = usage.ControllerHosts * prices.ControllerUsdPerHour * hours;
        double disks = 0;
        foreach (var hw in usage.Brokers)
        {
            instances += (prices.InstanceUsdPerHour ?? hw.InstancePriceUsdPerHour) * hours;
            disks += hw.DiskCount * Disk(hw, prices);
        }
        // Measured bytes per second carried on for the month: a run too short to measure bills no traffic.
        double perMonth = usage.MeasuredSeconds > 0 ? monthSeconds / usage.MeasuredSeconds : 0;
        double transfer = perMonth * ((usage.CrossZoneBytes - usage.CrossRegionBytes) / 1e9 * prices.CrossZonePerGb + usage.CrossRegionBytes / 1e9 * prices.CrossRegionPerGb);
        // A store that keeps objects for the retention holds, once full, the rate times the retention; longer
        // retention is billed as one month's writes (what the store holds by the month's end).
        double heldGb = usage.MeasuredSeconds > 0
            ? usage.ObjectStoreBytes / usage.MeasuredSeconds * Math.Min(usage.ObjectRetentionSeconds, monthSeconds) / 1e9
            : 0;
        return new MonthlyBill(instances, disks, heldGb * prices.ObjectStorageUsdPerGbMonth, transfer);
    }

    /// <summary>One log disk for a month: its size in GiB (as AWS bills "GB") and what is provisioned above the type's included performance.</summary>
    private static double Disk(BrokerHardware hw, Prices prices)
    {
        var type = hw.DiskType;
        // Local NVMe comes with the instance and is priced in it.
        if (type.Local) return 0;
        double gib = hw.DiskSizeBytes / (double)(1L << 30);
        double extraIops = Math.Max(0, hw.DiskIops - type.IncludedIops);
        double extraMBps = Math.Max(0, hw.DiskThroughputBytesPerSecond / 1e6 - type.IncludedThroughputMBps);
        return gib * (prices.DiskUsdPerGbMonth ?? type.PriceUsdPerGbMonth)
            + extraIops * (prices.DiskUsdPerIopsMonth ?? type.PriceUsdPerIopsMonth)
            + extraMBps * (prices.DiskUsdPerMBpsMonth ?? type.PriceUsdPerMBpsMonth);
    }
}
