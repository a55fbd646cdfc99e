using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Network.Topology;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// What a design with a failover standby keeps in its DR region: the recovery points of hot data (MirrorMaker 2's
/// copy) and of cold data (the remote tier's object store replicated to the DR region), both taken at the start
/// of the first fault, and the bytes carried from the primary's zones to the standby's after the warm-up (its own
/// event, <c>metrics:dr-warmup</c>).
/// </summary>
public sealed class DisasterRecoveryProbe(RunContext context) : IRunProbe, IEventHandler
{
    private double _hot = double.NaN, _cold = double.NaN;
    private long _atWarmup;
    private bool _taken;

    public void Start()
    {
        var s = context.Simulation.Scheduler;
        s.ScheduleAt(context.WarmupEnd, this, s.Kinds.Register("metrics:dr-warmup"));
        context.OnFaultChanged((w, began) =>
        {
            if (began && !_taken) TakeRecoveryPoints(w.Start);
        });
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev) => _atWarmup = DrBytes();

    private void TakeRecoveryPoints(SimTime at)
    {
        _taken = true;
        foreach (var f in context.Failovers.Values.OrderBy(f => f.Primary.Name, StringComparer.Ordinal))
        {
            _hot = Math.Max(double.IsNaN(_hot) ? 0 : _hot, MirrorLagProbe.Behind(f.Flow, at).WorstMs / 1000);
            foreach (var t in context.RemoteTiers.Where(t => t.ClusterName == f.Primary.Name && t.ReplicaStore is not null))
                _cold = Math.Max(double.IsNaN(_cold) ? 0 : _cold, t.ReplicaLag(at).TotalSeconds);
        }
    }

    /// <summary>Bytes sent so far from the primaries' zones to their standbys' zones.</summary>
    private long DrBytes()
    {
        long bytes = 0;
        foreach (var f in context.Failovers.Values.OrderBy(f => f.Primary.Name, StringComparer.Ordinal))
        {
            var tiers = context.RemoteTiers.Where(t => t.ClusterName == f.Primary.Name).ToList();
            var from = Zones(f.Primary.Brokers.Select(b => b.Node).Concat(tiers.Select(t => t.Store)));
            var to = Zones(f.Standby.Brokers.Select(b => b.Node).Concat(tiers.Select(t => t.ReplicaStore).OfType<Node>()));
            foreach (var a in from)
            {
                foreach (var b in to)
                {
                    if (a != b) bytes += context.Simulation.Network.BytesBetween(a, b);
                }
            }
        }
        return bytes;
    }

    private static List<Zone> Zones(IEnumerable<Node> nodes) => nodes.Select(n => n.Zone).Distinct().OrderBy(z => z.Index).ToList();

    public RunResult Contribute(RunResult result)
    {
        double dr = context.Failovers.Count == 0 ? double.NaN : (DrBytes() - _atWarmup) / 1e9;
        var (primaryOnly, standbyOnly) = Unreconciled();
        return result.With((MetricCatalog.RpoHotS, _hot), (MetricCatalog.RpoColdS, _cold), (MetricCatalog.DrTransferGb, dr),
            (MetricCatalog.ReconcilePrimaryOnly, primaryOnly), (MetricCatalog.ReconcileStandbyOnly, standbyOnly));
    }

    /// <summary>Records only one side of each failover holds at the end, summed over failovers and their applications' topics (NaN without a failover).</summary>
    private (double PrimaryOnly, double StandbyOnly) Unreconciled()
    {
        if (context.Failovers.Count == 0 || context.Simulation.MirrorMaker is not { } mm) return (double.NaN, double.NaN);
        double primaryOnly = 0, standbyOnly = 0;
        foreach (var f in context.Failovers.Values.OrderBy(f => f.Primary.Name, StringComparer.Ordinal))
        {
            foreach (var topic in f.Followers.Select(a => a.Topic).Distinct().Order(StringComparer.Ordinal))
            {
                var r = f.Reconcile(mm, topic);
                primaryOnly += r.PrimaryOnly;
                standbyOnly += r.StandbyOnly;
            }
        }
        return (primaryOnly, standbyOnly);
    }
}
