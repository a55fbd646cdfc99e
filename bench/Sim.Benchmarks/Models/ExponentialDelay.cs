using Sim.Core.Randomness;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>Exponential delays drawn from a stream and rounded to whole nanoseconds, as every model here needs.</summary>
internal static class ExponentialDelay
{
    public static SimDuration Draw(RngStream rng, double meanNanoseconds) =>
        SimDuration.FromNanosecondsRounded(rng.NextExponential(meanNanoseconds));
}
