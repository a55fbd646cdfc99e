namespace Sim.MirrorMaker.Audit;

/// <summary>
/// A set of offsets kept as sorted, disjoint, half-open intervals, so that sets of millions of records
/// cost a handful of entries. Adding reports how many of the added offsets were already present.
/// </summary>
public sealed class OffsetIntervals
{
    private readonly List<(long Start, long End)> _intervals = [];

    public IReadOnlyList<(long Start, long End)> Intervals => _intervals;

    public long Count => _intervals.Sum(i => i.End - i.Start);

    /// <summary>Adds [start, end); returns how many of those offsets were in the set already.</summary>
    public long Add(long start, long end)
    {
        if (end <= start) return 0;
        long overlap = 0;
        int i = FirstEndingAfter(start);
        long newStart = start, newEnd = end;
        int removeFrom = i, removeCount = 0;
        while (i < _intervals.Count && _intervals[i].Start <= end)
        {
            var (s, e) = _intervals[i];
            overlap += Math.Max(0, Math.Min(e, end) - Math.Max(s, start));
            newStart = Math.Min(newStart, s);
            newEnd = Math.Max(newEnd, e);
            removeCount++;
            i++;
        }
        _intervals.RemoveRange(removeFrom, removeCount);
        _intervals.Insert(removeFrom, (newStart, newEnd));
        return overlap;
    }

    /// <summary>How many offsets of [start, end) are in the set.</summary>
    public long CountIn(long start, long end)
    {
        long n = 0;
        if (end <= start) return 0;
        for (int i = FirstEndingAfter(start); i < _intervals.Count && _intervals[i].Start < end; i++)
            n += Math.Min(_intervals[i].End, end) - Math.Max(_intervals[i].Start, start);
        return n;
    }

    public bool Contains(long offset) => CountIn(offset, offset + 1) == 1;

    public long Min => _intervals.Count == 0 ? -1 : _intervals[0].Start;

    /// <summary>One past the highest offset in the set (-1 when empty).</summary>
    public long End => _intervals.Count == 0 ? -1 : _intervals[^1].End;

    private int FirstEndingAfter(long offset)
    {
        int lo = 0, hi = _intervals.Count - 1, found = _intervals.Count;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (_intervals[mid].End >= offset) { found = mid; hi = mid - 1; }
            else lo = mid + 1;
        }
        return found;
    }
}
