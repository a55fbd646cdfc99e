namespace Sim.Kafka.Protocol;

/// <summary>
/// The protocol classes a traffic filter can single out, as the filters of Kafka's RaftEventSimulationTest
/// router and kafkatest's network-degrade tests separate them.
/// </summary>
public enum TrafficClass
{
    /// <summary>Producers, consumers, admin and MirrorMaker clients talking to brokers.</summary>
    Client,

    /// <summary>Followers fetching from partition leaders (broker to broker).</summary>
    Replication,

    /// <summary>KRaft traffic: votes, BeginQuorumEpoch/EndQuorumEpoch, metadata log fetches, AlterPartition.</summary>
    Controller,

    /// <summary>Broker heartbeats to the active controller (BrokerHeartbeat), which keep a broker's lease.</summary>
    Heartbeats,
}
