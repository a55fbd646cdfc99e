namespace Sim.Results;

/// <summary>
/// What one consumer group got of one partition in a run (<c>timeseries/RUN.deliveries.csv</c>, docs/results.md): the
/// per-partition split of the run's <c>duplicates</c> and <c>records_skipped</c>, where a rebalance, a reset by
/// <c>auto.offset.reset</c> or a failover left its mark.
/// </summary>
/// <param name="Group">the consumer group</param>
/// <param name="Cluster">the cluster the records were first written to (a mirrored copy counts for its origin)</param>
/// <param name="Topic">the topic</param>
/// <param name="Partition">the partition's number in its topic</param>
/// <param name="Records">distinct records of the partition the group received</param>
/// <param name="Duplicates">records of it the group received again</param>
/// <param name="Skipped">records below a group consumer's final position it never received</param>
public sealed record PartitionDelivery(string Group, string Cluster, string Topic, int Partition, long Records, long Duplicates, long Skipped)
{
    public static readonly string[] Columns = ["group", "cluster", "topic", "partition", "records", "duplicates", "skipped"];
}
