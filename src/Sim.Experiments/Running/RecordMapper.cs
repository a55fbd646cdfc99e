using Sim.Architectures.Metrics;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>Turns what a run measured (<see cref="RunResult"/>) into the model-free record the results are written from, metric by metric in <see cref="MetricCatalog"/> order.</summary>
public static class RecordMapper
{
    private const double Gb = 1e9;

    private static readonly IReadOnlyDictionary<string, Func<RunResult, double>> Extract = new Dictionary<string, Func<RunResult, double>>(StringComparer.Ordinal)
    {
        ["produce_latency_ms_p50"] = r => r.ProduceLatency.P50Ms,
        ["produce_latency_ms_p99"] = r => r.ProduceLatency.P99Ms,
        ["produce_latency_ms_p999"] = r => r.ProduceLatency.P999Ms,
        ["produce_latency_ms_max"] = r => r.ProduceLatency.MaxMs,
        ["e2e_latency_ms_p50"] = r => r.E2eLatencyP50Ms,
        ["e2e_latency_ms_p99"] = r => r.E2eLatencyP99Ms,
        ["records_produced"] = r => r.RecordsProduced,
        ["records_acked"] = r => r.RecordsAcked,
        ["records_failed"] = r => r.RecordsFailed,
        ["availability"] = r => r.Availability,
        ["unavailable_s"] = r => r.UnavailableS,
        ["acked_records_lost"] = r => r.AckedRecordsLost,
        ["acked_records_lost_permanent"] = r => r.AckedRecordsLostPermanent,
        ["acked_records_lost_failover"] = r => r.AckedRecordsLostFailover,
        ["rpo_s"] = r => r.RpoS,
        ["rto_s"] = r => r.ProducerRto.Seconds,
        ["rto_detection_s"] = r => r.ProducerRto.DetectionS,
        ["rto_election_s"] = r => r.ProducerRto.ElectionS,
        ["rto_propagation_s"] = r => r.ProducerRto.PropagationS,
        ["rto_redirection_s"] = r => r.ProducerRto.RedirectionS,
        ["rto_streams_affected"] = r => r.ProducerRto.AffectedStreams,
        ["rto_recovered"] = r => r.ProducerRto.Recovered ? 1 : 0,
        ["consumer_rto_s"] = r => r.ConsumerRto.Seconds,
        ["duplicates"] = r => r.Duplicates,
        ["records_skipped"] = r => r.RecordsSkipped,
        ["cross_zone_gb"] = r => r.CrossZoneGb,
        ["cross_region_gb"] = r => r.CrossRegionGb,
        ["transfer_cost_usd"] = r => r.TransferCostUsd,
        ["leader_elections"] = r => r.LeaderElections,
        ["isr_shrinks"] = r => r.IsrShrinks,
        ["mirror_lag_ms_p99"] = r => r.MirrorLagMsP99,
        ["remote_tier_uploaded_gb"] = r => r.RemoteTierBytesUploaded / Gb,
        ["remote_tier_replicated_gb"] = r => r.RemoteTierBytesReplicated / Gb,
    };

    /// <summary>Every catalogued metric has an extractor and every extractor a catalogue entry; a test holds this.</summary>
    public static IEnumerable<string> Extracted => Extract.Keys;

    public static RunRecord ToRecord(RunSpec spec, RunResult result) => new(
        spec.RunId,
        spec.Point.PointId,
        spec.Replication,
        spec.Seed,
        spec.Point.Architecture,
        spec.Point.Parameters,
        MetricCatalog.All.Select(m => new MetricValue(m.Name, Extract[m.Name](result))).ToList(),
        result.ProduceLatencyCdf.Select(p => new CdfPoint(p.Percentile, p.LatencyMs)).ToList(),
        result.Faults.Select(f => new FaultInterval(f.Kind, f.Resolved, (f.Start - Sim.Core.Time.SimTime.Zero).TotalSeconds, f.End is { } e ? (e - Sim.Core.Time.SimTime.Zero).TotalSeconds : null)).ToList(),
        spec.KeepTimeseries
            ? result.Timeseries.Select(t => new TimeseriesPoint(t.TimeS, t.Produced, t.Acked, t.Failed, t.Consumed, t.UnderReplicated, t.Offline, t.MeanIsrSize, t.Elections, t.MirrorLagMs, t.ActiveFaults)).ToList()
            : null,
        result.Events,
        result.Fingerprint);
}
