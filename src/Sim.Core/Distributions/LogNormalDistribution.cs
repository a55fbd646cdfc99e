using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>
/// Log-normal (MathNet <c>LogNormal</c>) with log-space parameters mu and sigma. Specs usually give the
/// median and the 99th percentile, which are easier to read off a latency graph:
/// mu = ln(median), sigma = ln(p99 / median) / z(0.99).
/// </summary>
public sealed class LogNormalDistribution(double mu, double sigma) : Distribution
{
    /// <summary>The standard normal's 99th percentile, z(0.99) ≈ 2.3263.</summary>
    public static readonly double Z99 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.99);

    public double Mu { get; } = mu;
    public double Sigma { get; } = sigma;

    public static LogNormalDistribution FromMedianP99(double median, double p99) =>
        new(Math.Log(median), Math.Log(p99 / median) / Z99);

    public override double Sample(RngStream rng) => MathNet.Numerics.Distributions.LogNormal.Sample(rng, Mu, Sigma);
    public override double Mean => Math.Exp(Mu + Sigma * Sigma / 2);
}
