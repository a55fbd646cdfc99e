using Sim.Architectures.Faults;
using Sim.Architectures.Metrics;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Metadata;

namespace Sim.Architectures.Runtime;

/// <summary>
/// Closes a hybrid detail window once the run has recovered from the fault it is around (<c>hybrid.settle</c>), instead
/// of at <see cref="HybridOptions.After"/> after it: every second of the detailed clock past the window's last fault
/// point it asks whether the run is recovered, and when it has been for <see cref="HybridOptions.Settle"/> the rest of
/// the window joins the skipped span after it (<see cref="HybridSchedule.CloseAt"/>), every later fault start and repair
/// moves that much earlier (<see cref="FaultInjector.Shift"/>), and the run ends that much sooner. Nothing in the
/// detailed state changes: the next window starts from the state this one closed in, as with fixed windows.
/// Recovered means what Kafka's own health signals say once a failure has been handled: no application write stream has
/// a record waiting for its acknowledgement longer than its threshold (<see cref="HorizonProbe"/>); every cluster has an
/// active controller; every partition has a leader on a running broker; and every replica on a running broker is in its
/// partition's ISR (ReplicaManager's UnderReplicatedPartitions at zero but for brokers a fault holds down, so a
/// repaired broker's window stays open until it has caught up). A fault that keeps a running broker's replicas out
/// of sync (a cut link; a failed disk's broker halts, so it is not running) keeps its window open to <c>After</c>.
/// Consumers' and MirrorMaker 2's lag are not among the signals: an experiment that measures them should leave
/// <c>settle</c> out (docs/hybrid.md).
/// </summary>
public sealed class HybridCloser : IEventHandler
{
    /// <summary>How often, on the detailed clock, the run is asked whether it has recovered.</summary>
    public static readonly SimDuration CheckInterval = SimDuration.FromSeconds(1);

    private readonly DeploymentRun _run;
    private readonly HybridSchedule _schedule;
    private readonly SimDuration _settle;
    private readonly HorizonProbe _horizon;
    private readonly PartitionProbe _partitions;
    private readonly int _kCheck;
    private SimTime? _recoveredSince;

    internal HybridCloser(DeploymentRun run, HybridSchedule schedule, SimDuration settle, HorizonProbe horizon, PartitionProbe partitions)
    {
        (_run, _schedule, _settle, _horizon, _partitions) = (run, schedule, settle, horizon, partitions);
        var s = run.Simulation.Scheduler;
        _kCheck = s.Kinds.Register("hybrid:settle-check");
        s.Schedule(CheckInterval, this, _kCheck);
    }

    /// <summary>How many windows closed before <see cref="HybridOptions.After"/>.</summary>
    public int ClosedEarly { get; private set; }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        var now = scheduler.Now;
        int window = _schedule.ClosableAt(now);
        if (window < 0 || !Recovered(now)) _recoveredSince = null;
        else
        {
            _recoveredSince ??= now;
            if (now - _recoveredSince.Value >= _settle)
            {
                var cut = _schedule.CloseAt(window, now);
                _run.Faults.Shift(now, cut);
                _horizon.WindowClosed(window);
                scheduler.StopAt(_schedule.DetailEnd);
                _recoveredSince = null;
                ClosedEarly++;
            }
        }
        if (now + CheckInterval <= _schedule.DetailEnd) scheduler.Schedule(CheckInterval, this, _kCheck);
    }

    /// <summary>Whether the run has recovered at <paramref name="now"/> (see the class summary).</summary>
    private bool Recovered(SimTime now)
    {
        if (_horizon.AnyStreamWaiting(now)) return false;
        foreach (var (_, cluster) in _run.Simulation.Clusters)
        {
            if (cluster.Controllers.Count > 0 && !cluster.Controllers.Any(c => c.Alive && c.IsActive)) return false;
        }
        foreach (var ((name, _), ps) in _partitions.Partitions)
        {
            if (!ps.Exists) continue;
            var cluster = _run.Simulation.Clusters[name];
            if (ps.Leader == PartitionState.NoLeader || !cluster.Broker(ps.Leader).Alive) return false;
            foreach (int r in ps.Replicas)
            {
                if (!ps.IsObserver(r) && !ps.InIsr(r) && cluster.Broker(r).Alive) return false;
            }
        }
        return true;
    }
}
