using HdrHistogram;

namespace Sim.Architectures.Metrics;

/// <summary>
/// A latency histogram (microseconds up to <see cref="LatencyProbe.HighestMicros"/>, 3 significant digits) created
/// at its first recorded value: its counts take about 188 KB, an array on the large-object heap, whose allocations
/// start gen-2 collections, and many runs record nothing into some of them (mirrored latencies without MirrorMaker 2,
/// steady latencies without hybrid fidelity). A histogram never created reads as an empty one.
/// </summary>
internal static class LazyHistogram
{
    public static LongHistogram New() => new(LatencyProbe.HighestMicros, 3);

    public static void Record(ref LongHistogram? h, long value) => (h ??= New()).RecordValue(value);

    public static void Record(ref LongHistogram? h, long value, long count) => (h ??= New()).RecordValueWithCount(value, count);

    /// <summary>The values recorded (0 when none was).</summary>
    public static long Count(LongHistogram? h) => h?.TotalCount ?? 0;

    /// <summary>The value at <paramref name="percentile"/> in ms; NaN when nothing was recorded.</summary>
    public static double Ms(LongHistogram? h, double percentile) => Count(h) == 0 ? double.NaN : h!.GetValueAtPercentile(percentile) / 1000.0;
}
