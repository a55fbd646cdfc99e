using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>Weibull with shape k and scale lambda (MathNet <c>Weibull</c>); the classic time-to-failure law.</summary>
public sealed class WeibullDistribution(double shape, double scale) : Distribution
{
    public override double Sample(RngStream rng) => MathNet.Numerics.Distributions.Weibull.Sample(rng, shape, scale);
    public override double Mean => scale * MathNet.Numerics.SpecialFunctions.Gamma(1 + 1 / shape);
}
