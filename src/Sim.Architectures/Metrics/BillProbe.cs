using Sim.Core.Time;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// The run's monthly bill (<see cref="MonthlyBill"/>): the broker hosts with their hardware, the controllers on
/// hosts of their own, and what <see cref="TransferProbe"/> saw move after the warm-up, priced with the run's
/// price table. It schedules nothing; it reads the run at its end.
/// </summary>
public sealed class BillProbe(RunContext context, TransferProbe transfer) : IRunProbe
{
    public RunResult Contribute(RunResult result)
    {
        var bill = MonthlyBill.Of(Usage(), context.Options.Prices);
        return result.With(
            (MetricCatalog.CostMonthUsd, bill.TotalUsd), (MetricCatalog.CostMonthInstancesUsd, bill.InstancesUsd),
            (MetricCatalog.CostMonthStorageUsd, bill.StorageUsd), (MetricCatalog.CostMonthTransferUsd, bill.TransferUsd));
    }

    private MonthlyBill.Usage Usage()
    {
        var clusters = context.Simulation.Clusters.Keys.Order(StringComparer.Ordinal).Select(n => context.Simulation.Clusters[n]).ToList();
        var brokers = clusters.SelectMany(c => c.Brokers.OrderBy(b => b.Id)).ToList();
        var brokerNodes = brokers.Select(b => b.Node.Index).ToHashSet();
        // A controller on a broker's node (KRaft combined mode) shares that broker's host, which is billed already.
        int controllerHosts = clusters.SelectMany(c => c.Controllers).Select(c => c.Node.Index).Where(n => !brokerNodes.Contains(n)).Distinct().Count();
        var (crossZone, crossRegion, objectStore) = transfer.SinceWarmup();
        var retention = context.RemoteTiers.Count == 0
            ? SimDuration.Zero
            : context.RemoteTiers.SelectMany(t => t.Cluster.Context.Partitions.Select(p => t.Cluster.Context.Broker.Log.WithOverrides(p.Topic).RetentionMs))
                .DefaultIfEmpty(SimDuration.Zero).Max();
        double measured = Math.Max(0, (context.Now - context.WarmupEnd).TotalSeconds);
        return new MonthlyBill.Usage(brokers.Select(b => b.PageCache.Hardware).ToList(), controllerHosts, measured,
            crossZone, crossRegion, objectStore, retention.TotalSeconds);
    }
}
