using Sim.Core.Time;

namespace Sim.Architectures.Runtime;

/// <summary>
/// Hybrid fidelity (<c>fidelity: hybrid</c>): the run is simulated in detail only around its faults, from
/// <see cref="Before"/> before each fault begins or ends until <see cref="After"/> after, and the time between
/// those windows is skipped (see <see cref="HybridSchedule"/>). With <see cref="Settle"/> a window closes as soon as
/// the run has recovered and stayed recovered that long (<see cref="HybridCloser"/>); <c>After</c> is then the
/// longest a window lasts past its last fault point.
/// </summary>
public sealed record HybridOptions(SimDuration Before, SimDuration After)
{
    public static readonly HybridOptions Default = new(SimDuration.FromSeconds(10), SimDuration.FromSeconds(60));

    /// <summary>How long the run must stay recovered before a window closes early; null keeps every window <c>After</c> long.</summary>
    public SimDuration? Settle { get; init; }
}
