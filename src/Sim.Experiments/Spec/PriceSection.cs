using Sim.Architectures.Metrics;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// Reads <c>outputs.prices</c>: the price table of the monthly bill and the transfer cost (<see cref="Prices"/>,
/// docs/cost.md). Every key is a non-negative number in US dollars; a key left out keeps its default, and the
/// instance and disk prices, when left out, come from each broker's hardware.
/// </summary>
internal static class PriceSection
{
    /// <summary>Each key, what it sets, and the line docs/experiments.md gives it.</summary>
    public static readonly IReadOnlyList<(string Key, Func<Prices, double, Prices> Set, string Doc)> Keys =
    [
        ("cross_zone_usd_per_gb", (p, x) => p with { CrossZonePerGb = x }, "per GB moved between zones of a region, both sides' charges"),
        ("cross_region_usd_per_gb", (p, x) => p with { CrossRegionPerGb = x }, "per GB moved between regions"),
        ("hours_per_month", (p, x) => p with { HoursPerMonth = x }, "hours in the billed month"),
        ("instance_usd_per_hour", (p, x) => p with { InstanceUsdPerHour = x }, "every broker host, per hour (default: each broker's instance price)"),
        ("controller_usd_per_hour", (p, x) => p with { ControllerUsdPerHour = x }, "a dedicated KRaft controller host, per hour"),
        ("disk_usd_per_gb_month", (p, x) => p with { DiskUsdPerGbMonth = x }, "log disk storage per GB-month (default: the disk type's)"),
        ("disk_usd_per_iops_month", (p, x) => p with { DiskUsdPerIopsMonth = x }, "IOPS provisioned above the type's included IOPS, per IOPS-month"),
        ("disk_usd_per_mbps_month", (p, x) => p with { DiskUsdPerMBpsMonth = x }, "throughput provisioned above the type's included throughput, per MB/s-month"),
        ("object_storage_usd_per_gb_month", (p, x) => p with { ObjectStorageUsdPerGbMonth = x }, "remote tier object storage per GB-month"),
    ];

    public static Prices Read(YamlReader r, YamlNode node, string path, Prices prices)
    {
        var names = Keys.Select(k => k.Key).ToArray();
        foreach (var (k, v) in r.Mapping(node, path, names) ?? [])
        {
            string key = $"{path}.{k}";
            var x = r.Number(v, key);
            if (x is null) continue;
            if (x < 0) { r.Error(key, v, "a price cannot be negative"); continue; }
            if (k == "hours_per_month" && x is 0 or > 744) { r.Error(key, v, "a month has more than 0 and at most 744 hours"); continue; }
            prices = Keys.First(e => e.Key == k).Set(prices, x.Value);
        }
        return prices;
    }
}
