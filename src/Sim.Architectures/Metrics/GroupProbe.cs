using Sim.Core.Time;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Consumer group rebalances: how many generations the coordinators settled after the warm-up, and how long each
/// group (per cluster) fetched nothing because no running member owned a partition, the stop-the-world pause an
/// eager rebalance causes (KIP-429 avoids it). A group whose members are all down is not paused by a rebalance, so
/// that time is not counted.
/// </summary>
public sealed class GroupProbe(RunContext context) : IRunProbe
{
    private readonly SortedDictionary<(string Cluster, string Group), GroupOwnership> _groups = [];
    private int _rebalances;

    private bool Measuring(SimTime at) => context.Measuring(at);
    private SimDuration _paused;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public RunResult Contribute(RunResult result)
    {
        var paused = _paused;
        foreach (var g in _groups.Values)
        {
            if (g.PausedSince is { } since) paused += Clip(since, context.Now);
        }
        return result.With((MetricCatalog.Rebalances, _rebalances), (MetricCatalog.RebalancePauseS, paused.TotalSeconds));
    }

    /// <summary>The part of [from, to) after the warm-up.</summary>
    private SimDuration Clip(SimTime from, SimTime to)
    {
        var start = from < context.WarmupEnd ? context.WarmupEnd : from;
        return to > start ? to - start : SimDuration.Zero;
    }

    /// <summary>What one group's running members own.</summary>
    private sealed class GroupOwnership
    {
        public readonly SortedDictionary<int, int> Owned = [];
        public bool EverOwned;
        public SimTime? PausedSince;
    }

    private sealed class View(GroupProbe probe, string cluster) : IKafkaObserver
    {
        public void GroupStabilized(SimTime at, int brokerId, string group, int generation, int members)
        {
            if (probe.Measuring(at)) probe._rebalances++;
        }

        public void AssignmentChanged(SimTime at, int consumerId, string group, IReadOnlyList<int> partitions, bool active)
        {
            if (!probe._groups.TryGetValue((cluster, group), out var g)) probe._groups[(cluster, group)] = g = new GroupOwnership();
            if (active) g.Owned[consumerId] = partitions.Count;
            else g.Owned.Remove(consumerId);
            bool none = g.Owned.Values.All(n => n == 0);
            g.EverOwned |= !none;
            if (none && g.EverOwned && g.Owned.Count > 0) g.PausedSince ??= at;
            else if (g.PausedSince is { } since)
            {
                probe._paused += probe.Clip(since, at);
                g.PausedSince = null;
            }
        }
    }
}
