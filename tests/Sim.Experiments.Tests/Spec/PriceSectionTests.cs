using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary><c>outputs.prices</c>: every key reaches the run's price table, and a wrong one is reported at its file, line and key.</summary>
public sealed class PriceSectionTests
{
    private static string With(string prices) => Minimal + "\noutputs:\n  prices:\n" + prices;

    [Fact]
    public void Load_EveryPriceKey_ReachesTheRunsPrices()
    {
        var d = Load(With("""
                cross_zone_usd_per_gb: 0.03
                cross_region_usd_per_gb: 0.04
                hours_per_month: 720
                instance_usd_per_hour: 1.5
                controller_usd_per_hour: 0.2
                disk_usd_per_gb_month: 0.1
                disk_usd_per_iops_month: 0.006
                disk_usd_per_mbps_month: 0.05
                object_storage_usd_per_gb_month: 0.02
            """));

        var p = d.Run(0).Options.Prices;
        Assert.Equal((0.03, 0.04, 720.0), (p.CrossZonePerGb, p.CrossRegionPerGb, p.HoursPerMonth));
        Assert.Equal((1.5, 0.2), (p.InstanceUsdPerHour, p.ControllerUsdPerHour));
        Assert.Equal((0.1, 0.006, 0.05), (p.DiskUsdPerGbMonth, p.DiskUsdPerIopsMonth, p.DiskUsdPerMBpsMonth));
        Assert.Equal(0.02, p.ObjectStorageUsdPerGbMonth);
    }

    [Fact]
    public void Load_NoPrices_KeepsTheDefaultsAndTheHardwarePrices()
    {
        var p = Load(Minimal).Run(0).Options.Prices;

        Assert.Equal(Sim.Architectures.Metrics.Prices.AwsDefaults, p);
        Assert.Null(p.InstanceUsdPerHour);
        Assert.Null(p.DiskUsdPerGbMonth);
    }

    [Fact]
    public void Load_NegativePrice_IsReportedAtItsLineAndKey()
    {
        string yaml = With("    disk_usd_per_gb_month: -0.1\n");

        Expect(yaml, "a price cannot be negative", "outputs.prices.disk_usd_per_gb_month", LineOf(yaml, "disk_usd_per_gb_month"));
    }

    [Fact]
    public void Load_MonthLongerThan744Hours_IsRefused()
    {
        string yaml = With("    hours_per_month: 800\n");

        Expect(yaml, "at most 744 hours", "outputs.prices.hours_per_month", LineOf(yaml, "hours_per_month"));
    }

    [Fact]
    public void Load_UnknownPriceKey_IsReportedWithTheKnownOnes()
    {
        string yaml = With("    instance_usd_per_hr: 1\n");

        var d = Find(Fail(yaml), "instance_usd_per_hr", "outputs.prices.instance_usd_per_hr", LineOf(yaml, "instance_usd_per_hr"));
        Assert.Contains("instance_usd_per_hour", d.Message + d.Hint, StringComparison.Ordinal);
    }
}
