using HdrHistogram;
using Sim.Architectures.Runtime;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Produce latency (overall, per site and as a distribution) and end-to-end latency of application clients
/// after the warm-up, kept in HdrHistograms (3 significant digits, microseconds), so memory stays bounded.
/// In hybrid fidelity (<see cref="HybridSchedule"/>) the detail windows are mostly faults and recoveries, so their
/// latencies alone would describe an incident, not the horizon. The probe also keeps the latencies of the steady
/// parts of the windows (after the warm-up, outside every fault and the <see cref="HybridOptions.After"/> tail
/// after it) and counts each skipped span as that steady distribution, scaled by the span's length over the steady
/// time measured: the produce percentiles are those of the detailed requests plus the skipped spans' steady ones
/// (docs/hybrid.md).
/// </summary>
public sealed class LatencyProbe(RunContext context) : IRunProbe
{
    private RunContext Context => context;

    /// <summary>The percentiles at which a run's latency distribution is kept: enough to draw its CDF, tail included.</summary>
    public static readonly IReadOnlyList<double> CdfPercentiles =
        [0, 1, 2, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 97, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];

    /// <summary>The largest latency a histogram holds: an hour, in microseconds.</summary>
    internal const long HighestMicros = 3_600_000_000L;

    private readonly LongHistogram _latency = new(HighestMicros, 3);
    private readonly SortedDictionary<string, LongHistogram> _latencyBySite = new(StringComparer.Ordinal);
    private readonly LongHistogram _e2e = new(HighestMicros, 3);

    /// <summary>End-to-end latency of records read from a MirrorMaker 2 copy (their batch keeps its origin cluster).</summary>
    private readonly LongHistogram _e2eMirrored = new(HighestMicros, 3);

    // Hybrid fidelity: the steady latencies, the disturbed spans of the detailed clock, and the skipped spans' weight.
    private readonly LongHistogram _steady = new(HighestMicros, 3);
    private readonly SortedDictionary<string, LongHistogram> _steadyBySite = new(StringComparer.Ordinal);
    private List<(SimTime Start, SimTime End)>? _disturbed;
    private int _nextDisturbed;
    private double _skippedWeight;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public void Start()
    {
        if (context.Hybrid is not { } hybrid) return;
        var after = (context.Options.Hybrid ?? HybridOptions.Default).After;
        var spans = context.PlannedFaults.Select(f => (Start: f.At, End: (f.End ?? hybrid.DetailEnd) + after)).OrderBy(x => x.Start).ToList();
        _disturbed = [];
        foreach (var (a, b) in spans)
        {
            if (_disturbed.Count > 0 && a <= _disturbed[^1].End) _disturbed[^1] = (_disturbed[^1].Start, b > _disturbed[^1].End ? b : _disturbed[^1].End);
            else _disturbed.Add((a, b));
        }
        double measuredS = Math.Max(0, (hybrid.DetailEnd - context.WarmupEnd).TotalSeconds);
        foreach (var (a, b) in _disturbed)
        {
            var lo = a > context.WarmupEnd ? a : context.WarmupEnd;
            var hi = b < hybrid.DetailEnd ? b : hybrid.DetailEnd;
            if (hi > lo) measuredS -= (hi - lo).TotalSeconds;
        }
        double skippedS = hybrid.SkippedSpans.Sum(x => x.Length.TotalSeconds);
        _skippedWeight = measuredS > 0 ? skippedS / measuredS : 0;
    }

    /// <summary>Whether an acknowledgement at <paramref name="at"/> (in time order) falls in a steady part of a detail window.</summary>
    private bool Steady(SimTime at)
    {
        if (_disturbed is null) return false;
        while (_nextDisturbed < _disturbed.Count && _disturbed[_nextDisturbed].End <= at) _nextDisturbed++;
        return _nextDisturbed >= _disturbed.Count || at < _disturbed[_nextDisturbed].Start;
    }

    public RunResult Contribute(RunResult result)
    {
        if (_disturbed is not null && _skippedWeight > 0 && _steady.TotalCount > 0) return ContributeHybrid(result);
        var produce = Summary(_latency);
        return result.With(
                (MetricCatalog.ProduceLatencyP50, produce.P50Ms), (MetricCatalog.ProduceLatencyP99, produce.P99Ms),
                (MetricCatalog.ProduceLatencyP999, produce.P999Ms), (MetricCatalog.ProduceLatencyMax, produce.MaxMs),
                (MetricCatalog.E2eLatencyP50, Ms(_e2e, 50)), (MetricCatalog.E2eLatencyP99, Ms(_e2e, 99)), (MetricCatalog.E2eLatencyP999, Ms(_e2e, 99.9)),
                (MetricCatalog.MirroredE2eLatencyP50, Ms(_e2eMirrored, 50)), (MetricCatalog.MirroredE2eLatencyP99, Ms(_e2eMirrored, 99))) with
        {
            ProduceLatency = produce,
            ProduceLatencyCdf = _latency.TotalCount == 0 ? [] : CdfPercentiles.Select(p => new LatencyPoint(p, Ms(_latency, p))).ToList(),
            ProduceLatencyBySite = _latencyBySite.ToDictionary(kv => kv.Key, kv => Summary(kv.Value), StringComparer.Ordinal),
        };
    }

    /// <summary>The percentiles over the horizon: every detailed request, plus the steady ones times the skipped spans' weight.</summary>
    private RunResult ContributeHybrid(RunResult result)
    {
        var produce = Weighted(_latency, _steady);
        return result.With(
                (MetricCatalog.ProduceLatencyP50, produce.P50Ms), (MetricCatalog.ProduceLatencyP99, produce.P99Ms),
                (MetricCatalog.ProduceLatencyP999, produce.P999Ms), (MetricCatalog.ProduceLatencyMax, produce.MaxMs),
                (MetricCatalog.E2eLatencyP50, Ms(_e2e, 50)), (MetricCatalog.E2eLatencyP99, Ms(_e2e, 99)), (MetricCatalog.E2eLatencyP999, Ms(_e2e, 99.9)),
                (MetricCatalog.MirroredE2eLatencyP50, Ms(_e2eMirrored, 50)), (MetricCatalog.MirroredE2eLatencyP99, Ms(_e2eMirrored, 99))) with
        {
            ProduceLatency = produce,
            ProduceLatencyCdf = CdfPercentiles.Select(p => new LatencyPoint(p, WeightedMs(_latency, _steady, p))).ToList(),
            ProduceLatencyBySite = _latencyBySite.ToDictionary(kv => kv.Key, kv => Weighted(kv.Value, _steadyBySite.GetValueOrDefault(kv.Key)), StringComparer.Ordinal),
        };
    }

    private LatencySummary Weighted(LongHistogram detail, LongHistogram? steady) =>
        detail.TotalCount == 0 ? LatencySummary.None
            : new LatencySummary(WeightedMs(detail, steady, 50), WeightedMs(detail, steady, 99), WeightedMs(detail, steady, 99.9), detail.GetMaxValue() / 1000.0,
                detail.TotalCount + (long)Math.Round((steady?.TotalCount ?? 0) * _skippedWeight));

    /// <summary>As <see cref="HistogramBase.GetValueAtPercentile"/>, over the detailed counts plus the steady counts times the skipped weight.</summary>
    private double WeightedMs(LongHistogram detail, LongHistogram? steady, double percentile)
    {
        var counts = new SortedDictionary<long, double>();
        foreach (var v in detail.RecordedValues()) counts[v.ValueIteratedTo] = counts.GetValueOrDefault(v.ValueIteratedTo) + v.CountAtValueIteratedTo;
        if (steady is not null)
            foreach (var v in steady.RecordedValues()) counts[v.ValueIteratedTo] = counts.GetValueOrDefault(v.ValueIteratedTo) + v.CountAtValueIteratedTo * _skippedWeight;
        double total = counts.Values.Sum();
        if (total <= 0) return double.NaN;
        double target = Math.Max(Math.Min(percentile, 100) / 100 * total, double.Epsilon), seen = 0;
        long last = 0;
        foreach (var (value, count) in counts)
        {
            seen += count;
            last = value;
            if (seen >= target) return value / 1000.0;
        }
        return last / 1000.0;
    }

    private static LatencySummary Summary(LongHistogram h) =>
        h.TotalCount == 0 ? LatencySummary.None : new LatencySummary(Ms(h, 50), Ms(h, 99), Ms(h, 99.9), h.GetMaxValue() / 1000.0, h.TotalCount);

    private static double Ms(LongHistogram h, double percentile) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;

    internal static long Micros(SimDuration d) => Math.Clamp(d.Nanoseconds / 1000, 0, HighestMicros);

    private sealed class View(LatencyProbe p, string cluster) : IKafkaObserver
    {
        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app || !p.Context.Measuring(at)) return;
            long us = Micros(latency);
            p._latency.RecordValue(us);
            var site = app.Placement.Zone;
            if (!p._latencyBySite.TryGetValue(site, out var h)) p._latencyBySite[site] = h = new LongHistogram(HighestMicros, 3);
            h.RecordValue(us);
            if (!p.Steady(at)) return;
            p._steady.RecordValue(us);
            if (!p._steadyBySite.TryGetValue(site, out var sh)) p._steadyBySite[site] = sh = new LongHistogram(HighestMicros, 3);
            sh.RecordValue(us);
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (p.Context.AppOf(cluster, consumerId) is not { } app || !p.Context.Measuring(at)) return;
            // As a dashboard would: the consumer's clock minus the record's timestamp.
            var local = at + p.Context.Simulation.Network.ClockOffset(app.Node);
            long us = Micros(local - batch.CreateTime);
            p._e2e.RecordValueWithCount(us, batch.Count);
            if (batch.Origin.IsSet) p._e2eMirrored.RecordValueWithCount(us, batch.Count);
        }
    }
}
