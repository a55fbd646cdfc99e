using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>Exponential with the given mean (MathNet <c>Exponential</c>, rate = 1/mean).</summary>
public sealed class ExponentialDistribution(double mean) : Distribution
{
    private readonly double _rate = 1.0 / mean;
    public override double Sample(RngStream rng) => MathNet.Numerics.Distributions.Exponential.Sample(rng, _rate);
    public override double Mean => mean;
}
