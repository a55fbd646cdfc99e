namespace Sim.Kafka.Metadata;

/// <summary>
/// A partition's registration in the cluster metadata: replicas in preference order, the ISR, the
/// leader (-1 when offline), the leader epoch (bumped by every leader change) and the partition epoch
/// (bumped by every change, the version AlterPartition requests are checked against). Immutable.
/// <see cref="Elr"/> holds the eligible leader replicas of KIP-966 when that feature is on.
/// </summary>
public sealed record PartitionState(int Partition, int[] Replicas, int[] Isr, int Leader, int LeaderEpoch, int PartitionEpoch, int[] Elr)
{
    public const int NoLeader = -1;

    public bool InIsr(int broker) => Array.IndexOf(Isr, broker) >= 0;

    public bool IsReplica(int broker) => Array.IndexOf(Replicas, broker) >= 0;

    public int PreferredLeader => Replicas[0];

    public static string Format(int[] ids) => "{" + string.Join(",", ids) + "}";

    public override string ToString() =>
        $"p{Partition} leader {Leader} epoch {LeaderEpoch} isr {Format(Isr)} replicas {Format(Replicas)}";
}
