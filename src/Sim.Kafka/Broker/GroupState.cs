namespace Sim.Kafka.Broker;

/// <summary>The states of a classic consumer group at its coordinator (GroupMetadata.scala's GroupState).</summary>
public enum GroupState
{
    /// <summary>No members; its committed offsets live on.</summary>
    Empty,

    /// <summary>A rebalance started: the coordinator waits for every known member to rejoin (JoinGroup).</summary>
    PreparingRebalance,

    /// <summary>The join phase ended: the coordinator waits for the leader's assignment (SyncGroup).</summary>
    CompletingRebalance,

    /// <summary>Every member has its assignment and heartbeats.</summary>
    Stable,
}
