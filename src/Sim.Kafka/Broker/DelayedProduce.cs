using Sim.Core.Scheduling;

namespace Sim.Kafka.Broker;

/// <summary>
/// An acks=all produce waiting for the high watermark to pass its batches (DelayedProduce in Kafka).
/// One per request (a produce, or an offset commit, which is a produce to <c>__consumer_offsets</c>);
/// <see cref="Remaining"/> counts the partitions still waiting.
/// </summary>
public sealed class DelayedProduce(Protocol.KafkaMessage request, Protocol.ProduceResult[] results)
{
    public Protocol.KafkaMessage Request { get; } = request;
    public Protocol.ProduceResult[] Results { get; } = results;

    /// <summary>For each entry, the offset the high watermark must reach; -1 once settled.</summary>
    public long[] RequiredOffsets { get; } = new long[results.Length];

    public int Remaining { get; set; }
    public EventHandle Expiry { get; set; }
    public bool Done { get; set; }
}
