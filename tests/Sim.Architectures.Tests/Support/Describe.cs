using Sim.Architectures.Metrics;

namespace Sim.Architectures.Tests.Support;

public static class Describe
{
    public static string Of(RunResult r) =>
        $"{r.Architecture}: p50 {r.ProduceLatency.P50Ms:F2} p99 {r.ProduceLatency.P99Ms:F2} ms; e2e p99 {r.E2eLatencyP99Ms:F1}; produced {r.RecordsProduced} acked {r.RecordsAcked} failed {r.RecordsFailed}; " +
        $"avail {r.Availability:F4} unavail {r.UnavailableS}s; lost perm {r.AckedRecordsLostPermanent} failover {r.AckedRecordsLostFailover} rpo {r.RpoS:F2}s; " +
        $"rto {r.ProducerRto} consumer {r.ConsumerRto}; dup {r.Duplicates} skip {r.RecordsSkipped}; xz {r.CrossZoneGb:F3}GB xr {r.CrossRegionGb:F3}GB ${r.TransferCostUsd:F4}; " +
        $"elections {r.LeaderElections} shrinks {r.IsrShrinks} mirror p99 {r.MirrorLagMsP99:F1}ms; faults {string.Join("; ", r.Faults.Select(f => $"{f.Kind} {f.Resolved} {f.Start}-{f.End}"))}; events {r.Events}";
}
