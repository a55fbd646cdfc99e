namespace Sim.Architectures.Faults;

/// <summary>A fault plan: scheduled faults and stochastic ones, drawn only from the fault stream.</summary>
public sealed record FaultPlan(IReadOnlyList<Fault> Scheduled)
{
    public IReadOnlyList<StochasticFaults> Stochastic { get; init; } = [];

    public static readonly FaultPlan None = new([]);
}
