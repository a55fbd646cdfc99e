namespace Sim.Kafka.Clients;

/// <summary>
/// Which <c>__consumer_offsets</c> partition holds a group, as Kafka computes it:
/// <c>Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions</c> with Java's String.hashCode.
/// The leader of that partition is the group's coordinator.
/// </summary>
public static class GroupCoordinatorPartition
{
    public const string Topic = "__consumer_offsets";

    public static int For(string group, int partitions)
    {
        int h = 0;
        foreach (char c in group) h = unchecked(31 * h + c);
        // Kafka's Utils.abs maps Integer.MIN_VALUE to 0 rather than overflowing.
        int abs = h == int.MinValue ? 0 : Math.Abs(h);
        return abs % partitions;
    }
}
