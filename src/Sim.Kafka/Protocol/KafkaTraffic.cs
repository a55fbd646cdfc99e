namespace Sim.Kafka.Protocol;

/// <summary>Sorts Kafka messages into the classes and directions a traffic filter matches.</summary>
public static class KafkaTraffic
{
    /// <summary>The protocol class of <paramref name="m"/>: heartbeats first, then by the components at its two ends.</summary>
    public static TrafficClass Of(KafkaMessage m) => m switch
    {
        BrokerHeartbeatRequest or BrokerHeartbeatResponse => TrafficClass.Heartbeats,
        _ when m.From == Component.Client || m.To == Component.Client => TrafficClass.Client,
        _ when m.From == Component.Broker && m.To == Component.Broker => TrafficClass.Replication,
        _ => TrafficClass.Controller,
    };

    /// <summary>
    /// Whether <paramref name="m"/> is a request (BeginQuorumEpoch and EndQuorumEpoch are requests in
    /// Kafka, answered by responses this model leaves out) rather than a response.
    /// </summary>
    public static bool IsRequest(KafkaMessage m) => m is ApiVersionsRequest or FetchRequest or MetadataRequest or OffsetCommitRequest
        or OffsetFetchRequest or ProduceRequest or VoteRequest or BeginQuorumEpoch or EndQuorumEpoch or QuorumFetchRequest
        or BrokerHeartbeatRequest or AlterPartitionRequest;
}
