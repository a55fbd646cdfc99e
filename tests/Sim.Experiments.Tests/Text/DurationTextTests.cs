using FsCheck.Xunit;
using Sim.Core.Time;
using Sim.Core;
using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Text;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("250ns", 250L)]
    [InlineData("250us", 250_000L)]
    [InlineData("250µs", 250_000L)]
    [InlineData("5ms", 5_000_000L)]
    [InlineData("1.5ms", 1_500_000L)]
    [InlineData("2s", 2_000_000_000L)]
    [InlineData("10m", 600_000_000_000L)]
    [InlineData("10min", 600_000_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    [InlineData(" 5 ms ", 5_000_000L)]
    [InlineData("1_000ms", 1_000_000_000L)]
    [InlineData("1e3us", 1_000_000L)]
    [InlineData("0s", 0L)]
    public void Parse_ValidText_GivesNanoseconds(string text, long expectedNs)
    {
        Assert.Equal(expectedNs, DurationText.Parse(text).Nanoseconds);
    }

    [Theory]
    [InlineData("250ns")]
    [InlineData("250us")]
    [InlineData("5ms")]
    [InlineData("1.5ms")]
    [InlineData("2s")]
    [InlineData("1.5s")]
    [InlineData("10m")]
    [InlineData("90m")]
    [InlineData("1h")]
    [InlineData("1.000001ms")]
    public void ToString_ParsedDuration_ParsesBackToSameValue(string text)
    {
        var d = DurationText.Parse(text);

        Assert.Equal(d, DurationText.Parse(d.ToString()));
    }

    [Theory]
    [InlineData(250L, "250ns")]
    [InlineData(5_000_000L, "5ms")]
    [InlineData(1_500_000L, "1500us")]
    [InlineData(2_000_000_000L, "2s")]
    [InlineData(90_000_000_000L, "90s")]
    [InlineData(3_600_000_000_000L, "1h")]
    [InlineData(0L, "0s")]
    [InlineData(-5_000_000L, "-5ms")]
    public void ToString_WholeUnits_UsesLargestExactUnit(long ns, string expected)
    {
        Assert.Equal(expected, SimDuration.FromNanoseconds(ns).ToString());
    }

    [Fact]
    public void ToString_SecondsWithNanosecondRemainder_ParsesBackExactly()
    {
        // 1 s + 1 ns: the text must keep the nanosecond, or a saved config silently changes on reload.
        var d = SimDuration.FromNanoseconds(1_000_000_001);

        string text = d.ToString();

        Assert.Equal(1_000_000_001L, DurationText.Parse(text).Nanoseconds);
    }

    [Property(MaxTest = 500)]
    public bool ToString_DurationUnderFiveDays_ParsesBackExactly(int count, byte unit, short remainderNs)
    {
        long[] scales = [1, SimDuration.NanosPerMicrosecond, SimDuration.NanosPerMillisecond, SimDuration.NanosPerSecond, SimDuration.NanosPerMinute, SimDuration.NanosPerHour];
        long ns = (count % 100) * scales[unit % scales.Length] + remainderNs;
        var d = SimDuration.FromNanoseconds(ns);

        return DurationText.Parse(d.ToString()) == d;
    }

    [Theory]
    [InlineData("5")]
    [InlineData("1.5")]
    public void Parse_MissingUnit_ErrorSaysNoUnit(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse(text));

        Assert.Contains("no unit", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5 parsecs", "parsecs")]
    [InlineData("5sec", "sec")]
    [InlineData("5MB", "MB")]
    public void Parse_UnknownUnit_ErrorNamesTheUnit(string text, string unit)
    {
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse(text));

        Assert.Contains("unknown duration unit", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{unit}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_ErrorSaysEmpty(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse(text));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("ms")]
    [InlineData("1.2.3ms")]
    [InlineData("-ms")]
    public void Parse_NotANumber_ErrorSaysSo(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse(text));

        Assert.Contains("does not start with a number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BeyondRange_ErrorSaysTooLong()
    {
        var ex = Assert.Throws<FormatException>(() => DurationText.Parse("3000000h"));

        Assert.Contains("too long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalseWithError()
    {
        bool ok = DurationText.TryParse(null, out _, out var error);

        Assert.False(ok);
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Valid_ReturnsTrueWithEmptyError()
    {
        bool ok = DurationText.TryParse("3ms", out var d, out var error);

        Assert.True(ok);
        Assert.Equal(SimDuration.FromMilliseconds(3), d);
        Assert.Equal("", error);
    }
}
