using Sim.Core.Time;

namespace Sim.Architectures.Runtime;

/// <summary>
/// Hybrid fidelity (<c>fidelity: hybrid</c>): the run is simulated in detail only around its faults, from
/// <see cref="Before"/> before each fault begins or ends until <see cref="After"/> after, and the time between
/// those windows is skipped (see <see cref="HybridSchedule"/>).
/// </summary>
public sealed record HybridOptions(SimDuration Before, SimDuration After)
{
    public static readonly HybridOptions Default = new(SimDuration.FromSeconds(10), SimDuration.FromSeconds(60));
}
