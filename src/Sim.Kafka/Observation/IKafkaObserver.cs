using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Observation;

/// <summary>
/// Receives what the Kafka model did, as it happens: the raw material of traces, ledgers and metrics.
/// The model calls observers and never logs; observers only read. Every method has an empty default,
/// so an observer implements what it needs.
/// </summary>
public interface IKafkaObserver
{
    /// <summary>A partition change committed to the metadata log (leader, epoch or ISR changed).</summary>
    void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause) { }

    void BrokerFenced(SimTime at, int brokerId, string cause) { }

    void BrokerUnfenced(SimTime at, int brokerId) { }

    /// <summary>A controller won an election and leads the quorum at <paramref name="epoch"/>.</summary>
    void ControllerElected(SimTime at, int controllerId, int epoch) { }

    void ControllerResigned(SimTime at, int controllerId, int epoch, string cause) { }

    /// <summary>A replica appended a batch (as leader, or as follower copying the leader).</summary>
    void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader) { }

    /// <summary>A replica removed <paramref name="removedRecords"/> records from <paramref name="toOffset"/> on.</summary>
    void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) { }

    /// <summary>A broker applied a committed state of a partition it leads: a new leadership, or a new ISR of the one it holds.</summary>
    void LeaderStateApplied(SimTime at, int brokerId, int partition, int leaderEpoch, bool newLeadership) { }

    /// <summary>A broker took log directory <paramref name="dir"/> offline after a failed write (KIP-112).</summary>
    void LogDirFailed(SimTime at, int brokerId, int dir, string cause) { }

    /// <summary>A leader's high watermark moved up.</summary>
    void HighWatermarkAdvanced(SimTime at, int brokerId, int partition, long highWatermark) { }

    /// <summary>A produce of one batch was acknowledged to the producer.</summary>
    void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) { }

    /// <summary>Records failed for good (delivery timeout, buffer exhausted, non-retriable error).</summary>
    void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error) { }

    /// <summary>A request failed in a way the producer retries.</summary>
    void ProduceRetried(SimTime at, int producerId, int partition, int records, ErrorCode error) { }

    /// <summary>
    /// A batch went out in a second produce request (its first send failed or timed out): from here on more than
    /// one copy of it may reach a leader. Called once per batch, at its second send.
    /// </summary>
    void BatchSentAgain(SimTime at, int producerId, long clientBatchId) { }

    /// <summary>Records produced by the application (accepted into the producer's buffer or refused).</summary>
    void Produced(SimTime at, int producerId, int records) { }

    /// <summary>A consumer delivered a batch's records to its application.</summary>
    void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch) { }

    /// <summary>A group's coordinator settled a generation: every member has its assignment (the end of a rebalance).</summary>
    void GroupStabilized(SimTime at, int brokerId, string group, int generation, int members) { }

    /// <summary>A coordinator removed a member whose session ran out (<c>session.timeout.ms</c>).</summary>
    void GroupMemberExpired(SimTime at, int brokerId, string group, int clientId) { }

    /// <summary>A group member's assignment changed (revoked, assigned, or lost); <paramref name="partitions"/> is what it owns now; <paramref name="active"/> is false once the consumer stopped.</summary>
    void AssignmentChanged(SimTime at, int consumerId, string group, IReadOnlyList<int> partitions, bool active) { }
}
