using Sim.Kafka.Metadata;

namespace Sim.Kafka.Protocol;

/// <summary>A client asks a broker where partitions' leaders are.</summary>
public sealed class MetadataRequest : KafkaMessage;

/// <summary>What a broker knows of the partitions and the brokers' nodes and racks.</summary>
public sealed class MetadataResponse : KafkaMessage
{
    public required PartitionState?[] Partitions { get; init; }
    protected override int PayloadBytes => Partitions.Length * 32;
}
