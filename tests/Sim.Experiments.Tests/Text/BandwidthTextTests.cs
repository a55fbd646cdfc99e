using Sim.Core.Time;
using Sim.Core;
using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Text;

public sealed class BandwidthTextTests
{
    [Theory]
    [InlineData("10Gbps", 10e9)]
    [InlineData("500Mbps", 500e6)]
    [InlineData("1Kbps", 1e3)]
    [InlineData("1.5 Gbps", 1.5e9)]
    [InlineData("125MB/s", 1e9)]
    [InlineData("1KiB/s", 8 * 1024.0)]
    [InlineData("1MiB/s", 8 * 1024.0 * 1024)]
    [InlineData("1B/s", 8.0)]
    public void Parse_ValidText_GivesBitsPerSecond(string text, double expectedBits)
    {
        Assert.Equal(expectedBits, BandwidthText.Parse(text).BitsPerSecond, precision: 6);
    }

    [Fact]
    public void BytesPerSecond_OneGbps_IsBitsOverEight()
    {
        Assert.Equal(125e6, BandwidthText.Parse("1Gbps").BytesPerSecond, precision: 6);
    }

    [Fact]
    public void Parse_MissingUnit_ErrorSaysNoUnit()
    {
        var ex = Assert.Throws<FormatException>(() => BandwidthText.Parse("10"));

        Assert.Contains("no unit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownUnit_ErrorNamesTheUnit()
    {
        var ex = Assert.Throws<FormatException>(() => BandwidthText.Parse("10 furlongs"));

        Assert.Contains("unknown bandwidth unit 'furlongs'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SizeWithoutPerSecond_IsUnknownUnit()
    {
        var ex = Assert.Throws<FormatException>(() => BandwidthText.Parse("10MB"));

        Assert.Contains("unknown bandwidth unit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0Gbps")]
    [InlineData("-1Gbps")]
    public void Parse_NotPositive_ErrorSaysMustBePositive(string text)
    {
        var ex = Assert.Throws<FormatException>(() => BandwidthText.Parse(text));

        Assert.Contains("must be positive", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Gbps")]
    public void Parse_EmptyOrNonNumber_Throws(string text)
    {
        Assert.Throws<FormatException>(() => BandwidthText.Parse(text));
    }

    [Theory]
    [InlineData("1Gbps", 1_500L, 12_000L)]         // 12,000 bits at 1e9 bit/s: 12 us
    [InlineData("10Gbps", 1_048_576L, 838_861L)]   // 1 MiB at 10 Gbit/s: 838.8608 us, rounded to the nanosecond
    [InlineData("125MB/s", 1_000_000L, 8_000_000L)] // 1 MB at 125 MB/s: 8 ms
    [InlineData("1Gbps", 0L, 0L)]
    public void SerializationDelay_Bytes_IsBitsOverRate(string rate, long bytes, long expectedNs)
    {
        Assert.Equal(SimDuration.FromNanoseconds(expectedNs), BandwidthText.Parse(rate).SerializationDelay(bytes));
    }

    [Theory]
    [InlineData("10Gbps", "10Gbps")]
    [InlineData("125MB/s", "1Gbps")]
    [InlineData("250Mbps", "250Mbps")]
    [InlineData("64Kbps", "64Kbps")]
    [InlineData("300bps", "300bps")]
    public void ToString_Rate_UsesLargestDecimalBitUnit(string text, string expected)
    {
        Assert.Equal(expected, BandwidthText.Parse(text).ToString());
    }
}
