using System.Globalization;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>isr-size: { partition: orders/0, equals: 1 }</c>: the partition's ISR, as the active controller has decided
/// it (its metadata image, which holds a change from the moment it is proposed, tens of milliseconds before
/// the voters commit it), has exactly <see cref="Size"/> members (kafkatest's replication tests wait for an ISR to shrink before
/// the next fault).
/// </summary>
public sealed record IsrSizeIs(PartitionRef Partition, int Size) : FaultCondition
{
    public override bool Holds(FaultRuntime runtime)
    {
        var (cluster, p) = Partition.Resolve(runtime);
        return cluster.PartitionState(p).Isr.Length == Size;
    }

    public override string ToString() => $"isr-size of {Partition} = {Size.ToString(CultureInfo.InvariantCulture)}";
}
