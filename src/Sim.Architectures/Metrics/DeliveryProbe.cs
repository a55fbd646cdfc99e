using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.MirrorMaker.Audit;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// What consumer groups received: records delivered more than once (a record and its mirrored copies are
/// one record) and records a group's consumer skipped. Its <see cref="DeliveryLedger"/> watches every
/// cluster, registered once the clusters exist because it names each by its MirrorMaker 2 id.
/// </summary>
public sealed class DeliveryProbe(RunContext context) : IRunProbe
{
    private readonly DeliveryLedger _deliveries = new();
    private readonly Dictionary<string, int> _clusterIds = new(StringComparer.Ordinal);

    public void ClustersBuilt()
    {
        var sim = context.Simulation;
        int next = 1;
        foreach (var c in context.Plan.Model.Clusters)
            _clusterIds[c.Name] = sim.MirrorMaker is { } mm ? mm.ClusterId(c.Name) : next++;
        foreach (var c in context.Plan.Model.Clusters)
            sim.EventsOf(c.Name).Add(_deliveries.ClusterView(_clusterIds[c.Name]));
    }

    public RunResult Contribute(RunResult result)
    {
        long skipped = 0;
        foreach (var app in context.Apps.Where(a => a.Placement.Role == AppRole.Consumer))
        {
            if (app.Consumer is not { } c) continue;
            var g = _deliveries.Group(app.Placement.Consumer!.GroupId);
            skipped += g.Skipped(app.Cluster, _clusterIds[app.Cluster.Name], c, SimTime.Zero);
        }
        return result.With((MetricCatalog.Duplicates, _deliveries.Groups.Values.Sum(g => g.Reprocessed)), (MetricCatalog.RecordsSkipped, skipped));
    }
}
