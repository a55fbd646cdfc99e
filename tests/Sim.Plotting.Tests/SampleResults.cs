using Sim.Results;

namespace Sim.Plotting.Tests;

/// <summary>
/// A small synthetic experiment with the shape real ones have: two architectures × three values of
/// <c>links.a/b.rtt</c> (2ms, 10ms, 40ms) × two replications, latency distributions spanning more than two
/// decades, fault windows (one lasting to the end) and a timeline run with a time series. The numbers
/// are made up but move the way the architectures would: the stretched cluster pays the RTT in latency
/// and loses nothing, the mirrored pair is fast but loses records and takes longer to recover.
/// </summary>
internal static class SampleResults
{
    public const string RttKey = "links.a/b.rtt";
    public const int TimelineRunId = 7;
    public static readonly string[] Architectures = ["stretched-cluster", "active-passive-mm2"];
    public static readonly string[] Rtts = ["2ms", "10ms", "40ms"];
    private static readonly double[] Percentiles = [0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

    public static ExperimentResults Create(Func<string, double, double>? adjust = null)
    {
        adjust ??= (_, v) => v;
        var runs = new List<RunRecord>();
        var summary = new List<SummaryRow>();
        for (var a = 0; a < Architectures.Length; a++)
        {
            for (var r = 0; r < Rtts.Length; r++)
            {
                var point = a * Rtts.Length + r;
                var parameters = new List<Parameter> { new("architecture", Architectures[a]), new(RttKey, Rtts[r]) };
                var replications = new List<IReadOnlyList<MetricValue>>();
                for (var k = 0; k < 2; k++)
                {
                    var metrics = Metrics(a, double.Parse(Rtts[r][..^2], System.Globalization.CultureInfo.InvariantCulture), k)
                        .Select(m => new MetricValue(m.Name, adjust(m.Name, m.Value)))
                        .ToList();
                    replications.Add(metrics);
                    var runId = point * 2 + k;
                    runs.Add(new RunRecord(
                        runId, point, k, (ulong)(1000 + runId), Architectures[a], parameters, metrics,
                        Cdf(metrics.First(m => m.Name == "produce_latency_ms_p99").Value),
                        Faults, runId == TimelineRunId ? Timeseries() : null, 100_000 + runId, $"fp{runId:x4}"));
                }
                summary.Add(Summarise(point, Architectures[a], parameters, replications));
            }
        }
        return new ExperimentResults("rtt-sweep", "How the distance between two sites moves latency, loss and recovery.", "two-metro-dcs",
            ["architecture", RttKey], 2, 12, runs, summary)
        {
            TimelineRun = TimelineRunId,
            Notes = ["acks=all and min.insync.replicas=2 throughout.", "Warm-up of 30 s is excluded from every metric."],
            Setup = ["Experiment: experiments/rtt-sweep.yaml", "Faults: zone-outage of site a at 60 s for 60 s"],
        };
    }

    public static readonly IReadOnlyList<FaultInterval> Faults =
        [new("zone-outage", "site a", 60, 120), new("network-partition", "a/b", 150, null)];

    private static List<MetricValue> Metrics(int architecture, double rtt, int k) => architecture == 0
        ?
        [
            new("produce_latency_ms_p99", 5 + 2.2 * rtt + k * 0.8), new("e2e_latency_ms_p99", 25 + 2.4 * rtt + k),
            new("availability", 0.9995 - 0.00002 * rtt - k * 0.0001), new("acked_records_lost", 0), new("rpo_s", 0),
            new("rto_s", 8 + 0.05 * rtt + k * 0.5), new("consumer_rto_s", 10 + 0.05 * rtt + k * 0.5), new("app_down_s", 0), new("duplicates", 0),
            new("transfer_cost_usd", 1.2 + 0.01 * rtt + k * 0.02),
        ]
        :
        [
            new("produce_latency_ms_p99", 6 + 0.1 * rtt + k * 0.5), new("e2e_latency_ms_p99", 400 + 5 * rtt + k * 10),
            new("availability", 0.995 - k * 0.001), new("acked_records_lost", 1200 + 30 * rtt + k * 100), new("rpo_s", 1.5 + 0.02 * rtt + k * 0.3),
            new("rto_s", 45 + k * 3), new("consumer_rto_s", 60 + k * 2), new("app_down_s", 0), new("duplicates", 350 + k * 20),
            new("transfer_cost_usd", 2.4 + 0.005 * rtt + k * 0.03),
        ];

    private static List<CdfPoint> Cdf(double p99) => Percentiles.Select(p => new CdfPoint(p, p switch
    {
        100 => p99 * 5,
        99.9 => p99 * 2,
        _ => 1 + (p99 - 1) * Math.Pow(p / 99, 4),
    })).ToList();

    private static SummaryRow Summarise(int point, string architecture, List<Parameter> parameters, List<IReadOnlyList<MetricValue>> replications)
    {
        var metrics = replications[0].Select(m =>
        {
            var values = replications.Select(r => r.First(x => x.Name == m.Name).Value).Where(double.IsFinite).ToList();
            if (values.Count == 0) return new MetricSummary(m.Name, double.NaN, double.NaN, 0);
            var mean = values.Average();
            var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;

            // 12.706 is Student's t at 97.5% with one degree of freedom: two replications.
            return new MetricSummary(m.Name, mean, 12.706 * sd / Math.Sqrt(values.Count), values.Count);
        }).ToList();
        return new SummaryRow(point, architecture, parameters, replications.Count, metrics);
    }

    private static List<TimeseriesPoint> Timeseries()
    {
        var points = new List<TimeseriesPoint>();
        for (var t = 2.0; t <= 180; t += 2)
        {
            var outage = t > 60 && t <= 72;
            var degraded = t > 60 && t <= 120;
            var acked = outage ? 0 : degraded ? 1800 : 2000;
            var failed = outage ? 450 : 0;
            var elections = t == 62 ? 12 : t == 64 ? 5 : t == 152 ? 3 : 0;
            var lag = degraded ? 0 : 200 + 50 * Math.Sin(t / 10);
            points.Add(new TimeseriesPoint(t, 2000, acked, failed, outage ? 0 : 1900, degraded ? 40 : 0, outage ? 12 : 0,
                degraded ? 2 : 3, elections, lag, (degraded ? 1 : 0) + (t > 150 ? 1 : 0), t / 1000.0));
        }
        return points;
    }
}
