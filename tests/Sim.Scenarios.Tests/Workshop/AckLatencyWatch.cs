using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Scenarios.Tests.Workshop;

/// <summary>Every acknowledged produce request with its time and latency, to compare acks=all latency before, during and after a fault.</summary>
internal sealed class AckLatencyWatch : IKafkaObserver
{
    private readonly List<(double AtS, double LatencyMs)> _acks = [];

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
        _acks.Add((at.Nanoseconds / 1e9, latency.Nanoseconds / 1e6));

    /// <summary>Latencies (ms) of the requests acknowledged in [<paramref name="fromS"/>, <paramref name="toS"/>), sorted.</summary>
    public IReadOnlyList<double> Between(double fromS, double toS) =>
        _acks.Where(a => a.AtS >= fromS && a.AtS < toS).Select(a => a.LatencyMs).Order().ToList();

    public static double Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
}
