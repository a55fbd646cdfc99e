using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>Pareto type I with scale x_m (the minimum) and shape alpha (MathNet <c>Pareto</c>).</summary>
public sealed class ParetoDistribution(double scale, double shape) : Distribution
{
    public override double Sample(RngStream rng) => MathNet.Numerics.Distributions.Pareto.Sample(rng, scale, shape);
    public override double Mean => shape > 1 ? shape * scale / (shape - 1) : double.PositiveInfinity;
}
