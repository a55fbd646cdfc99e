using Sim.Architectures.Metrics;
using Sim.Kafka.Hardware;

namespace Sim.Architectures.Tests;

/// <summary>The monthly bill's arithmetic on fixed usage, each expectation worked out by hand from the price table.</summary>
public class MonthlyBillTests
{
    private static MonthlyBill.Usage Usage(BrokerHardware hw, int brokers = 3, int controllers = 0, double seconds = 100,
        long crossZone = 0, long crossRegion = 0, long objects = 0, double retentionS = 0) =>
        new(Enumerable.Repeat(hw, brokers).ToList(), controllers, seconds, crossZone, crossRegion, objects, retentionS);

    [Fact]
    public void Of_DefaultBrokersAndControllers_BillsEveryHostForTheMonthAndEachVolumeAsProvisioned()
    {
        var bill = MonthlyBill.Of(Usage(BrokerHardware.Default, brokers: 3, controllers: 3), Prices.AwsDefaults);

        // m6i.2xlarge $0.384/h and controllers $0.096/h, 730 h; a 1 TiB gp3 volume at its included performance is 1,024 GB-months at $0.08.
        Assert.Equal(3 * 0.384 * 730 + 3 * 0.096 * 730, bill.InstancesUsd, 9);
        Assert.Equal(3 * 1024 * 0.08, bill.DisksUsd, 9);
        Assert.Equal(0, bill.TransferUsd);
        Assert.Equal(bill.InstancesUsd + bill.DisksUsd, bill.TotalUsd, 9);
    }

    [Fact]
    public void Of_Io2_BillsEveryProvisionedIops()
    {
        var hw = BrokerHardware.Default.WithDisks(HardwareCatalog.Io2, 2, 500L << 30) with { DiskIops = 10000 };

        var bill = MonthlyBill.Of(Usage(hw, brokers: 1), Prices.AwsDefaults);

        // Two volumes of 500 GiB at $0.125 and 10,000 IOPS at $0.065 each; io2 includes no IOPS.
        Assert.Equal(2 * (500 * 0.125 + 10000 * 0.065), bill.DisksUsd, 9);
    }

    [Fact]
    public void Of_LocalNvme_IsPricedInTheInstance()
    {
        var hw = BrokerHardware.Of(HardwareCatalog.FindInstance("i3en.2xlarge")!);

        var bill = MonthlyBill.Of(Usage(hw, brokers: 3), Prices.AwsDefaults);

        Assert.Equal(0, bill.DisksUsd);
        Assert.Equal(3 * 0.904 * 730, bill.InstancesUsd, 9);
    }

    [Fact]
    public void Of_MeasuredBytes_AreCarriedOnForTheMonthAtTheirLinkClassPrice()
    {
        // 100 s measured: 5 GB between zones of which 2 GB between regions. A month is 26,280 times as long.
        var bill = MonthlyBill.Of(Usage(BrokerHardware.Default, brokers: 0, seconds: 100, crossZone: 5_000_000_000, crossRegion: 2_000_000_000),
            new Prices(CrossZonePerGb: 0.02, CrossRegionPerGb: 0.05));

        Assert.Equal(26280 * (3 * 0.02 + 2 * 0.05), bill.TransferUsd, 6);
    }

    [Fact]
    public void Of_ObjectStore_HoldsTheRateForTheRetentionOrTheMonth()
    {
        // 1 GB in 100 s is 10 MB/s: a 7-day retention holds 6,048 GB; a retention longer than the month holds the month's 26,280 GB.
        var week = MonthlyBill.Of(Usage(BrokerHardware.Default, brokers: 0, objects: 1_000_000_000, retentionS: 7 * 86400), Prices.AwsDefaults);
        var year = MonthlyBill.Of(Usage(BrokerHardware.Default, brokers: 0, objects: 1_000_000_000, retentionS: 365 * 86400), Prices.AwsDefaults);

        Assert.Equal(6048 * 0.023, week.ObjectStorageUsd, 6);
        Assert.Equal(26280 * 0.023, year.ObjectStorageUsd, 6);
        Assert.Equal(week.ObjectStorageUsd, week.StorageUsd, 9);
    }

    [Fact]
    public void Of_Overrides_ReplaceTheHardwarePrices()
    {
        var prices = Prices.AwsDefaults with { InstanceUsdPerHour = 1, DiskUsdPerGbMonth = 0.1, HoursPerMonth = 720 };

        var bill = MonthlyBill.Of(Usage(BrokerHardware.Default, brokers: 2), prices);

        Assert.Equal(2 * 720, bill.InstancesUsd, 9);
        Assert.Equal(2 * 1024 * 0.1, bill.DisksUsd, 9);
    }

    [Fact]
    public void Of_NothingMeasured_BillsNoTraffic()
    {
        var bill = MonthlyBill.Of(Usage(BrokerHardware.Default, brokers: 1, seconds: 0, crossZone: 1000, objects: 1000, retentionS: 100), Prices.AwsDefaults);

        Assert.Equal(0, bill.TransferUsd);
        Assert.Equal(0, bill.ObjectStorageUsd);
    }
}
