using Sim.Core.Randomness;

namespace Sim.Core.Tests.Randomness;

public sealed class RngStreamTests
{
    // The seed whose first xoshiro256** output is 0xFFFFFFFFFFFFFFFF, found by inverting the SplitMix64
    // seeding and the output function. It drives Next() and NextInt64() to their upper edge.
    private const ulong AllOnesFirstOutputSeed = 0x1B224C3D76E778F7UL;

    [Fact]
    public void Constructor_SameSeed_GivesSameSequenceRegardlessOfName()
    {
        // The name labels the stream; its draws depend only on the seed it was given.
        var x = new RngStream("x", 123);
        var y = new RngStream("y", 123);

        for (int i = 0; i < 100; i++) Assert.Equal(x.NextUInt64(), y.NextUInt64());
    }

    [Fact]
    public void NextUInt64_SeedZero_DoesNotReturnAllZeroState()
    {
        var s = new RngStream("zero", 0);

        Assert.Contains(Enumerable.Range(0, 4).Select(_ => s.NextUInt64()), v => v != 0);
    }

    [Fact]
    public void NextDouble_ManyDraws_StayInHalfOpenUnitInterval()
    {
        var s = new RngStream("d", 1);
        double min = 1, max = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double d = s.NextDouble();
            Assert.InRange(d, 0.0, 1.0);
            Assert.NotEqual(1.0, d);
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        Assert.True(min < 1e-3 && max > 1 - 1e-3, $"draws covered only [{min}, {max}]");
    }

    [Fact]
    public void NextDouble_AllOnesRawDraw_IsStillBelowOne()
    {
        var probe = new RngStream("edge", AllOnesFirstOutputSeed);
        Assert.Equal(ulong.MaxValue, probe.NextUInt64()); // precondition: the seed reaches the edge

        Assert.True(new RngStream("edge", AllOnesFirstOutputSeed).NextDouble() < 1.0);
    }

    [Fact]
    public void NextDoubleNonZero_AllOnesRawDraw_IsAtMostOne()
    {
        Assert.Equal(1.0, new RngStream("edge", AllOnesFirstOutputSeed).NextDoubleNonZero());
    }

    [Fact]
    public void Next_AllOnesRawDraw_IsBelowIntMaxValue()
    {
        // System.Random.Next() promises 0 <= x < int.MaxValue.
        var probe = new RngStream("edge", AllOnesFirstOutputSeed);
        Assert.Equal(ulong.MaxValue, probe.NextUInt64());

        int x = new RngStream("edge", AllOnesFirstOutputSeed).Next();

        Assert.InRange(x, 0, int.MaxValue - 1);
    }

    [Fact]
    public void NextInt64_AllOnesRawDraw_IsBelowLongMaxValue()
    {
        // System.Random.NextInt64() promises 0 <= x < long.MaxValue.
        var probe = new RngStream("edge", AllOnesFirstOutputSeed);
        Assert.Equal(ulong.MaxValue, probe.NextUInt64());

        long x = new RngStream("edge", AllOnesFirstOutputSeed).NextInt64();

        Assert.InRange(x, 0L, long.MaxValue - 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void NextInt_MaxValue_StaysInRange(int n)
    {
        var s = new RngStream("n", 5);

        for (int i = 0; i < 10_000; i++) Assert.InRange(s.Next(n), 0, n - 1);
    }

    [Fact]
    public void NextInt_Zero_ReturnsZero()
    {
        Assert.Equal(0, new RngStream("n", 5).Next(0));
    }

    [Fact]
    public void NextInt_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RngStream("n", 5).Next(-1));
    }

    [Fact]
    public void NextInt_MinMax_StaysInRangeIncludingNegativeBounds()
    {
        var s = new RngStream("n", 5);

        for (int i = 0; i < 10_000; i++) Assert.InRange(s.Next(-3, 4), -3, 3);
    }

    [Fact]
    public void NextInt64_MinMaxFullRange_DoesNotThrow()
    {
        var s = new RngStream("n", 5);

        for (int i = 0; i < 1_000; i++) s.NextInt64(long.MinValue, long.MaxValue);
    }

    [Fact]
    public void NextInt_TenBuckets_IsRoughlyUniformByChiSquare()
    {
        const int buckets = 10;
        const int draws = 200_000;
        var s = new RngStream("chi", 2024);
        var counts = new int[buckets];
        for (int i = 0; i < draws; i++) counts[s.Next(buckets)]++;

        double expected = draws / (double)buckets;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // 9 degrees of freedom: the 99.99th percentile is about 33.7, so 40 only fails a broken generator.
        Assert.True(chi2 < 40, $"chi-square {chi2:F1} over counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextInt_NonPowerOfTwoBound_IsRoughlyUniformByChiSquare()
    {
        // A large bound that is not a power of two, split into three equal thirds.
        const int buckets = 3;
        const int third = 500_000_000;
        var s = new RngStream("chi", 77);
        var counts = new int[buckets];
        for (int i = 0; i < 300_000; i++) counts[s.Next(buckets * third) / third]++;

        double expected = 100_000;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);

        Assert.True(chi2 < 25, $"chi-square {chi2:F1} over counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void NextExponential_ManyDraws_MeanMatches()
    {
        var s = new RngStream("exp", 3);
        double sum = 0;
        const int n = 400_000;
        for (int i = 0; i < n; i++) sum += s.NextExponential(2.5);

        Assert.InRange(sum / n, 2.5 * 0.99, 2.5 * 1.01);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 100_000)]
    [InlineData(-0.5, 0)]
    [InlineData(1.5, 100_000)]
    public void NextBool_ProbabilityAtOrBeyondBounds_IsDeterministic(double p, int expectedTrue)
    {
        var s = new RngStream("b", 3);

        Assert.Equal(expectedTrue, Enumerable.Range(0, 100_000).Count(_ => s.NextBool(p)));
    }

    [Fact]
    public void NextBool_QuarterProbability_TrueAboutAQuarterOfTheTime()
    {
        var s = new RngStream("b", 3);

        int trues = Enumerable.Range(0, 100_000).Count(_ => s.NextBool(0.25));

        Assert.InRange(trues, 24_000, 26_000);
    }

    [Fact]
    public void NextBytes_Buffer_FillsEveryByteFromStream()
    {
        var s = new RngStream("bytes", 9);
        var buffer = new byte[4_096];

        s.NextBytes(buffer);

        Assert.True(buffer.Distinct().Count() > 200, "bytes do not look random");
    }
}
