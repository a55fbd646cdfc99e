using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>How records arrive at a producer: a steady stream or a Poisson process.</summary>
public enum ArrivalProcess
{
    Poisson,
    Constant,
}

/// <summary>A period during which a workload's rate is multiplied by <see cref="Factor"/>.</summary>
public sealed record Burst(SimTime Start, SimDuration Duration, double Factor);

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

    /// <summary>
    /// <c>rate: max</c>: the application sends as fast as the producer takes records (kafka-producer-perf-test
    /// <c>--throughput -1</c>), so <c>send()</c> blocks only on <c>buffer.memory</c>, and how fast records flow is set by
    /// acknowledgements, <c>max.in.flight.requests.per.connection</c> and <c>batch.size</c>. <see cref="RecordsPerSecond"/> is 0 then.
    /// </summary>
    public bool ClosedLoop { get; init; }

    /// <summary>Periods when the rate is multiplied (a sale, a backfill), in time order.</summary>
    public IReadOnlyList<Burst> Bursts { get; init; } = [];

    /// <summary>The application's rate at <paramref name="t"/>: the base rate, times a burst's factor while one lasts.</summary>
    public double RateAt(SimTime t)
    {
        foreach (var b in Bursts)
        {
            if (t >= b.Start && t < b.Start + b.Duration) return RecordsPerSecond * b.Factor;
        }
        return RecordsPerSecond;
    }

    /// <summary>When the application starts and stops sending.</summary>
    public SimTime Start { get; init; } = SimTime.Zero;
    public SimTime Stop { get; init; } = SimTime.MaxValue;
}
