using Sim.Architectures.Metrics;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>Turns what a run measured (<see cref="RunResult"/>) into the model-free record the results are written from, metric by metric in <see cref="MetricCatalog"/> order (the probes filled each by its declaration).</summary>
public static class RecordMapper
{
    /// <summary>The run's faults on its own clock, and in a hybrid run where each lay on the horizon too.</summary>
    private static List<FaultInterval> Faults(RunResult result) => [.. result.Faults.Select((f, i) =>
        new FaultInterval(f.Kind, f.Resolved, Seconds(f.Start), f.End is { } e ? Seconds(e) : null)
        {
            HorizonStartS = result.FaultsOnHorizon is { } h ? Seconds(h[i].Start) : null,
            HorizonEndS = result.FaultsOnHorizon is { } g && g[i].End is { } he ? Seconds(he) : null,
        })];

    private static double Seconds(Sim.Core.Time.SimTime t) => (t - Sim.Core.Time.SimTime.Zero).TotalSeconds;

    public static RunRecord ToRecord(RunSpec spec, RunResult result) => new(
        spec.RunId,
        spec.Point.PointId,
        spec.Replication,
        spec.Seed,
        spec.Point.Architecture,
        spec.Point.Parameters,
        MetricCatalog.All.Select(m => new MetricValue(m.Name, result.Metric(m))).ToList(),
        result.ProduceLatencyCdf.Select(p => new CdfPoint(p.Percentile, p.LatencyMs)).ToList(),
        Faults(result),
        spec.KeepTimeseries
            ? result.Timeseries.Select(t => new TimeseriesPoint(t.TimeS, t.Produced, t.Acked, t.Failed, t.Consumed, t.UnderReplicated, t.Offline, t.MeanIsrSize, t.Elections, t.MirrorLagMs, t.ActiveFaults, t.StorageUsedMax)).ToList()
            : null,
        result.Events,
        result.Fingerprint)
    {
        BrokerTimeseries = spec.KeepTimeseries
            ? result.BrokerTimeseries.Select(u => new BrokerSample(u.TimeS, u.Cluster, u.Broker, u.Cpu, u.Memory, u.NicIn, u.NicOut, u.DiskMBps, u.DiskIops, u.Disk, u.PageCacheHitRatio)).ToList()
            : null,
        Monitoring = spec.KeepTimeseries ? result.Monitoring.Select(m => new MonitoringSample(m.TimeS, m.Values())).ToList() : null,
        ThresholdCrossings = result.ThresholdCrossings.Select(c => new ThresholdCrossing(c.Cluster, c.Broker, c.Resource, c.Threshold, c.Seconds, c.Peak)).ToList(),
        Busiest = result.Busiest.Select(b => new BusiestBroker(b.Metric, b.Cluster, b.Broker)).ToList(),
        ReplicasAtEnd = spec.KeepTimeseries
            ? result.ReplicasAtEnd.Select(r => new ReplicaAtEnd(r.Cluster, r.Topic, r.Partition, r.Broker, r.Role, r.InIsr, r.Online, r.LogStartOffset, r.LogEndOffset, r.HighWatermark, r.LeaderEpoch)).ToList()
            : null,
        ConsumersAtEnd = spec.KeepTimeseries
            ? result.ConsumersAtEnd.Select(c => new ConsumerAtEnd(c.Cluster, c.Group, c.Consumer, c.Topic, c.Partition, c.Position, c.FetchingFrom, c.PreferredReadReplica)).ToList()
            : null,
        PartitionDeliveries = spec.KeepTimeseries
            ? result.PartitionDeliveries.Select(d => new PartitionDelivery(d.Group, d.Cluster, d.Topic, d.Partition, d.Records, d.Duplicates, d.Skipped)).ToList()
            : null,
    };
}
