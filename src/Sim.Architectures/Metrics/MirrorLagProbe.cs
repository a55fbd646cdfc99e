using HdrHistogram;
using Sim.Core.Time;
using Sim.MirrorMaker.Connect;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// MirrorMaker 2's lag measured from offsets, at every time-series sample whether or not anything was
/// replicated in between (so it grows while mirroring stands still). Per flow and source partition:
/// records behind, the source's high watermark (what a consumer may read) minus the offset up to which the
/// target acknowledged the flow's copies; and time behind, now minus the append time of the first record not
/// yet replicated (0 when none is). Kafka's counterparts are the source consumer's <c>records-lag</c> and
/// MirrorSourceMetrics' <c>replication-latency-ms</c> (KIP-382); unlike the latter, which is measured when
/// a record arrives, this one is measured at the sample, so a stopped flow reads as falling behind.
/// A source partition whose every replica is gone is read from its last in-sync replica's log.
/// </summary>
public sealed class MirrorLagProbe(RunContext context) : IRunProbe
{
    // Created at its first value (LazyHistogram): a run without MirrorMaker 2 flows measures none.
    private LongHistogram? _lags;
    private long _mostBehind;

    /// <summary>
    /// Measures the lag now; after the warm-up, records it. Returns the largest time behind (ms) and the records behind
    /// summed over flows, or null when there is no MirrorMaker 2 flow to measure.
    /// </summary>
    public (double WorstMs, long Records)? Sample(SimTime now)
    {
        if (context.Simulation.MirrorMaker is not { } mm || !mm.Flows.Any()) return null;
        double worstMs = 0;
        long behind = 0;
        foreach (var f in mm.Flows)
        {
            var (ms, records) = Behind(f, now);
            worstMs = Math.Max(worstMs, ms);
            behind += records;
        }
        if (context.Measuring(now))
        {
            LazyHistogram.Record(ref _lags, Math.Clamp((long)(worstMs * 1000), 0, LatencyProbe.HighestMicros));
            _mostBehind = Math.Max(_mostBehind, behind);
        }
        return (worstMs, behind);
    }

    /// <summary>One flow's lag at <paramref name="now"/>: the largest time behind over its source partitions (ms) and the records behind summed over them.</summary>
    public static (double WorstMs, long Records) Behind(MirrorFlow f, SimTime now)
    {
        double worstMs = 0;
        long behind = 0;
        foreach (int p in f.SourcePartitions)
        {
            if (f.Source.FinalLog(p) is not { } log) continue;
            long replicated = Math.Max(f.ReplicatedEnd(p), log.LogStartOffset);
            if (replicated >= log.HighWatermark) continue;
            behind += log.HighWatermark - replicated;
            if (log.AppendTimeAt(replicated) is { } appended) worstMs = Math.Max(worstMs, (now - appended).TotalMilliseconds);
        }
        return (worstMs, behind);
    }

    public RunResult Contribute(RunResult result) => result.With(
        (MetricCatalog.MirrorLagP99, LazyHistogram.Count(_lags) == 0 ? 0 : _lags!.GetValueAtPercentile(99) / 1000.0),
        (MetricCatalog.MirrorRecordsBehindMax, _mostBehind));
}
