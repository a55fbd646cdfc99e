using Sim.Core.Time;

namespace Sim.Core.Tests.Time;

public sealed class SimTimeTests
{
    [Fact]
    public void Add_HugeDuration_SaturatesAtMaxValue()
    {
        var t = new SimTime(1_000);

        Assert.Equal(SimTime.MaxValue, t + SimDuration.MaxValue);
    }

    [Fact]
    public void Add_MaxValuePlusPositive_StaysAtMaxValue()
    {
        Assert.Equal(SimTime.MaxValue, SimTime.MaxValue + SimDuration.FromNanoseconds(1));
    }

    [Fact]
    public void Add_HugeNegativeDuration_SaturatesAtMinValueInsteadOfWrapping()
    {
        var t = new SimTime(-1_000);

        Assert.Equal(long.MinValue, (t + SimDuration.FromNanoseconds(long.MinValue)).Nanoseconds);
    }

    [Fact]
    public void Add_OrdinaryDuration_IsExact()
    {
        Assert.Equal(new SimTime(1_500_000_250), SimTime.Zero + SimDuration.FromSeconds(1) + SimDuration.FromMilliseconds(500) + SimDuration.FromNanoseconds(250));
    }

    [Fact]
    public void Subtract_TwoTimes_GivesSignedDuration()
    {
        var a = SimTime.Zero + SimDuration.FromSeconds(5);
        var b = SimTime.Zero + SimDuration.FromSeconds(2);

        Assert.Equal(SimDuration.FromSeconds(3), a - b);
        Assert.Equal(SimDuration.FromSeconds(-3), b - a);
    }

    [Fact]
    public void Subtract_TimesOverflow_Throws()
    {
        Assert.Throws<OverflowException>(() => SimTime.MaxValue - new SimTime(-1));
    }

    [Fact]
    public void Subtract_DurationOverflow_Throws()
    {
        Assert.Throws<OverflowException>(() => new SimTime(long.MinValue) - SimDuration.FromNanoseconds(1));
    }

    [Fact]
    public void Compare_TwoTimes_OrderByNanoseconds()
    {
        var early = new SimTime(1);
        var late = new SimTime(2);

        Assert.True(early < late && late > early && early <= late && late >= early && early <= new SimTime(1));
        Assert.Equal(early, SimTime.Min(early, late));
        Assert.Equal(late, SimTime.Max(early, late));
        Assert.True(early.CompareTo(late) < 0);
    }

    [Fact]
    public void FromSeconds_Fraction_RoundsToNanosecond()
    {
        Assert.Equal(1_234_567_890L, SimTime.FromSeconds(1.23456789).Nanoseconds);
    }

    [Fact]
    public void SinceStart_Instant_IsDurationFromZero()
    {
        Assert.Equal(SimDuration.FromMilliseconds(7), new SimTime(7_000_000).SinceStart);
    }

    [Theory]
    [InlineData(12_345_000_000L, "t=12.345s")]
    [InlineData(0L, "t=0.000s")]
    [InlineData(1_000_001_000L, "t=1.000001s")]
    public void ToString_Instant_PrintsSecondsWithMillisecondPrecision(long ns, string expected)
    {
        Assert.Equal(expected, new SimTime(ns).ToString());
    }
}
