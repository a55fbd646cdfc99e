using Sim.Core.Distributions;
using Sim.Core.Randomness;

namespace Sim.Core.Tests.Distributions;

public sealed class DistributionSamplingTests
{
    private const int Samples = 200_000;

    /// <summary>A valid duration distribution of <paramref name="family"/> with parameters in nanoseconds (shapes as plain numbers).</summary>
    private static DistributionSpec Valid(string family, params (string Name, double Value)[] parameters)
    {
        var spec = new DistributionSpec(family, parameters.ToDictionary(p => p.Name, p => p.Value), QuantityKind.Duration);
        Assert.Empty(spec.Problems());
        return spec;
    }

    private static DistributionSpec Valid(string family, string p1, double v1, string p2, double v2) =>
        p2.Length > 0 ? Valid(family, (p1, v1), (p2, v2)) : Valid(family, (p1, v1));

    private static double[] Draw(Distribution d, ulong seed, int n = Samples)
    {
        var rng = new RngStream("dist", seed);
        return Enumerable.Range(0, n).Select(_ => d.Sample(rng)).ToArray();
    }

    public static TheoryData<string, string, double, string, double, double> Families => new()
    {
        // family, param1, value1, param2, value2, tolerance on the sample mean (relative)
        { "constant", "value", 7e6, "", 0, 1e-12 },
        { "uniform", "min", 1e6, "max", 3e6, 0.01 },
        { "exponential", "mean", 4e6, "", 0, 0.01 },
        { "normal", "mean", 5e6, "stddev", 1e6, 0.01 },
        { "lognormal", "median", 2e6, "p99", 9e6, 0.01 },
        { "lognormal", "median", 2e6, "sigma", 0.5, 0.01 },
        { "pareto", "scale", 1e6, "shape", 3, 0.02 },
        { "weibull", "shape", 1.5, "scale", 10e6, 0.01 },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Build_EachFamily_SampleMeanMatchesMean(string family, string p1, double v1, string p2, double v2, double tolerance)
    {
        var dist = Valid(family, p1, v1, p2, v2).Build();

        double mean = Draw(dist, 17).Average();

        Assert.InRange(mean, dist.Mean * (1 - tolerance), dist.Mean * (1 + tolerance));
    }

    [Theory]
    [InlineData("constant", "value", 7e6, "", 0, 7e6)]
    [InlineData("uniform", "min", 1e6, "max", 3e6, 2e6)]
    [InlineData("exponential", "mean", 4e6, "", 0, 4e6)]
    [InlineData("normal", "mean", 5e6, "stddev", 1e6, 5e6)]
    [InlineData("pareto", "scale", 1e6, "shape", 3, 1.5e6)]
    public void Mean_EachFamily_EqualsClosedForm(string family, string p1, double v1, string p2, double v2, double expectedNs)
    {
        Assert.Equal(expectedNs, Valid(family, p1, v1, p2, v2).Build().Mean, precision: 3);
    }

    [Fact]
    public void Mean_WeibullShapeOne_IsScale()
    {
        // Weibull with shape 1 is exponential with mean equal to the scale.
        Assert.Equal(10e6, new WeibullDistribution(1, 10e6).Mean, precision: 3);
    }

    [Fact]
    public void Mean_ParetoShapeAtMostOne_IsInfinite()
    {
        Assert.Equal(double.PositiveInfinity, new ParetoDistribution(1, 1).Mean);
    }

    [Fact]
    public void FromMedianP99_EmpiricalMedianAndP99_WithinTwoPercentOfSpec()
    {
        var dist = Valid("lognormal", ("median", 2e6), ("p99", 9e6)).Build();
        var draws = Draw(dist, 29, 400_000);
        Array.Sort(draws);

        double median = draws[draws.Length / 2];
        double p99 = draws[(int)(draws.Length * 0.99)];

        Assert.InRange(median, 2e6 * 0.98, 2e6 * 1.02);
        Assert.InRange(p99, 9e6 * 0.98, 9e6 * 1.02);
    }

    [Fact]
    public void FromMedianP99_Parameters_AreLogMedianAndLogRatioOverZ99()
    {
        var d = LogNormalDistribution.FromMedianP99(2.0, 9.0);

        Assert.Equal(Math.Log(2.0), d.Mu, precision: 12);
        Assert.Equal(Math.Log(4.5) / 2.3263478740408408, d.Sigma, precision: 9);
    }

    [Fact]
    public void Uniform_Draws_StayWithinBounds()
    {
        var draws = Draw(new UniformDistribution(1, 3), 5, 50_000);

        Assert.All(draws, x => Assert.InRange(x, 1.0, 3.0));
    }

    [Fact]
    public void Pareto_Draws_NeverBelowScale()
    {
        var draws = Draw(new ParetoDistribution(2, 3), 5, 50_000);

        Assert.All(draws, x => Assert.True(x >= 2.0));
    }

    [Fact]
    public void Normal_ZeroStdDev_AlwaysReturnsMean()
    {
        Assert.All(Draw(new NormalDistribution(5, 0), 5, 100), x => Assert.Equal(5.0, x));
    }

    [Fact]
    public void Constant_Sample_DrawsNothingFromStream()
    {
        var used = new RngStream("s", 8);
        var fresh = new RngStream("s", 8);

        new ConstantDistribution(3).Sample(used);

        Assert.Equal(fresh.NextUInt64(), used.NextUInt64());
    }

    [Fact]
    public void Sample_SameSeed_IsReproducible()
    {
        var dist = new LogNormalDistribution(0, 1);

        Assert.Equal(Draw(dist, 3, 1_000), Draw(dist, 3, 1_000));
    }

    [Fact]
    public void SampleDuration_NegativeDraw_ClampsToZero()
    {
        Assert.Equal(Sim.Core.Time.SimDuration.Zero, new ConstantDistribution(-5e6).SampleDuration(new RngStream("s", 1)));
    }

    [Fact]
    public void SampleDuration_FractionalNanoseconds_RoundsToNearest()
    {
        Assert.Equal(3L, new ConstantDistribution(2.6).SampleDuration(new RngStream("s", 1)).Nanoseconds);
    }

    [Fact]
    public void SampleBytes_BelowMinimum_ReturnsMinimum()
    {
        var rng = new RngStream("s", 1);

        Assert.Equal(1L, new ConstantDistribution(0.2).SampleBytes(rng));
        Assert.Equal(64L, new ConstantDistribution(10).SampleBytes(rng, min: 64));
        Assert.Equal(1_500L, new ConstantDistribution(1_500.4).SampleBytes(rng));
    }
}
