using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// Records when each acknowledgement reached a producer, per partition, so a test can measure how
/// long writes stalled (the longest gap between acknowledgements) and when they resumed.
/// Register with <c>t.Events.Add(new AckTimeline())</c> before the run; it only reads.
/// </summary>
public sealed class AckTimeline : IKafkaObserver
{
    public List<(SimTime At, int Partition, long BaseOffset, int Count, int LeaderEpoch)> Acks { get; } = [];

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
        Acks.Add((at, partition, batch.BaseOffset, batch.Count, batch.LeaderEpoch));

    /// <summary>Acknowledgement times of <paramref name="partition"/>, in order.</summary>
    public List<SimTime> TimesOf(int partition) => Acks.Where(a => a.Partition == partition).Select(a => a.At).ToList();

    /// <summary>
    /// The longest interval between consecutive acknowledgements of <paramref name="partition"/> whose
    /// later end falls after <paramref name="from"/>: the stall a fault at <paramref name="from"/> caused.
    /// Returns the last ack before the gap and the first one after it.
    /// </summary>
    public (SimTime LastBefore, SimTime FirstAfter) LongestGapAfter(int partition, SimTime from)
    {
        var times = TimesOf(partition);
        (SimTime, SimTime) best = (from, from);
        for (int i = 1; i < times.Count; i++)
        {
            if (times[i] <= from) continue;
            if (times[i] - times[i - 1] > best.Item2 - best.Item1) best = (times[i - 1], times[i]);
        }
        return best;
    }
}
