using System.Globalization;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>isr-size: { partition: orders/0, equals: 1 }</c> (or <c>below: 2</c>, <c>above: 1</c>): the partition's ISR,
/// as the active controller has decided it (its metadata image, which holds a change from the moment it is
/// proposed, tens of milliseconds before the voters commit it), has exactly, fewer or more than
/// <see cref="Size"/> members (kafkatest's replication tests wait for an ISR to shrink before
/// the next fault).
/// </summary>
public sealed record IsrSizeIs(PartitionRef Partition, int Size, IsrComparison Compare = IsrComparison.Equals) : FaultCondition
{
    public override bool Holds(FaultRuntime runtime)
    {
        var (cluster, p) = Partition.Resolve(runtime);
        int n = cluster.PartitionState(p).Isr.Length;
        return Compare switch { IsrComparison.Below => n < Size, IsrComparison.Above => n > Size, _ => n == Size };
    }

    public override string ToString() =>
        $"isr-size of {Partition} {Compare switch { IsrComparison.Below => "<", IsrComparison.Above => ">", _ => "=" }} {Size.ToString(CultureInfo.InvariantCulture)}";
}
