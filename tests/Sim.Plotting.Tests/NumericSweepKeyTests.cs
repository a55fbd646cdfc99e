namespace Sim.Plotting.Tests;

public sealed class NumericSweepKeyTests
{
    [Fact]
    public void TryCreate_DurationsInOneUnit_KeepsTheUnit()
    {
        var key = NumericSweepKey.TryCreate("links.a/b.rtt", ["2ms", "10ms", "40ms"]);

        Assert.NotNull(key);
        Assert.Equal("ms", key.Unit);
        Assert.Equal("links.a/b.rtt (ms)", key.AxisLabel);
        Assert.Equal(10, key.ValueOf("10ms"));
    }

    [Fact]
    public void TryCreate_MixedTimeUnits_ConvertsToTheSmallest()
    {
        var key = NumericSweepKey.TryCreate("delivery.timeout", ["500ms", "2s"]);

        Assert.NotNull(key);
        Assert.Equal("ms", key.Unit);
        Assert.Equal(2000, key.ValueOf("2s"), 9);
    }

    [Fact]
    public void TryCreate_PlainNumbers_HasNoUnit()
    {
        var key = NumericSweepKey.TryCreate("loss", ["0.5", "1e-3", ".25"]);

        Assert.NotNull(key);
        Assert.Equal("loss", key.AxisLabel);
        Assert.Equal(0.001, key.ValueOf("1e-3"));
    }

    [Theory]
    [InlineData("all", "1")]
    [InlineData("1Gbps", "10ms")]
    [InlineData("3", "3 racks", "2 zones")]
    public void TryCreate_ValuesThatDoNotShareANumericAxis_IsCategorical(params string[] values)
    {
        Assert.Null(NumericSweepKey.TryCreate("key", values));
    }

    [Theory]
    [InlineData("links.a/b.rtt", "links-a-b-rtt")]
    [InlineData("min.insync.replicas", "min-insync-replicas")]
    [InlineData("Emit_Interval//X", "emit_interval-x")]
    public void Slug_Key_IsFileNameSafe(string key, string expected)
    {
        Assert.Equal(expected, FileNames.Slug(key));
    }

    [Theory]
    [InlineData("availability", 0.999996, "0.99999")]
    [InlineData("availability", 0.9945, "0.99450")]
    [InlineData("availability", 1.0, "1.00000")]
    [InlineData("acked_records_lost", 1310.0, "1310")]
    [InlineData("acked_records_lost", 0.5, "0.5")]
    [InlineData("produce_latency_ms_p99", 12.345, "12.3")]
    [InlineData("transfer_cost_usd", 2.4, "2.40")]
    [InlineData("transfer_cost_usd", 0.0126, "0.0126")]
    [InlineData("rto_s", -0.0, "0.00")]
    public void Format_Metric_UsesItsPrecision(string metric, double value, string expected)
    {
        Assert.Equal(expected, ReportNumbers.Format(metric, value));
    }
}
