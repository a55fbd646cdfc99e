namespace Sim.MirrorMaker.Failover;

/// <summary>
/// Where a consumer that moves to another cluster reads there and from which offsets: by default its own
/// group's committed offsets on that cluster; or the offsets committed under another group (MirrorMaker 2's
/// translated checkpoints, KIP-545); or explicit positions (-1: apply <c>auto.offset.reset</c>).
/// Producers that move ignore it.
/// </summary>
/// <param name="Partitions">The partitions (cluster-wide indexes) the consumer reads on its new cluster.</param>
public sealed record ResumePoint(IReadOnlyList<int> Partitions)
{
    /// <summary>The group whose committed offsets the consumer starts from (null: its own).</summary>
    public string? OffsetsGroup { get; init; }

    /// <summary>With <see cref="OffsetsGroup"/>: partitions that group holds no offset for start from the consumer's own group's commits (then <c>auto.offset.reset</c>).</summary>
    public bool OwnGroupWhereNone { get; init; }

    /// <summary>Explicit start positions, one per partition (null: committed offsets).</summary>
    public IReadOnlyList<long>? Positions { get; init; }
}
