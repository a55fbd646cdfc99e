namespace Sim.Results;

/// <summary>
/// One partition of one running application consumer as the run ended (<c>timeseries/RUN.consumers.csv</c>,
/// docs/results.md): what <c>kafka-consumer-groups --describe</c> lists, and where the consumer fetches it from:
/// the preferred read replica its leader named (KIP-392, <c>replica.selector.class</c> with the consumer's
/// <c>client.rack</c>) or the leader.
/// </summary>
/// <param name="Cluster">the cluster the consumer reads</param>
/// <param name="Group">its consumer group</param>
/// <param name="Consumer">the application instance</param>
/// <param name="Topic">the topic</param>
/// <param name="Partition">the partition's number in its topic</param>
/// <param name="Position">the next offset it reads (-1: not known yet)</param>
/// <param name="FetchingFrom">the broker it fetches the partition from (-1: no leader known)</param>
/// <param name="PreferredReadReplica">the preferred read replica the leader named (-1: none, it reads from the leader)</param>
public sealed record ConsumerAtEnd(string Cluster, string Group, string Consumer, string Topic, int Partition, long Position, int FetchingFrom, int PreferredReadReplica)
{
    public static readonly string[] Columns = ["cluster", "group", "consumer", "topic", "partition", "position", "fetching_from", "preferred_read_replica"];
}
