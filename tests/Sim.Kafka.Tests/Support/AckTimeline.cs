using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// Records when records were produced, acknowledged and reported failed, so a test can measure how
/// long writes stalled (the longest gap between acknowledgements), when they resumed, and how long
/// records waited before being resolved. Register with <c>t.Events.Add(new AckTimeline())</c> before
/// the run; it only reads.
/// </summary>
public sealed class AckTimeline : IKafkaObserver
{
    public List<(SimTime At, int Partition, long BaseOffset, int Count, int LeaderEpoch)> Acks { get; } = [];

    /// <summary>Batches closed by the application (records counted by <see cref="AckLedger.RecordsProduced"/>), in time order.</summary>
    public List<(SimTime At, int Records)> Closed { get; } = [];

    public List<(SimTime At, int Partition, int Records, ErrorCode Error)> Failed { get; } = [];

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
        Acks.Add((at, partition, batch.BaseOffset, batch.Count, batch.LeaderEpoch));

    public void Produced(SimTime at, int producerId, int records) => Closed.Add((at, records));

    public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error) => Failed.Add((at, partition, records, error));

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

    /// <summary>Records produced up to <paramref name="at"/> and neither acknowledged nor failed by then.</summary>
    public long UnresolvedAt(SimTime at) =>
        Closed.Where(p => p.At <= at).Sum(p => (long)p.Records)
        - Acks.Where(a => a.At <= at).Sum(a => (long)a.Count)
        - Failed.Where(f => f.At <= at).Sum(f => (long)f.Records);

    /// <summary>Records produced in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    public long ProducedBetween(SimTime from, SimTime to) => Closed.Where(p => p.At > from && p.At <= to).Sum(p => (long)p.Records);
}
