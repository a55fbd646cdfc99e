using Sim.Architectures.Faults;
using Sim.Core.Time;

namespace Sim.Architectures.Metrics;

/// <summary>How long writes or reads took to come back after the first fault, and where the time went.</summary>
public sealed record RecoveryTime(double Seconds, double DetectionS, double ElectionS, double PropagationS, double RedirectionS, int AffectedStreams, bool Recovered)
{
    public static readonly RecoveryTime None = new(0, 0, 0, 0, 0, 0, true);
}

/// <summary>Produce latency percentiles of one site (or of the whole run).</summary>
public sealed record LatencySummary(double P50Ms, double P99Ms, double P999Ms, double MaxMs, long Requests);

/// <summary>One point of the produce-latency distribution: <see cref="Percentile"/> per cent of acknowledged requests took at most <see cref="LatencyMs"/>.</summary>
public sealed record LatencyPoint(double Percentile, double LatencyMs);

/// <summary>One row of a run's time series.</summary>
public sealed record TimeseriesRow(
    double TimeS, long Produced, long Acked, long Failed, long Consumed, int UnderReplicated, int Offline, double MeanIsrSize,
    int Elections, double MirrorLagMs, int ActiveFaults);

/// <summary>
/// What one run measured, every figure from what the simulated protocol did. docs/metrics.md defines each.
/// Times are after the warm-up unless stated.
/// </summary>
public sealed record RunResult
{
    public required string Architecture { get; init; }
    public required ulong Seed { get; init; }
    public required LatencySummary ProduceLatency { get; init; }
    public required IReadOnlyDictionary<string, LatencySummary> ProduceLatencyBySite { get; init; }
    /// <summary>The produce-latency distribution at fixed percentiles (<see cref="RunMetrics.CdfPercentiles"/>); empty when nothing was acknowledged.</summary>
    public required IReadOnlyList<LatencyPoint> ProduceLatencyCdf { get; init; }
    public required double E2eLatencyP50Ms { get; init; }
    public required double E2eLatencyP99Ms { get; init; }
    public required long RecordsProduced { get; init; }
    public required long RecordsAcked { get; init; }
    public required long RecordsFailed { get; init; }
    public required double Availability { get; init; }
    public required double UnavailableS { get; init; }
    public required long AckedRecordsLostPermanent { get; init; }
    public required long AckedRecordsLostFailover { get; init; }
    public long AckedRecordsLost => AckedRecordsLostPermanent + AckedRecordsLostFailover;
    public required double RpoS { get; init; }
    public required RecoveryTime ProducerRto { get; init; }
    public required RecoveryTime ConsumerRto { get; init; }
    public required long Duplicates { get; init; }
    public required long RecordsSkipped { get; init; }
    public required double CrossZoneGb { get; init; }
    public required double CrossRegionGb { get; init; }
    public required double TransferCostUsd { get; init; }
    public required int LeaderElections { get; init; }
    public required int IsrShrinks { get; init; }
    public required double MirrorLagMsP99 { get; init; }
    public required long RemoteTierBytesUploaded { get; init; }
    public required long RemoteTierBytesReplicated { get; init; }
    public required IReadOnlyList<FaultWindow> Faults { get; init; }
    public required IReadOnlyList<TimeseriesRow> Timeseries { get; init; }
    public required long Events { get; init; }
    public required string Fingerprint { get; init; }
    public required SimDuration Measured { get; init; }
}
