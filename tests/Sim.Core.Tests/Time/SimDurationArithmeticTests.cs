using Sim.Core.Time;

namespace Sim.Core.Tests.Time;

public sealed class SimDurationArithmeticTests
{
    [Fact]
    public void Add_Overflow_ThrowsInsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => SimDuration.MaxValue + SimDuration.FromNanoseconds(1));
    }

    [Fact]
    public void Subtract_Overflow_Throws()
    {
        Assert.Throws<OverflowException>(() => SimDuration.FromNanoseconds(long.MinValue) - SimDuration.FromNanoseconds(1));
    }

    [Fact]
    public void Multiply_Overflow_Throws()
    {
        Assert.Throws<OverflowException>(() => SimDuration.FromHours(1) * 10_000_000L);
    }

    [Fact]
    public void FromMicroseconds_Overflow_Throws()
    {
        Assert.Throws<OverflowException>(() => SimDuration.FromMicroseconds(long.MaxValue / 1_000 + 1));
    }

    [Fact]
    public void FromHours_Overflow_Throws()
    {
        Assert.Throws<OverflowException>(() => SimDuration.FromHours(3_000_000));
    }

    [Fact]
    public void Add_Ordinary_IsExact()
    {
        Assert.Equal(SimDuration.FromMicroseconds(1_500), SimDuration.FromMilliseconds(1) + SimDuration.FromMicroseconds(500));
    }

    [Fact]
    public void FromUnits_AdjacentUnits_AgreeOnSizes()
    {
        Assert.Equal(SimDuration.FromMinutes(60), SimDuration.FromHours(1));
        Assert.Equal(SimDuration.FromSeconds(60), SimDuration.FromMinutes(1));
        Assert.Equal(SimDuration.FromMilliseconds(1_000), SimDuration.FromSeconds(1));
        Assert.Equal(SimDuration.FromMicroseconds(1_000), SimDuration.FromMilliseconds(1));
        Assert.Equal(SimDuration.FromNanoseconds(1_000), SimDuration.FromMicroseconds(1));
    }

    [Theory]
    [InlineData(0.4, 0L)]
    [InlineData(0.5, 1L)]
    [InlineData(-0.5, -1L)]
    [InlineData(2.6, 3L)]
    public void FromNanosecondsRounded_Fraction_RoundsHalfAwayFromZero(double ns, long expected)
    {
        Assert.Equal(expected, SimDuration.FromNanosecondsRounded(ns).Nanoseconds);
    }

    [Fact]
    public void FromNanosecondsRounded_Huge_SaturatesAtMaxValue()
    {
        Assert.Equal(SimDuration.MaxValue, SimDuration.FromNanosecondsRounded(1e30));
        Assert.Equal(SimDuration.MaxValue, SimDuration.FromNanosecondsRounded(double.PositiveInfinity));
    }

    [Fact]
    public void FromNanosecondsRounded_HugeNegative_SaturatesAtMinValue()
    {
        Assert.Equal(long.MinValue, SimDuration.FromNanosecondsRounded(-1e30).Nanoseconds);
    }

    [Fact]
    public void FromNanosecondsRounded_NaN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimDuration.FromNanosecondsRounded(double.NaN));
    }

    [Fact]
    public void FromSecondsDouble_Fraction_RoundsToNanosecond()
    {
        Assert.Equal(1_500_000_000L, SimDuration.FromSeconds(1.5).Nanoseconds);
        Assert.Equal(250_000L, SimDuration.FromMilliseconds(0.25).Nanoseconds);
    }

    [Fact]
    public void Scale_RealFactor_RoundsToNearestNanosecond()
    {
        Assert.Equal(SimDuration.FromNanoseconds(3), SimDuration.FromNanoseconds(2).Scale(1.5));
        Assert.Equal(SimDuration.FromMilliseconds(15), SimDuration.FromMilliseconds(10).Scale(1.5));
    }

    [Fact]
    public void Divide_ByDuration_GivesRatio()
    {
        Assert.Equal(2.5, SimDuration.FromMilliseconds(5) / SimDuration.FromMilliseconds(2));
    }

    [Fact]
    public void Divide_ByInteger_TruncatesTowardZero()
    {
        Assert.Equal(SimDuration.FromNanoseconds(3), SimDuration.FromNanoseconds(10) / 3);
    }

    [Fact]
    public void Negate_Positive_FlipsSign()
    {
        var d = -SimDuration.FromSeconds(2);

        Assert.True(d.IsNegative);
        Assert.Equal(-2_000_000_000L, d.Nanoseconds);
    }

    [Fact]
    public void MinMax_TwoDurations_PickSmallerAndLarger()
    {
        var a = SimDuration.FromSeconds(1);
        var b = SimDuration.FromSeconds(2);

        Assert.Equal(a, SimDuration.Min(a, b));
        Assert.Equal(b, SimDuration.Max(a, b));
    }

    [Fact]
    public void TotalUnits_Duration_ConvertToRealUnits()
    {
        var d = SimDuration.FromMicroseconds(1_500_000);

        Assert.Equal(1.5, d.TotalSeconds);
        Assert.Equal(1_500.0, d.TotalMilliseconds);
        Assert.Equal(1_500_000.0, d.TotalMicroseconds);
    }
}
