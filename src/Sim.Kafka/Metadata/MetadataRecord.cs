namespace Sim.Kafka.Metadata;

/// <summary>The kinds of record in the cluster metadata log (KRaft's __cluster_metadata).</summary>
public enum MetadataRecordKind : byte
{
    /// <summary>A Raft control record a new leader writes at the start of its epoch.</summary>
    LeaderChange,
    RegisterBroker,
    FenceBroker,
    UnfenceBroker,
    PartitionChange,

    /// <summary>A dynamic topic config change (ConfigRecord, written by IncrementalAlterConfigs).</summary>
    ConfigChange,

    /// <summary>
    /// A broker began a controlled shutdown (BrokerRegistrationChangeRecord with InControlledShutdown, KIP-841), written
    /// before the records that move its leaderships and take it out of the ISRs
    /// (ReplicationControlManager.handleBrokerInControlledShutdown).
    /// </summary>
    BrokerInControlledShutdown,
}

/// <summary>
/// One record of the metadata log. Records are few (they change the cluster, not carry data), so
/// they are objects. <see cref="Cause"/> is a sentence for traces: why the controller wrote it;
/// <see cref="Previous"/> is the partition state a change replaced, for traces too. A
/// <see cref="MetadataRecordKind.ConfigChange"/> carries the topic's whole configuration after the change
/// in <see cref="Topic"/>.
/// </summary>
public sealed record MetadataRecord(MetadataRecordKind Kind, int BrokerId, PartitionState? Partition, string Cause, PartitionState? Previous = null)
{
    /// <summary>The topic's configuration after a <see cref="MetadataRecordKind.ConfigChange"/>.</summary>
    public Config.TopicConfig? Topic { get; init; }

    public static MetadataRecord LeaderChange(int leaderId) => new(MetadataRecordKind.LeaderChange, leaderId, null, "new quorum leader");
}

/// <summary>A metadata record at its place in the log: offset and the Raft epoch it was written in.</summary>
public sealed record MetadataEntry(long Offset, int Epoch, MetadataRecord Record);
