using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// Faults drawn at random for every component of a class: times between failures from an exponential
/// distribution with mean <see cref="Mtbf"/>, repair times from <see cref="Mttr"/>.
/// </summary>
public sealed record StochasticFaults(StochasticClass Class, SimDuration Mtbf, DistributionSpec Mttr)
{
    public CrashMode Mode { get; init; } = CrashMode.Hard;

    public string Key { get; init; } = "faults.stochastic";
}
