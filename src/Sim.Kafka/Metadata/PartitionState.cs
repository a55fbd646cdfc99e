namespace Sim.Kafka.Metadata;

/// <summary>
/// A partition's registration in the cluster metadata: replicas in preference order, the ISR, the
/// leader (-1 when offline), the leader epoch (bumped by every leader change) and the partition epoch
/// (bumped by every change, the version AlterPartition requests are checked against). Immutable.
/// <see cref="Elr"/> holds the eligible leader replicas of KIP-966 when that feature is on. While a
/// reassignment is under way (KIP-455), <see cref="Replicas"/> is the union of the target and the current
/// replicas, <see cref="AddingReplicas"/> those still copying the log and <see cref="RemovingReplicas"/>
/// those that leave once every adding replica has joined the ISR.
/// </summary>
public sealed record PartitionState(int Partition, int[] Replicas, int[] Isr, int Leader, int LeaderEpoch, int PartitionEpoch, int[] Elr)
{
    public const int NoLeader = -1;

    /// <summary>Replicas a reassignment adds (PartitionRecord.addingReplicas); empty when none is under way.</summary>
    public int[] AddingReplicas { get; init; } = [];

    /// <summary>Replicas a reassignment removes once it completes (PartitionRecord.removingReplicas).</summary>
    public int[] RemovingReplicas { get; init; } = [];

    /// <summary>Whether a reassignment of this partition is under way.</summary>
    public bool Reassigning => AddingReplicas.Length > 0 || RemovingReplicas.Length > 0;

    /// <summary>Whether <paramref name="broker"/> is a replica a reassignment is adding.</summary>
    public bool IsAdding(int broker) => Array.IndexOf(AddingReplicas, broker) >= 0;

    /// <summary>
    /// Confluent observers: replicas (listed last in <see cref="Replicas"/>) that fetch like followers but join the
    /// ISR only when the topic's observer promotion policy lets them; empty for a plain Apache Kafka topic.
    /// </summary>
    public int[] Observers { get; init; } = [];

    public bool IsObserver(int broker) => Array.IndexOf(Observers, broker) >= 0;

    public bool InIsr(int broker) => Array.IndexOf(Isr, broker) >= 0;

    public bool IsReplica(int broker) => Array.IndexOf(Replicas, broker) >= 0;

    public int PreferredLeader => Replicas[0];

    /// <summary>
    /// Whether the partition exists: a catalog slot for a partition an operation creates later, or one whose
    /// topic was deleted, has no replicas (no PartitionRecord, or its removal, in KRaft's metadata).
    /// </summary>
    public bool Exists => Replicas.Length > 0;

    /// <summary>A catalog slot with no partition in it (not created yet).</summary>
    public static PartitionState Absent(int partition) => new(partition, [], [], NoLeader, 0, 0, []);

    public static string Format(int[] ids) => "{" + string.Join(",", ids) + "}";

    public override string ToString() =>
        $"p{Partition} leader {Leader} epoch {LeaderEpoch} isr {Format(Isr)} replicas {Format(Replicas)}";
}
