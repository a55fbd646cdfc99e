namespace Sim.Kafka.Protocol;

/// <summary>
/// A group's offsets of one commit (catalog partition index to offset), in the order the committer listed them: the
/// payload of an OffsetCommit request and of the <c>__consumer_offsets</c> record it becomes. Kept as one array of
/// (partition, offset) pairs, as the request carries them (OffsetCommitRequestData's partitions list), since a commit
/// is written once, read by iterating, and never changed; each partition appears once.
/// </summary>
public readonly struct PartitionOffsets
{
    // partition, offset, partition, offset, ... (partitions widened to long).
    private readonly long[]? _pairs;

    private PartitionOffsets(long[] pairs) => _pairs = pairs;

    /// <summary>How many partitions the commit holds.</summary>
    public int Count => _pairs is null ? 0 : _pairs.Length / 2;

    /// <summary>The partition of the <paramref name="i"/>-th entry.</summary>
    public int PartitionAt(int i) => (int)_pairs![2 * i];

    /// <summary>The offset of the <paramref name="i"/>-th entry.</summary>
    public long OffsetAt(int i) => _pairs![2 * i + 1];

    /// <summary>The offset committed for <paramref name="partition"/>, if the commit holds it.</summary>
    public bool TryGetValue(int partition, out long offset)
    {
        for (int i = 0; i < Count; i++)
        {
            if (PartitionAt(i) != partition) continue;
            offset = OffsetAt(i);
            return true;
        }
        offset = 0;
        return false;
    }

    /// <summary>The entries of <paramref name="offsets"/> in its enumeration order (a dictionary's is its insertion order when nothing was removed).</summary>
    public static PartitionOffsets From(IReadOnlyCollection<KeyValuePair<int, long>> offsets)
    {
        var pairs = new long[2 * offsets.Count];
        int n = 0;
        foreach (var (partition, offset) in offsets)
        {
            pairs[n++] = partition;
            pairs[n++] = offset;
        }
        return new PartitionOffsets(pairs);
    }

    /// <summary>
    /// A consumer's committable positions: each partition of <paramref name="partitions"/> whose position (parallel in
    /// <paramref name="positions"/>) is known (not negative) and not waiting for its committed offset
    /// (<paramref name="pending"/>), in assignment order. Unless the partitions are <paramref name="distinct"/>, a
    /// partition listed twice keeps its first place and its last position, as a dictionary filled in that order would.
    /// </summary>
    public static PartitionOffsets OfPositions(int[] partitions, long[] positions, bool[] pending, bool distinct)
    {
        if (!distinct) return OfRepeatedPositions(partitions, positions, pending);
        int count = 0;
        for (int i = 0; i < partitions.Length; i++)
        {
            if (positions[i] >= 0 && !pending[i]) count++;
        }
        var pairs = new long[2 * count];
        int n = 0;
        for (int i = 0; i < partitions.Length; i++)
        {
            if (positions[i] < 0 || pending[i]) continue;
            pairs[n++] = partitions[i];
            pairs[n++] = positions[i];
        }
        return new PartitionOffsets(pairs);
    }

    // Partitions that may repeat: gathered through a dictionary, whose order is its insertion order.
    private static PartitionOffsets OfRepeatedPositions(int[] partitions, long[] positions, bool[] pending)
    {
        var offsets = new Dictionary<int, long>();
        for (int i = 0; i < partitions.Length; i++)
        {
            if (positions[i] >= 0 && !pending[i]) offsets[partitions[i]] = positions[i];
        }
        return From(offsets);
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>The entries in order, as (partition, offset).</summary>
    public struct Enumerator(PartitionOffsets offsets)
    {
        private int _i = -1;

        public readonly (int Partition, long Offset) Current => (offsets.PartitionAt(_i), offsets.OffsetAt(_i));

        public bool MoveNext() => ++_i < offsets.Count;
    }
}
