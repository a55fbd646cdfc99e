using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>Continuous uniform on [min, max] (MathNet <c>ContinuousUniform</c>).</summary>
public sealed class UniformDistribution(double min, double max) : Distribution
{
    public override double Sample(RngStream rng) => MathNet.Numerics.Distributions.ContinuousUniform.Sample(rng, min, max);
    public override double Mean => (min + max) / 2;
}
