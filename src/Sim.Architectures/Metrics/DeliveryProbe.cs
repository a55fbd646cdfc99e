using HdrHistogram;
using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.MirrorMaker.Audit;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// What consumer groups received: records delivered more than once (a record and its mirrored copies are
/// one record), records a group's consumer skipped, and the end-to-end latency of mirrored records on their first
/// delivery to a group (a replayed copy's age left out). Its <see cref="DeliveryLedger"/> watches every
/// cluster, registered once the clusters exist because it names each by its MirrorMaker 2 id.
/// </summary>
public sealed class DeliveryProbe(RunContext context) : IRunProbe
{
    private readonly DeliveryLedger _deliveries = new();
    private readonly Dictionary<string, int> _clusterIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _clusterNames = [];
    // Created at its first value (LazyHistogram): only records read from a MirrorMaker 2 copy count.
    private LongHistogram? _firstMirrored;

    public void ClustersBuilt()
    {
        var sim = context.Simulation;
        int next = 1;
        foreach (var c in context.Plan.Model.Clusters)
            _clusterIds[c.Name] = sim.MirrorMaker is { } mm ? mm.ClusterId(c.Name) : next++;
        foreach (var c in context.Plan.Model.Clusters)
        {
            _clusterNames[_clusterIds[c.Name]] = c.Name;
            sim.EventsOf(c.Name).Add(_deliveries.ClusterView(_clusterIds[c.Name]));
        }
        _deliveries.Delivered = FirstDelivery;
    }

    private void FirstDelivery(int clusterId, SimTime at, int consumerId, in RecordBatch batch, long fresh)
    {
        if (fresh <= 0 || !batch.Origin.IsSet || !context.Measuring(at)) return;
        if (context.AppOf(_clusterNames[clusterId], consumerId) is not { } app) return;
        // As LatencyProbe: the consumer's clock minus the record's timestamp.
        var local = at + context.Simulation.Network.ClockOffset(app.Node);
        LazyHistogram.Record(ref _firstMirrored, LatencyProbe.Micros(local - batch.CreateTime), fresh);
    }

    public RunResult Contribute(RunResult result)
    {
        long skipped = 0;
        // Per group and partition (cluster name, catalog index): records delivered, delivered again, skipped.
        var rows = new SortedDictionary<(string Group, string Cluster, int Index), (long Records, long Again, long Skipped)>(Comparer<(string Group, string Cluster, int Index)>.Create(
            (a, b) => string.CompareOrdinal(a.Group, b.Group) is var g and not 0 ? g : string.CompareOrdinal(a.Cluster, b.Cluster) is var c and not 0 ? c : a.Index.CompareTo(b.Index)));
        foreach (var app in context.Apps.Where(a => a.Placement.Role == AppRole.Consumer))
        {
            if (app.Consumer is not { } c) continue;
            var g = _deliveries.Group(app.Placement.Consumer!.GroupId);
            foreach (var (p, n) in g.SkippedByPartition(app.Cluster, _clusterIds[app.Cluster.Name], c, SimTime.Zero))
            {
                skipped += n;
                var key = (app.Placement.Consumer!.GroupId, app.Cluster.Name, p);
                rows[key] = rows.GetValueOrDefault(key) with { Skipped = rows.GetValueOrDefault(key).Skipped + n };
            }
        }
        foreach (var (group, g) in _deliveries.Groups)
        {
            foreach (var (root, set) in g.ByPartition)
            {
                var key = (group, _clusterNames[root.Cluster], root.Partition);
                rows[key] = rows.GetValueOrDefault(key) with { Records = set.Count, Again = g.ReprocessedByPartition.GetValueOrDefault(root) };
            }
        }
        double firstP99 = LazyHistogram.Ms(_firstMirrored, 99);
        return result.With((MetricCatalog.Duplicates, _deliveries.Groups.Values.Sum(g => g.Reprocessed)), (MetricCatalog.RecordsSkipped, skipped),
            (MetricCatalog.MirroredFirstE2eLatencyP99, firstP99)) with { PartitionDeliveries = [.. rows.Select(Row)] };
    }

    private GroupPartitionDelivery Row(KeyValuePair<(string Group, string Cluster, int Index), (long Records, long Again, long Skipped)> r)
    {
        var info = context.Simulation.Cluster(r.Key.Cluster).Context.Partitions[r.Key.Index];
        return new GroupPartitionDelivery(r.Key.Group, r.Key.Cluster, info.Topic.Name, info.NumberInTopic, r.Value.Records, r.Value.Again, r.Value.Skipped);
    }
}
