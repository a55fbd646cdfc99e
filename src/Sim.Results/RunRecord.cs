using System.Text.Json.Serialization;

namespace Sim.Results;

/// <summary>One swept key and the value it took in a run, as written in the experiment (<c>links.a/b.rtt</c> = <c>20ms</c>).</summary>
public sealed record Parameter(string Key, string Value);

/// <summary>One metric of a run, by its column name in runs.csv (units last: <c>produce_latency_ms_p99</c>). NaN when the run could not measure it.</summary>
public sealed record MetricValue(string Name, double Value);

/// <summary>One point of a run's produce-latency distribution: the latency at or below which <see cref="Percentile"/> per cent of acknowledged requests came back.</summary>
public sealed record CdfPoint(double Percentile, double LatencyMs);

/// <summary>
/// When a fault was active in a run (seconds of simulated time, on the clock the run's trace and time series use) and what
/// it hit. <see cref="EndS"/> is null when it lasted to the end. In a hybrid run that clock is the detailed one (the detail
/// windows laid end to end); <see cref="HorizonStartS"/> and <see cref="HorizonEndS"/> then say when the fault began and
/// ended on the experiment's horizon (null in a run simulated in detail throughout, where the two clocks are one).
/// </summary>
public sealed record FaultInterval(string Kind, string Target, double StartS, double? EndS)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HorizonStartS { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HorizonEndS { get; init; }

    /// <summary>The start on the experiment's horizon.</summary>
    public double OnHorizonStartS => HorizonStartS ?? StartS;

    /// <summary>The end on the experiment's horizon; null when the fault lasted to the end.</summary>
    public double? OnHorizonEndS => HorizonStartS is null ? EndS : HorizonEndS;
}

/// <summary>One sample of a run's time series (one per <c>outputs.timeseries.interval</c>, counts within the interval).</summary>
public sealed record TimeseriesPoint(
    double TimeS, long Produced, long Acked, long Failed, long Consumed, int UnderReplicated, int Offline, double MeanIsrSize,
    int Elections, double MirrorLagMs, int ActiveFaults, double StorageUsedMax);

/// <summary>
/// Everything one run of an experiment produced, independent of the model: which point and replication
/// it was, its seed, the values of the swept keys, its metrics, its latency distribution, its fault
/// windows and (when the experiment keeps it) its time series. Runs are identified by
/// <see cref="RunId"/> = point × replications + replication, so ordering by id is the same on every machine.
/// </summary>
public sealed record RunRecord(
    int RunId,
    int PointId,
    int Replication,
    ulong Seed,
    string Architecture,
    IReadOnlyList<Parameter> Parameters,
    IReadOnlyList<MetricValue> Metrics,
    IReadOnlyList<CdfPoint> LatencyCdf,
    IReadOnlyList<FaultInterval> Faults,
    IReadOnlyList<TimeseriesPoint>? Timeseries,
    long Events,
    string Fingerprint)
{
    /// <summary>Every broker's utilisation per time-series interval, kept when the time series is (null otherwise).</summary>
    public IReadOnlyList<BrokerSample>? BrokerTimeseries { get; init; }

    /// <summary>The seed's monitoring dashboard per time-series interval, kept when the time series is (null otherwise).</summary>
    public IReadOnlyList<MonitoringSample>? Monitoring { get; init; }

    /// <summary>The brokers that went over the seed's utilisation thresholds after the warm-up, and for how long.</summary>
    public IReadOnlyList<ThresholdCrossing> ThresholdCrossings { get; init; } = [];

    /// <summary>For each utilisation metric, the broker that set its value.</summary>
    public IReadOnlyList<BusiestBroker> Busiest { get; init; } = [];

    /// <summary>Every replica of every partition as the run ended, kept when the time series is (null otherwise).</summary>
    public IReadOnlyList<ReplicaAtEnd>? ReplicasAtEnd { get; init; }

    /// <summary>Every application consumer's partitions as the run ended, kept when the time series is (null otherwise).</summary>
    public IReadOnlyList<ConsumerAtEnd>? ConsumersAtEnd { get; init; }

    /// <summary>Per consumer group and partition: records received, received again and skipped, kept when the time series is (null otherwise).</summary>
    public IReadOnlyList<PartitionDelivery>? PartitionDeliveries { get; init; }

    /// <summary>
    /// The run's narrated trace, the sentences <c>sim trace</c> tells, when the experiment keeps it (<c>outputs.trace</c>);
    /// null otherwise, and then left out of the stored run.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TraceEntry>? Trace { get; init; }

    public double Metric(string name)
    {
        foreach (var m in Metrics)
        {
            if (m.Name == name) return m.Value;
        }
        return double.NaN;
    }
}
