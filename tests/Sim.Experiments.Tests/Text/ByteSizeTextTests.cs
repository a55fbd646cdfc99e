using Sim.Core;
using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Text;

public sealed class ByteSizeTextTests
{
    [Theory]
    [InlineData("1B", 1L)]
    [InlineData("1KB", 1_000L)]
    [InlineData("1kB", 1_000L)]
    [InlineData("1KiB", 1_024L)]
    [InlineData("10MB", 10_000_000L)]
    [InlineData("10MiB", 10L * 1024 * 1024)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1GiB", 1024L * 1024 * 1024)]
    [InlineData("1TiB", 1024L * 1024 * 1024 * 1024)]
    [InlineData("1.5KiB", 1_536L)]
    [InlineData("16 KiB", 16_384L)]
    public void Parse_ValidText_GivesBytes(string text, long expected)
    {
        Assert.Equal(expected, ByteSizeText.Parse(text).Bytes);
    }

    [Fact]
    public void Parse_KiBAndKB_Differ()
    {
        Assert.NotEqual(ByteSizeText.Parse("1KB"), ByteSizeText.Parse("1KiB"));
    }

    [Fact]
    public void Parse_MissingUnit_ErrorSaysNoUnit()
    {
        var ex = Assert.Throws<FormatException>(() => ByteSizeText.Parse("1024"));

        Assert.Contains("no unit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownUnit_ErrorNamesTheUnit()
    {
        var ex = Assert.Throws<FormatException>(() => ByteSizeText.Parse("5 parsecs"));

        Assert.Contains("unknown size unit 'parsecs'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BitsUnit_IsUnknownForSizes()
    {
        var ex = Assert.Throws<FormatException>(() => ByteSizeText.Parse("5Mb"));

        Assert.Contains("unknown size unit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Negative_ErrorSaysNegative()
    {
        var ex = Assert.Throws<FormatException>(() => ByteSizeText.Parse("-1KiB"));

        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("big")]
    public void Parse_EmptyOrNonNumber_Throws(string text)
    {
        Assert.Throws<FormatException>(() => ByteSizeText.Parse(text));
    }

    [Fact]
    public void TryParseBytes_FractionalResult_KeepsFraction()
    {
        Assert.True(ByteSizeText.TryParseBytes("1.5B", out double bytes, out _));
        Assert.Equal(1.5, bytes);
    }

    [Theory]
    [InlineData(1_024L, "1KiB")]
    [InlineData(1_000L, "1000B")]
    [InlineData(3L * 1024 * 1024, "3MiB")]
    [InlineData(2L * 1024 * 1024 * 1024, "2GiB")]
    [InlineData(0L, "0B")]
    public void ToString_Bytes_UsesLargestExactBinaryUnit(long bytes, string expected)
    {
        Assert.Equal(expected, new ByteSize(bytes).ToString());
    }

    [Fact]
    public void FromKiBAndFromMiB_Two_GiveBinaryMultiples()
    {
        Assert.Equal(2_048L, ByteSize.FromKiB(2).Bytes);
        Assert.Equal(2L * 1024 * 1024, ByteSize.FromMiB(2).Bytes);
    }
}
