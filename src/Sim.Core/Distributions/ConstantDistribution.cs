using Sim.Core.Randomness;

namespace Sim.Core.Distributions;

/// <summary>Always the same value; draws nothing from the stream.</summary>
public sealed class ConstantDistribution(double value) : Distribution
{
    public double Value { get; } = value;
    public override double Sample(RngStream rng) => Value;
    public override double Mean => Value;
}
