using Sim.Architectures.Faults;
using Sim.Core.Time;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>How long writes or reads took to come back after the first fault, and where the time went.</summary>
public sealed record RecoveryTime(double Seconds, double DetectionS, double ElectionS, double PropagationS, double RedirectionS, int AffectedStreams, bool Recovered)
{
    public static readonly RecoveryTime None = new(0, 0, 0, 0, 0, 0, true);
}

/// <summary>Produce latency percentiles of one site (or of the whole run).</summary>
public sealed record LatencySummary(double P50Ms, double P99Ms, double P999Ms, double MaxMs, long Requests)
{
    public static readonly LatencySummary None = new(double.NaN, double.NaN, double.NaN, double.NaN, 0);
}

/// <summary>One point of the produce-latency distribution: <see cref="Percentile"/> per cent of acknowledged requests took at most <see cref="LatencyMs"/>.</summary>
public sealed record LatencyPoint(double Percentile, double LatencyMs);

/// <summary>One row of a run's time series.</summary>
public sealed record TimeseriesRow(
    double TimeS, long Produced, long Acked, long Failed, long Consumed, int UnderReplicated, int Offline, double MeanIsrSize,
    int Elections, double MirrorLagMs, int ActiveFaults, double StorageUsedMax);

/// <summary>One interval of the seed's monitoring dashboard (<see cref="MonitoringProbe"/>); written as Sim.Results' MonitoringSample.</summary>
public sealed record MonitoringRow(
    double TimeS, int UnderReplicated, int Offline, double IsrShrinksPerS, double IsrExpandsPerS,
    int ActiveControllersMin, int ActiveControllersMax, long ReplicaLagMax, long MirrorRecordsBehind, double MirrorLagS,
    double CheckpointAgeS, double ConsumerLagMax, double ProduceP99Ms, double E2eP99Ms, double BytesInMBpsMax,
    double BytesOutMBpsMax, double LinkUtilMax)
{
    /// <summary>The values in the order of the monitoring table's columns, <c>time_s</c> first.</summary>
    public double[] Values() =>
    [
        TimeS, UnderReplicated, Offline, IsrShrinksPerS, IsrExpandsPerS, ActiveControllersMin, ActiveControllersMax,
        ReplicaLagMax, MirrorRecordsBehind, MirrorLagS, CheckpointAgeS, ConsumerLagMax, ProduceP99Ms, E2eP99Ms,
        BytesInMBpsMax, BytesOutMBpsMax, LinkUtilMax,
    ];
}

/// <summary>
/// What one run measured, every figure from what the simulated protocol did. Each catalogued metric
/// (<see cref="MetricCatalog"/>, docs/metrics.md) has its value in <see cref="Metrics"/>, set by the probe
/// that measures it; the typed parts (latency summaries, recovery breakdowns, the time series) are the
/// probes' detail behind those figures. The scalar properties below read <see cref="Metrics"/>.
/// Times are after the warm-up unless stated.
/// </summary>
public sealed record RunResult
{
    public required string Architecture { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<FaultWindow> Faults { get; init; }

    /// <summary>
    /// In a hybrid run, where each of <see cref="Faults"/> began and ended on the horizon (the windows' times are on the
    /// detailed clock, <see cref="Runtime.HybridSchedule.ToHorizon"/>); null in a run simulated in detail throughout.
    /// </summary>
    public IReadOnlyList<(SimTime Start, SimTime? End)>? FaultsOnHorizon { get; init; }
    public required long Events { get; init; }
    public required string Fingerprint { get; init; }
    public required SimDuration Measured { get; init; }

    /// <summary>Each metric's value by its name; <see cref="With"/> adds them.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    public LatencySummary ProduceLatency { get; init; } = LatencySummary.None;
    public IReadOnlyDictionary<string, LatencySummary> ProduceLatencyBySite { get; init; } = new Dictionary<string, LatencySummary>(StringComparer.Ordinal);
    /// <summary>The produce-latency distribution at fixed percentiles (<see cref="LatencyProbe.CdfPercentiles"/>); empty when nothing was acknowledged.</summary>
    public IReadOnlyList<LatencyPoint> ProduceLatencyCdf { get; init; } = [];
    public RecoveryTime ProducerRto { get; init; } = RecoveryTime.None;
    public RecoveryTime ConsumerRto { get; init; } = RecoveryTime.None;
    public long RemoteTierBytesUploaded { get; init; }
    public long RemoteTierBytesReplicated { get; init; }
    public IReadOnlyList<TimeseriesRow> Timeseries { get; init; } = [];

    /// <summary>Every broker's utilisation per time-series interval, in time order and, within a time, by cluster and broker id.</summary>
    public IReadOnlyList<BrokerUtilisation> BrokerTimeseries { get; init; } = [];

    /// <summary>The seed's monitoring dashboard, one sample per time-series interval (<see cref="MonitoringProbe"/>).</summary>
    public IReadOnlyList<MonitoringRow> Monitoring { get; init; } = [];

    /// <summary>The brokers that went over the seed's utilisation thresholds after the warm-up (<see cref="ThresholdWatch"/>).</summary>
    public IReadOnlyList<ThresholdBreach> ThresholdCrossings { get; init; } = [];

    /// <summary>For each utilisation metric, the broker that set its value.</summary>
    public IReadOnlyList<BusiestOf> Busiest { get; init; } = [];

    /// <summary>Every replica of every partition as the run ended (<see cref="ReplicaEndProbe"/>).</summary>
    public IReadOnlyList<ReplicaEnd> ReplicasAtEnd { get; init; } = [];

    /// <summary>Every running application consumer's partitions as the run ended (<see cref="ConsumerEndProbe"/>).</summary>
    public IReadOnlyList<ConsumerEnd> ConsumersAtEnd { get; init; } = [];

    /// <summary>Per group and partition: records delivered, delivered again and skipped (<see cref="DeliveryProbe"/>).</summary>
    public IReadOnlyList<GroupPartitionDelivery> PartitionDeliveries { get; init; } = [];

    /// <summary>The value of <paramref name="metric"/>; throws if no probe measured it.</summary>
    public double Metric(MetricInfo metric) =>
        Metrics.TryGetValue(metric.Name, out var v) ? v : throw new InvalidOperationException($"no probe measured '{metric.Name}'");

    /// <summary>This result with more metric values; a metric measured twice is a wiring error.</summary>
    public RunResult With(params (MetricInfo Metric, double Value)[] values)
    {
        var all = new Dictionary<string, double>(Metrics, StringComparer.Ordinal);
        foreach (var (m, v) in values)
        {
            if (!all.TryAdd(m.Name, v)) throw new InvalidOperationException($"metric '{m.Name}' measured twice");
        }
        return this with { Metrics = all };
    }

    /// <summary>
    /// This result with metrics already measured given new values: for a probe that extends another's total over
    /// time that probe did not see (the skipped spans of hybrid fidelity). A metric not yet measured is a wiring error.
    /// </summary>
    public RunResult Replaced(params (MetricInfo Metric, double Value)[] values)
    {
        var all = new Dictionary<string, double>(Metrics, StringComparer.Ordinal);
        foreach (var (m, v) in values)
        {
            if (!all.ContainsKey(m.Name)) throw new InvalidOperationException($"metric '{m.Name}' not measured yet");
            all[m.Name] = v;
        }
        return this with { Metrics = all };
    }

    public double E2eLatencyP50Ms => Metric(MetricCatalog.E2eLatencyP50);
    public double E2eLatencyP99Ms => Metric(MetricCatalog.E2eLatencyP99);
    public long RecordsProduced => (long)Metric(MetricCatalog.RecordsProduced);
    public long RecordsAcked => (long)Metric(MetricCatalog.RecordsAcked);
    public long RecordsFailed => (long)Metric(MetricCatalog.RecordsFailed);
    public double Availability => Metric(MetricCatalog.Availability);
    public double UnavailableS => Metric(MetricCatalog.UnavailableS);
    public long AckedRecordsLostPermanent => (long)Metric(MetricCatalog.AckedRecordsLostPermanent);
    public long AckedRecordsLostFailover => (long)Metric(MetricCatalog.AckedRecordsLostFailover);
    public long AckedRecordsLost => (long)Metric(MetricCatalog.AckedRecordsLost);
    public double RpoS => Metric(MetricCatalog.RpoS);
    public long Duplicates => (long)Metric(MetricCatalog.Duplicates);
    public long RecordsSkipped => (long)Metric(MetricCatalog.RecordsSkipped);
    public double CrossZoneGb => Metric(MetricCatalog.CrossZoneGb);
    public double CrossRegionGb => Metric(MetricCatalog.CrossRegionGb);
    public double TransferCostUsd => Metric(MetricCatalog.TransferCostUsd);
    public int LeaderElections => (int)Metric(MetricCatalog.LeaderElections);
    public int IsrShrinks => (int)Metric(MetricCatalog.IsrShrinks);
    public double MirrorLagMsP99 => Metric(MetricCatalog.MirrorLagP99);
}
