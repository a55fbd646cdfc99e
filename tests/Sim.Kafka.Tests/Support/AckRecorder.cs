using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// Notes every acknowledgement a producer received: when, for which partition, in which leader epoch
/// and with which <c>acks</c> setting, so a control-plane test can tell whether a partition kept serving,
/// stopped, or came back under a new leader. Only reads.
/// </summary>
public sealed class AckRecorder : IKafkaObserver
{
    /// <summary>Any <c>acks</c> setting.</summary>
    public const short AnyAcks = short.MinValue;

    public List<(SimTime At, int Partition, int LeaderEpoch, int Count, short Acks)> Acks { get; } = [];

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
        Acks.Add((at, partition, batch.LeaderEpoch, batch.Count, acks));

    /// <summary>Records of <paramref name="partition"/> acknowledged in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long RecordsAcked(int partition, SimTime from, SimTime to, short acks = AnyAcks) =>
        Of(partition, acks).Where(a => a.At >= from && a.At < to).Sum(a => (long)a.Count);

    /// <summary>The first acknowledgement of <paramref name="partition"/> at or after <paramref name="from"/> in leader epoch <paramref name="minEpoch"/> or later.</summary>
    public SimTime? FirstAck(int partition, SimTime from, int minEpoch = 0)
    {
        foreach (var a in Of(partition, AnyAcks))
        {
            if (a.At >= from && a.LeaderEpoch >= minEpoch) return a.At;
        }
        return null;
    }

    /// <summary>The longest stretch of [<paramref name="from"/>, <paramref name="to"/>] without an acknowledgement of <paramref name="partition"/>.</summary>
    public SimDuration LongestGap(int partition, SimTime from, SimTime to, short acks = AnyAcks)
    {
        var last = from;
        var gap = SimDuration.Zero;
        foreach (var a in Of(partition, acks))
        {
            if (a.At < from || a.At > to) continue;
            gap = SimDuration.Max(gap, a.At - last);
            last = a.At;
        }
        return SimDuration.Max(gap, to - last);
    }

    private IEnumerable<(SimTime At, int Partition, int LeaderEpoch, int Count, short Acks)> Of(int partition, short acks) =>
        Acks.Where(a => a.Partition == partition && (acks == AnyAcks || a.Acks == acks));
}
