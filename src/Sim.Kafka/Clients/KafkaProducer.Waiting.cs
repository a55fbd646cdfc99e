using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>What a producer holds and has not yet had acknowledged, for measurement at an instant.</summary>
public sealed partial class KafkaProducer
{
    /// <summary>
    /// When the application sent the oldest record of <paramref name="partition"/> (the cluster's partition index)
    /// that this producer still holds: in the batch being filled, in the accumulator's queue (in flight or waiting
    /// for a retry or a leader; RecordAccumulator), or blocked in <c>send()</c> for <c>buffer.memory</c>
    /// (BufferPool). Null when it holds none, or has stopped: the partition's writes are idle, not waiting.
    /// </summary>
    public SimTime? OldestUnacknowledged(int partition)
    {
        if (Stopped || partition < 0 || partition >= _local.Length || _local[partition] < 0) return null;
        int local = _local[partition];
        var now = S.Now;
        SimTime? oldest = null;
        if (_acc[local].Open && _acc[local].FirstArrival <= now) oldest = _acc[local].FirstArrival;
        foreach (var b in _ready[local]) oldest = Older(oldest, b.FirstRecordTime);
        foreach (var w in _blocked)
        {
            if (w.Local == local) oldest = Older(oldest, w.FirstArrival);
        }
        return oldest;
    }

    private static SimTime Older(SimTime? a, SimTime b) => a is { } x && x < b ? x : b;
}
