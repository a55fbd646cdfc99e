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
/// after it) and counts each skipped span between faults as that steady distribution, scaled by the span's length
/// over the steady time measured. A span skipped in the middle of a fault (between the window around its start and
/// the one around its repair) is the fault's degraded steady state instead: it counts as the latencies of the last
/// half of the <c>After</c> tail before it (of records sent in that half), scaled by its length over that half. The produce percentiles are those of
/// the detailed requests plus the skipped spans' (docs/hybrid.md).
/// </summary>
public sealed partial class LatencyProbe(RunContext context) : IRunProbe
{
    private RunContext Context => context;

    /// <summary>The percentiles at which a run's latency distribution is kept: enough to draw its CDF, tail included.</summary>
    public static readonly IReadOnlyList<double> CdfPercentiles =
        [0, 1, 2, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 97, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];

    /// <summary>The largest latency a histogram holds: an hour, in microseconds.</summary>
    internal const long HighestMicros = 3_600_000_000L;

    private readonly LongHistogram _latency = new(HighestMicros, 3);
    private readonly SortedDictionary<string, LongHistogram> _latencyBySite = new(StringComparer.Ordinal);
    // Created at their first value (LazyHistogram): a run without consumers, MirrorMaker 2 or hybrid fidelity leaves them empty.
    private LongHistogram? _e2e;

    /// <summary>End-to-end latency of records read from a MirrorMaker 2 copy (their batch keeps its origin cluster).</summary>
    private LongHistogram? _e2eMirrored;

    // Hybrid fidelity: the steady latencies, the disturbed spans of the detailed clock, and the skipped spans' weight.
    private LongHistogram? _steady;
    private readonly SortedDictionary<string, LongHistogram> _steadyBySite = new(StringComparer.Ordinal);
    private List<(SimTime Start, SimTime End)>? _disturbed;
    private int _nextDisturbed;
    private double _skippedWeight;
    private readonly List<FaultSample> _faultSamples = [];
    private int _nextSample;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public void Start()
    {
        if (context.Hybrid is not { } hybrid) return;
        var after = (context.Options.Hybrid ?? HybridOptions.Default).After;
        if (context.Options.Hybrid?.Settle is { } settle)
        {
            StartSettled(hybrid, after, settle);
            return;
        }
        var spans = context.PlannedFaults.Select(f => (Start: f.At, End: (f.End ?? hybrid.DetailEnd) + after)).OrderBy(x => x.Start).ToList();
        _disturbed = Merge(spans);
        var sampled = SimDuration.FromNanosecondsRounded(after.Nanoseconds / 2.0);
        var previous = SimTime.Zero;
        foreach (var span in hybrid.SkippedSpans)
        {
            if (FaultHoldsAt(span.DetailAt))
            {
                var from = span.DetailAt - sampled > previous ? span.DetailAt - sampled : previous;
                if (span.DetailAt > from) _faultSamples.Add(new FaultSample(from, span.DetailAt, span.Length.TotalSeconds / (span.DetailAt - from).TotalSeconds));
            }
            previous = span.DetailAt;
        }
        _skippedWeight = SteadyWeight(hybrid);
    }

    /// <summary>Whether a planned fault holds at <paramref name="at"/> of the detailed clock (begun before it, not yet repaired).</summary>
    private bool FaultHoldsAt(SimTime at) => context.PlannedFaults.Any(f => f.At < at && (f.End is not { } e || e > at));

    /// <summary>
    /// The weight of the steady distribution: the time skipped between faults over the steady time measured (the detailed
    /// clock after the warm-up, less the disturbed spans).
    /// </summary>
    private double SteadyWeight(HybridSchedule hybrid)
    {
        double measuredS = Math.Max(0, (hybrid.DetailEnd - context.WarmupEnd).TotalSeconds);
        foreach (var (a, b) in _disturbed!)
        {
            var lo = a > context.WarmupEnd ? a : context.WarmupEnd;
            var hi = b < hybrid.DetailEnd ? b : hybrid.DetailEnd;
            if (hi > lo) measuredS -= (hi - lo).TotalSeconds;
        }
        double skippedS = 0;
        foreach (var span in hybrid.SkippedSpans)
        {
            if (!FaultHoldsAt(span.DetailAt)) skippedS += span.Length.TotalSeconds;
        }
        return measuredS > 0 ? skippedS / measuredS : 0;
    }

    /// <summary>The sample of a fault's degraded state an acknowledgement at <paramref name="at"/> (in time order) belongs to, if any.</summary>
    private FaultSample? SampleAt(SimTime at)
    {
        while (_nextSample < _faultSamples.Count && _faultSamples[_nextSample].To <= at) _faultSamples[_nextSample++].Finish(_spareHistograms);
        return _nextSample < _faultSamples.Count && at >= _faultSamples[_nextSample].From ? _faultSamples[_nextSample] : null;
    }

    /// <summary>The distributions the skipped spans stand for, with their weights: the steady one, and each fault's degraded one.</summary>
    private IEnumerable<(RecordedCounts? H, double Weight)> Skipped(string? site)
    {
        var steady = site is null ? _steady : _steadyBySite.GetValueOrDefault(site);
        yield return (steady is null ? null : RecordedCounts.Of(steady), _skippedWeight);
        foreach (var f in _faultSamples) yield return (f.Counts(site), f.Weight);
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
        if (_settle is not null) FinishSettled();
        if (_disturbed is not null && (_skippedWeight > 0 && LazyHistogram.Count(_steady) > 0 || _faultSamples.Any(f => f.TotalCount > 0))) return ContributeHybrid(result);
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
        var all = new WeightedCounts(_latency, Skipped(null));
        var produce = Weighted(_latency, null, all);
        return result.With(
                (MetricCatalog.ProduceLatencyP50, produce.P50Ms), (MetricCatalog.ProduceLatencyP99, produce.P99Ms),
                (MetricCatalog.ProduceLatencyP999, produce.P999Ms), (MetricCatalog.ProduceLatencyMax, produce.MaxMs),
                (MetricCatalog.E2eLatencyP50, Ms(_e2e, 50)), (MetricCatalog.E2eLatencyP99, Ms(_e2e, 99)), (MetricCatalog.E2eLatencyP999, Ms(_e2e, 99.9)),
                (MetricCatalog.MirroredE2eLatencyP50, Ms(_e2eMirrored, 50)), (MetricCatalog.MirroredE2eLatencyP99, Ms(_e2eMirrored, 99))) with
        {
            ProduceLatency = produce,
            ProduceLatencyCdf = CdfPercentiles.Select(p => new LatencyPoint(p, all.Ms(p))).ToList(),
            ProduceLatencyBySite = _latencyBySite.ToDictionary(kv => kv.Key, kv => Weighted(kv.Value, kv.Key), StringComparer.Ordinal),
        };
    }

    /// <summary>The summary over the detailed requests plus the skipped spans' (of one site, or of all when <paramref name="site"/> is null).</summary>
    private LatencySummary Weighted(LongHistogram detail, string? site, WeightedCounts? counts = null)
    {
        if (detail.TotalCount == 0) return LatencySummary.None;
        counts ??= new WeightedCounts(detail, Skipped(site));
        return new LatencySummary(counts.Ms(50), counts.Ms(99), counts.Ms(99.9), detail.GetMaxValue() / 1000.0,
            detail.TotalCount + (long)Math.Round(Skipped(site).Sum(x => (x.H?.TotalCount ?? 0) * x.Weight)));
    }

    /// <summary>
    /// The detailed counts plus each skipped distribution's counts times its weight, by value, gathered once and read at
    /// any percentile as <see cref="HistogramBase.GetValueAtPercentile"/> reads one histogram.
    /// </summary>
    private sealed class WeightedCounts
    {
        private readonly long[] _values;
        private readonly double[] _counts;
        private readonly double _total;

        public WeightedCounts(LongHistogram detail, IEnumerable<(RecordedCounts? H, double Weight)> skipped)
        {
            var counts = new SortedDictionary<long, double>();
            foreach (var v in detail.RecordedValues()) counts[v.ValueIteratedTo] = counts.GetValueOrDefault(v.ValueIteratedTo) + v.CountAtValueIteratedTo;
            foreach (var (h, weight) in skipped)
            {
                if (h is null || weight <= 0) continue;
                for (int i = 0; i < h.Values.Length; i++) counts[h.Values[i]] = counts.GetValueOrDefault(h.Values[i]) + h.Counts[i] * weight;
            }
            _total = counts.Values.Sum();
            _values = [.. counts.Keys];
            _counts = [.. counts.Values];
        }

        /// <summary>The value at <paramref name="percentile"/>, in ms; NaN when nothing was counted.</summary>
        public double Ms(double percentile)
        {
            if (_total <= 0) return double.NaN;
            double target = Math.Max(Math.Min(percentile, 100) / 100 * _total, double.Epsilon), seen = 0;
            long last = 0;
            for (int i = 0; i < _values.Length; i++)
            {
                seen += _counts[i];
                last = _values[i];
                if (seen >= target) return _values[i] / 1000.0;
            }
            return last / 1000.0;
        }
    }

    private static LatencySummary Summary(LongHistogram h) =>
        h.TotalCount == 0 ? LatencySummary.None : new LatencySummary(Ms(h, 50), Ms(h, 99), Ms(h, 99.9), h.GetMaxValue() / 1000.0, h.TotalCount);

    private static double Ms(LongHistogram? h, double percentile) => LazyHistogram.Ms(h, percentile);

    internal static long Micros(SimDuration d) => Math.Clamp(d.Nanoseconds / 1000, 0, HighestMicros);

    private sealed class View(LatencyProbe p, string cluster) : IKafkaObserver
    {
        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app || !p.Context.Measuring(at)) return;
            long us = Micros(latency);
            p._latency.RecordValue(us);
            var site = app.Placement.Zone;
            SiteHistogram(p._latencyBySite, site, ref _site, ref _bySite).RecordValue(us);
            if (p._settle is not null) p.AckedSettled(at, latency, us, site);
            // Of requests sent in the sample's interval: a backlog from the fault's first moments acknowledged late is its recovery, not its steady state.
            else if (p.SampleAt(at) is { } sample && at - latency >= sample.From)
            {
                sample.Record(site, us, p._spareHistograms);
            }
            if (!p.Steady(at)) return;
            LazyHistogram.Record(ref p._steady, us);
            SiteHistogram(p._steadyBySite, site, ref _steadySite, ref _steadyBySite).RecordValue(us);
        }

        // The site looked up last in each per-site map, with its histogram (a map only ever gains sites).
        private string? _site, _steadySite;
        private LongHistogram? _bySite, _steadyBySite;

        private static LongHistogram SiteHistogram(SortedDictionary<string, LongHistogram> bySite, string site, ref string? last, ref LongHistogram? histogram)
        {
            if (ReferenceEquals(site, last)) return histogram!;
            if (!bySite.TryGetValue(site, out var h)) bySite[site] = h = new LongHistogram(HighestMicros, 3);
            (last, histogram) = (site, h);
            return h;
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (p.Context.AppOf(cluster, consumerId) is not { } app || !p.Context.Measuring(at)) return;
            // As a dashboard would: the consumer's clock minus the record's timestamp.
            var local = at + p.Context.Simulation.Network.ClockOffset(app.Node);
            long us = Micros(local - batch.CreateTime);
            LazyHistogram.Record(ref p._e2e, us, batch.Count);
            if (batch.Origin.IsSet) LazyHistogram.Record(ref p._e2eMirrored, us, batch.Count);
        }
    }
}
