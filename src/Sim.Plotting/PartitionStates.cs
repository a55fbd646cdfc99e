using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// What the partition timeline reads from one partition's samples and the narrated entries: spans of time
/// over which a sampled value held (the leader, a replica's ISR membership, a stretch of known high
/// watermark), the entries about the partition, and how much the partition changed, which ranks partitions
/// when only some can be drawn. A sampled value is taken to hold from its sample until the next one, and the
/// last one until the end of the time axis.
/// </summary>
internal static class PartitionStates
{
    /// <summary>A value that held from <see cref="Start"/> to <see cref="End"/> (seconds).</summary>
    public sealed record Span<T>(double Start, double End, T Value);

    /// <summary>Consecutive samples with equal <paramref name="value"/>, merged into spans.</summary>
    public static IReadOnlyList<Span<T>> Spans<T>(IReadOnlyList<PartitionSample> samples, Func<PartitionSample, T> value, double end)
    {
        var spans = new List<Span<T>>();
        var ordered = samples.Where(s => double.IsFinite(s.TimeS)).OrderBy(s => s.TimeS).ToList();
        var i = 0;
        while (i < ordered.Count)
        {
            var current = value(ordered[i]);
            var j = i + 1;
            while (j < ordered.Count && EqualityComparer<T>.Default.Equals(value(ordered[j]), current)) j++;
            var spanEnd = j < ordered.Count ? ordered[j].TimeS : Math.Max(end, ordered[i].TimeS);
            spans.Add(new Span<T>(ordered[i].TimeS, spanEnd, current));
            i = j;
        }
        return spans;
    }

    /// <summary>The brokers to draw a row for: the assigned replicas in their order, then any other broker that led or was in the ISR.</summary>
    public static IReadOnlyList<int> Brokers(PartitionHistory history)
    {
        var others = history.Samples.SelectMany(s => s.Isr.Append(s.Leader)).Where(b => b >= 0 && !history.Replicas.Contains(b)).Distinct().Order();
        return history.Replicas.Distinct().Concat(others).ToList();
    }

    /// <summary>Whether <paramref name="entry"/> is about <paramref name="history"/>: same partition name, and same cluster when the entry names one.</summary>
    public static bool IsAbout(TraceEntry entry, PartitionHistory history) =>
        entry.Partition == history.Partition && (entry.Cluster is null || entry.Cluster == history.Cluster);

    /// <summary>Leader and ISR changes, narrated or seen between samples: how much there is to see in this partition.</summary>
    public static int Changes(PartitionHistory history, IReadOnlyList<TraceEntry> entries)
    {
        var narrated = entries.Count(e => (e.Kind == "leader" || e.Kind == "isr") && IsAbout(e, history));
        var sampled = 0;
        for (var i = 1; i < history.Samples.Count; i++)
        {
            var a = history.Samples[i - 1];
            var b = history.Samples[i];
            if (a.Leader != b.Leader || !a.Isr.SequenceEqual(b.Isr)) sampled++;
        }
        return Math.Max(narrated, sampled);
    }

    /// <summary>The high watermark as runs of samples with a leader (a partition without one has none), for a line with gaps.</summary>
    public static IReadOnlyList<IReadOnlyList<PartitionSample>> HighWatermarkRuns(IReadOnlyList<PartitionSample> samples)
    {
        var runs = new List<IReadOnlyList<PartitionSample>>();
        List<PartitionSample>? run = null;
        foreach (var sample in samples.Where(s => double.IsFinite(s.TimeS)).OrderBy(s => s.TimeS))
        {
            if (sample.Leader < 0 || sample.HighWatermark < 0)
            {
                run = null;
                continue;
            }
            if (run is null)
            {
                run = [];
                runs.Add(run);
            }
            run.Add(sample);
        }
        return runs;
    }

    /// <summary>The acknowledged records the run lost from this partition, with the lowest and highest lost offsets and the time they were counted.</summary>
    public static (long Records, long First, long Last, double TimeS)? Lost(PartitionHistory history, IReadOnlyList<TraceEntry> entries)
    {
        var lost = entries.Where(e => e.Kind == "lost" && IsAbout(e, history)).ToList();
        if (lost.Count == 0) return null;
        var ranges = lost.Where(e => e.FirstOffset is not null && e.LastOffset is not null).ToList();
        var records = ranges.Sum(e => e.LastOffset!.Value - e.FirstOffset!.Value + 1);
        var first = ranges.Count > 0 ? ranges.Min(e => e.FirstOffset!.Value) : -1;
        var last = ranges.Count > 0 ? ranges.Max(e => e.LastOffset!.Value) : -1;
        return (records, first, last, lost.Max(e => e.TimeS));
    }
}
