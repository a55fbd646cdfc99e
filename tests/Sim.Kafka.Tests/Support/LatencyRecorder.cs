using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Support;

/// <summary>Produce latencies (first record produced to acknowledgement) of every acknowledged batch, in milliseconds.</summary>
public sealed class LatencyRecorder : IKafkaObserver
{
    public List<(SimTime At, double Ms)> Latencies { get; } = [];

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
        Latencies.Add((at, latency.TotalMilliseconds));

    public double Mean(SimTime from, SimTime to) => Latencies.Where(l => l.At >= from && l.At < to).Average(l => l.Ms);

    public long CountBetween(SimTime from, SimTime to) => Latencies.Count(l => l.At >= from && l.At < to);
}
