using Sim.Core.Time;

namespace Sim.Kafka.Observation;

/// <summary>
/// Every partition's acknowledged ranges in one log, in the order they were started, kept in fixed-size chunks, with
/// the position of each partition's newest range so that an acknowledgement continuing it merges in place. Appending
/// writes at the log's tail instead of into one growing list per partition, so with thousands of partitions an
/// acknowledgement touches a small array and the tail rather than a list of its own, and storage never doubles and
/// copies. <see cref="ByPartition"/> gives the ranges grouped by partition, each partition's oldest first.
/// A range is stored in 40 bytes rather than an <see cref="AckedRange"/>'s 48: the acks setting (-1, 0 or 1) shares
/// a field with the leader epoch.
/// </summary>
internal sealed class AckedRangeLog
{
    // 2,048 ranges of 40 bytes: 81,920 bytes, under the runtime's 85,000-byte large-object threshold.
    private const int ChunkBits = 11;
    private const int ChunkSize = 1 << ChunkBits;

    private struct Slot
    {
        public long BaseOffset;
        public long Count;
        public long FirstAckedAt;
        public long LastAckedAt;
        public int Partition;
        // The leader epoch times four plus acks + 1.
        public int EpochAndAcks;

        public readonly long NextOffset => BaseOffset + Count;

        public static int Pack(int epoch, short acks) =>
            acks is >= -1 and <= 1 && epoch is >= -(1 << 29) and < 1 << 29 ? epoch * 4 + acks + 1
                : throw new ArgumentOutOfRangeException(nameof(acks), $"acks {acks} in epoch {epoch} cannot be recorded");

        public readonly AckedRange ToRange() =>
            new(Partition, BaseOffset, Count, EpochAndAcks >> 2, (short)((EpochAndAcks & 3) - 1), new SimTime(FirstAckedAt), new SimTime(LastAckedAt));
    }

    private readonly List<Slot[]> _chunks = [];
    private int _count;
    // One more than the log position of each partition's newest range (0: none since the start or its last drop).
    private int[] _newest = [];

    private ref Slot At(int index) => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    /// <summary>
    /// Records an acknowledgement: merged into the partition's newest range when it continues it (next offset, same
    /// epoch and acks) and that range began less than <paramref name="span"/> before <paramref name="at"/>; a new
    /// range otherwise.
    /// </summary>
    public void Add(int partition, long baseOffset, int count, int epoch, short acks, SimTime at, SimDuration span)
    {
        if (partition >= _newest.Length) Array.Resize(ref _newest, Math.Max(partition + 1, 2 * _newest.Length));
        int newest = _newest[partition] - 1;
        if (newest >= 0)
        {
            ref var last = ref At(newest);
            if (last.NextOffset == baseOffset && last.EpochAndAcks == Slot.Pack(epoch, acks) && at.Nanoseconds - last.FirstAckedAt < span.Nanoseconds)
            {
                last.Count += count;
                last.LastAckedAt = at.Nanoseconds;
                return;
            }
        }
        if (_count >> ChunkBits == _chunks.Count) _chunks.Add(new Slot[ChunkSize]);
        At(_count) = new Slot
        {
            Partition = partition, BaseOffset = baseOffset, Count = count, EpochAndAcks = Slot.Pack(epoch, acks),
            FirstAckedAt = at.Nanoseconds, LastAckedAt = at.Nanoseconds,
        };
        _newest[partition] = ++_count;
    }

    /// <summary>Forgets the partition's ranges so far (its topic was deleted); later acknowledgements start afresh.</summary>
    public void Drop(int partition)
    {
        if (partition >= _newest.Length || _newest[partition] == 0) return;
        for (int i = 0; i < _count; i++)
        {
            if (At(i).Partition == partition) At(i).Partition = -1;
        }
        _newest[partition] = 0;
    }

    /// <summary>
    /// The ranges by partition, ascending, each partition's in the order they were started: the log positions sorted by
    /// partition (a counting sort, 4 bytes a range) and each range made as it is reached, not an array of them all.
    /// </summary>
    public IEnumerable<AckedRange> ByPartition()
    {
        var starts = new int[_newest.Length + 1];
        for (int i = 0; i < _count; i++)
        {
            int p = At(i).Partition;
            if (p >= 0) starts[p + 1]++;
        }
        for (int p = 0; p < _newest.Length; p++) starts[p + 1] += starts[p];
        var order = new int[starts[_newest.Length]];
        for (int i = 0; i < _count; i++)
        {
            int p = At(i).Partition;
            if (p >= 0) order[starts[p]++] = i;
        }
        return Ranges(order);
    }

    private IEnumerable<AckedRange> Ranges(int[] order)
    {
        foreach (int i in order) yield return At(i).ToRange();
    }

    /// <summary>Ranges held (those of dropped partitions included until they are forgotten).</summary>
    public int Count => _count;

    /// <summary>
    /// Forgets every range wholly below <paramref name="start"/>(partition), keeping the others in their order, and gives
    /// back the chunks no longer used. Returns the records of the ranges forgotten; those of dropped partitions go too
    /// and are not counted.
    /// </summary>
    public long ForgetBelow(Func<int, long> start)
    {
        long forgotten = 0;
        var starts = new long[_newest.Length];
        for (int p = 0; p < starts.Length; p++) starts[p] = _newest[p] == 0 ? long.MinValue : start(p);
        Array.Clear(_newest);
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            var r = At(i);
            if (r.Partition < 0) continue;
            if (r.NextOffset <= starts[r.Partition]) { forgotten += r.Count; continue; }
            At(kept) = r;
            _newest[r.Partition] = ++kept;
        }
        _count = kept;
        int chunks = (kept + ChunkSize - 1) >> ChunkBits;
        if (chunks < _chunks.Count) _chunks.RemoveRange(chunks, _chunks.Count - chunks);
        return forgotten;
    }
}
