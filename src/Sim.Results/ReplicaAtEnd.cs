namespace Sim.Results;

/// <summary>
/// One replica of one partition as the run left it (<c>timeseries/RUN.partitions.csv</c>, docs/results.md): what
/// Kafka's own tests assert per partition at the end of a scenario, as kafkatest's replication tests compare
/// each replica's log end offset and the high watermark through <c>kafka-log-dirs</c> and
/// <c>kafka-get-offsets</c>, and KIP-101's acceptance tests compare the replicas' logs.
/// </summary>
/// <param name="Cluster">the Kafka cluster</param>
/// <param name="Topic">the topic</param>
/// <param name="Partition">the partition's number in its topic</param>
/// <param name="Broker">the broker holding the replica</param>
/// <param name="Role">leader, follower, observer (an asynchronous replica outside the ISR), or adding/removing during a reassignment</param>
/// <param name="InIsr">whether the committed ISR holds it</param>
/// <param name="Online">whether its broker runs and its log directory is online</param>
/// <param name="LogStartOffset">the replica's log start offset (-1: no log, the broker lost it)</param>
/// <param name="LogEndOffset">the replica's log end offset (-1: no log)</param>
/// <param name="HighWatermark">the high watermark the replica knows (-1: no log)</param>
/// <param name="LeaderEpoch">the partition's committed leader epoch</param>
public sealed record ReplicaAtEnd(
    string Cluster, string Topic, int Partition, int Broker, string Role, bool InIsr, bool Online,
    long LogStartOffset, long LogEndOffset, long HighWatermark, int LeaderEpoch)
{
    public static readonly string[] Columns =
        ["cluster", "topic", "partition", "broker", "role", "in_isr", "online", "log_start_offset", "log_end_offset", "high_watermark", "leader_epoch"];
}
