using HdrHistogram;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Produce latency (overall, per site and as a distribution) and end-to-end latency of application clients
/// after the warm-up, kept in HdrHistograms (3 significant digits, microseconds), so memory stays bounded.
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

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public RunResult Contribute(RunResult result)
    {
        var produce = Summary(_latency);
        return result.With(
                (MetricCatalog.ProduceLatencyP50, produce.P50Ms), (MetricCatalog.ProduceLatencyP99, produce.P99Ms),
                (MetricCatalog.ProduceLatencyP999, produce.P999Ms), (MetricCatalog.ProduceLatencyMax, produce.MaxMs),
                (MetricCatalog.E2eLatencyP50, Ms(_e2e, 50)), (MetricCatalog.E2eLatencyP99, Ms(_e2e, 99))) with
        {
            ProduceLatency = produce,
            ProduceLatencyCdf = _latency.TotalCount == 0 ? [] : CdfPercentiles.Select(p => new LatencyPoint(p, Ms(_latency, p))).ToList(),
            ProduceLatencyBySite = _latencyBySite.ToDictionary(kv => kv.Key, kv => Summary(kv.Value), StringComparer.Ordinal),
        };
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
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (p.Context.AppOf(cluster, consumerId) is not { } app || !p.Context.Measuring(at)) return;
            // As a dashboard would: the consumer's clock minus the record's timestamp.
            var local = at + p.Context.Simulation.Network.ClockOffset(app.Node);
            p._e2e.RecordValueWithCount(Micros(local - batch.CreateTime), batch.Count);
        }
    }
}
