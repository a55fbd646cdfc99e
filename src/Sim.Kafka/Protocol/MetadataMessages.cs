using Sim.Kafka.Metadata;

namespace Sim.Kafka.Protocol;

/// <summary>A client asks a broker where partitions' leaders are.</summary>
public sealed class MetadataRequest : KafkaMessage;

/// <summary>What a broker knows of the partitions and the brokers' nodes and racks.</summary>
public sealed class MetadataResponse : KafkaMessage
{
    public required PartitionState?[] Partitions { get; init; }

    /// <summary>
    /// The brokers the answer names (its <c>brokers</c> field): the registered, unfenced ones in the answering broker's
    /// metadata image (KRaftMetadataCache.getAliveBrokerNodes). A client's later metadata requests go only to these.
    /// </summary>
    public int[] Brokers { get; init; } = [];

    // The broker list's few bytes per broker are left out of the size, as they were before the list was modelled.
    protected override int PayloadBytes => Partitions.Length * 32;
}
