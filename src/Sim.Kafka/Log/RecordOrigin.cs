namespace Sim.Kafka.Log;

/// <summary>
/// Where a batch's records were first written, carried by mirrored copies so a record keeps one identity
/// across clusters: the cluster (by the number a MirrorMaker 2 deployment gives it, 1 and up), the
/// partition there, and the offset there of the batch's first record. The default value (cluster 0) means
/// the records were produced to the log that holds them, so their identity is that log's own offsets.
/// Real MirrorMaker 2 records carry no such field; the simulator keeps it for measurement only (which
/// records reached the standby, which a consumer read twice) and no mechanism reads it.
/// </summary>
public readonly record struct RecordOrigin(int Cluster, int Partition, long Offset)
{
    public bool IsSet => Cluster != 0;

    /// <summary>The origin of the record <paramref name="records"/> records further on.</summary>
    public RecordOrigin Advance(long records) => IsSet ? this with { Offset = Offset + records } : this;

    /// <summary>Whether a batch with origin <paramref name="next"/> continues one of <paramref name="count"/> records starting at this origin.</summary>
    public bool IsContinuedBy(RecordOrigin next, long count) =>
        IsSet ? next.Cluster == Cluster && next.Partition == Partition && next.Offset == Offset + count : !next.IsSet;
}
