using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>How records arrive at a producer: a steady stream or a Poisson process.</summary>
public enum ArrivalProcess
{
    Poisson,
    Constant,
}

/// <summary>
/// What one producer's application sends: a rate, an arrival process, record sizes, and how many
/// distinct keys (0: keyless, which uses sticky partitioning). Records exist only as counts.
/// </summary>
public sealed record WorkloadConfig(string Topic, double RecordsPerSecond)
{
    public ArrivalProcess Arrivals { get; init; } = ArrivalProcess.Poisson;

    /// <summary>Record size in bytes (key, value and headers).</summary>
    public DistributionSpec RecordSize { get; init; } = DistributionSpec.Constant(1024, Sim.Core.QuantityKind.Bytes);

    /// <summary>Distinct keys, hashed to partitions with murmur2; 0 sends keyless records.</summary>
    public int Keys { get; init; }

    /// <summary>When the application starts and stops sending.</summary>
    public SimTime Start { get; init; } = SimTime.Zero;
    public SimTime Stop { get; init; } = SimTime.MaxValue;
}
