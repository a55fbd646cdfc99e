using Sim.Core.Randomness;
using Sim.Core.Time;

namespace Sim.Core.Distributions;

/// <summary>
/// A probability distribution over a quantity in its base unit (nanoseconds for durations, bytes for
/// sizes). Built from a validated <see cref="DistributionSpec"/>; sampling draws only on the stream it
/// is given, so which component draws decides which stream moves.
/// </summary>
public abstract class Distribution
{
    public abstract double Sample(RngStream rng);

    /// <summary>The distribution's mean (infinite for heavy tails without one).</summary>
    public abstract double Mean { get; }

    /// <summary>A draw read as a duration in nanoseconds, never negative (negative draws clamp to zero).</summary>
    public SimDuration SampleDuration(RngStream rng) => SimDuration.FromNanosecondsRounded(Math.Max(0, Sample(rng)));

    /// <summary>A draw read as a whole number of bytes, at least <paramref name="min"/>.</summary>
    public long SampleBytes(RngStream rng, long min = 1) => Math.Max(min, (long)Math.Round(Sample(rng)));
}
