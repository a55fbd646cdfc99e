using Sim.Architectures.Metrics;
using Sim.Core.Time;
using Sim.Results;

namespace Sim.Architectures.Tests;

/// <summary>The transfer probe's contribution on its own: bytes between zones and regions, and their cost at given prices.</summary>
public class TransferProbeTests
{
    private static RunResult Empty() => new() { Architecture = "x", Seed = 1, Faults = [], Events = 0, Fingerprint = "", Measured = SimDuration.Zero };

    [Fact]
    public void Contribute_CrossZoneAndCrossRegionBytes_AreGigabytesAndPricedApart()
    {
        // 3 GB between zones of which 1 GB between regions: 2 GB at the cross-zone price, 1 GB at the cross-region one.
        var r = TransferProbe.Contribute(Empty(), 3_000_000_000, 1_000_000_000, new Prices(CrossZonePerGb: 0.02, CrossRegionPerGb: 0.05));
        Assert.Equal(3.0, r.Metric(MetricCatalog.CrossZoneGb));
        Assert.Equal(1.0, r.Metric(MetricCatalog.CrossRegionGb));
        Assert.Equal(2 * 0.02 + 1 * 0.05, r.Metric(MetricCatalog.TransferCostUsd), 12);
        Assert.Equal(3, r.Metrics.Count);
    }

    [Fact]
    public void Contribute_Twice_IsAWiringError()
    {
        var once = TransferProbe.Contribute(Empty(), 1, 0, Prices.AwsDefaults);
        Assert.Throws<InvalidOperationException>(() => TransferProbe.Contribute(once, 1, 0, Prices.AwsDefaults));
    }
}
