using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>Normal (MathNet <c>Normal</c>). Used for jitter; duration users clamp negatives to zero.</summary>
public sealed class NormalDistribution(double mean, double stddev) : Distribution
{
    public double StdDev { get; } = stddev;
    public override double Sample(RngStream rng) =>
        StdDev == 0 ? mean : MathNet.Numerics.Distributions.Normal.Sample(rng, mean, StdDev);
    public override double Mean => mean;
}
