using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Every partition's current state, the leader elections and ISR shrinks after the warm-up, and when brokers
/// were fenced: what the controller decided. The time series and the recovery breakdown read it.
/// </summary>
public sealed class PartitionProbe(RunContext context) : IRunProbe
{
    private RunContext Context => context;

    private readonly Dictionary<(string Cluster, int Partition), PartitionState> _partitions = [];
    private readonly List<(SimTime At, string Cluster, int Broker)> _fenced = [];
    private readonly List<(SimTime At, string Cluster, int Partition)> _leaderChanges = [];
    private int _shrinks;

    /// <summary>Each partition's state now, by cluster and partition index.</summary>
    public IReadOnlyDictionary<(string Cluster, int Partition), PartitionState> Partitions => _partitions;

    /// <summary>Leader changes after the warm-up (partition changes that moved the leader epoch).</summary>
    public IReadOnlyList<(SimTime At, string Cluster, int Partition)> LeaderChanges => _leaderChanges;

    public IReadOnlyList<(SimTime At, string Cluster, int Broker)> Fenced => _fenced;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public void ClustersBuilt()
    {
        foreach (var (name, cluster) in context.Simulation.Clusters)
        {
            foreach (var p in cluster.Context.Partitions) _partitions[(name, p.Index)] = cluster.PartitionState(p.Index);
        }
    }

    public RunResult Contribute(RunResult result)
    {
        int under = 0, offline = 0;
        foreach (var (_, ps) in _partitions)
        {
            if (ps.Exists && ps.Leader == PartitionState.NoLeader) offline++;
            if (UnderReplicated(ps)) under++;
        }
        return result.With((MetricCatalog.LeaderElections, _leaderChanges.Count), (MetricCatalog.IsrShrinks, _shrinks),
            (MetricCatalog.UnderReplicatedEnd, under), (MetricCatalog.OfflineEnd, offline));
    }

    /// <summary>
    /// Whether a synchronous replica (an observer is not one: Confluent's observers sit outside the ISR by design) is
    /// outside the ISR: ReplicaManager's UnderReplicatedPartitions (Partition.isUnderReplicated, ISR smaller than the
    /// replica set), with observers left out.
    /// </summary>
    public static bool UnderReplicated(PartitionState ps)
    {
        foreach (var r in ps.Replicas)
        {
            if (!ps.IsObserver(r) && !ps.InIsr(r)) return true;
        }
        return false;
    }

    private sealed class View(PartitionProbe p, string cluster) : IKafkaObserver
    {
        public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause)
        {
            p._partitions[(cluster, after.Partition)] = after;
            if (before is null || !p.Context.Measuring(at)) return;
            if (after.LeaderEpoch != before.LeaderEpoch) p._leaderChanges.Add((at, cluster, after.Partition));
            if (after.Isr.Length < before.Isr.Length) p._shrinks++;
        }

        public void BrokerFenced(SimTime at, int brokerId, string cause) => p._fenced.Add((at, cluster, brokerId));
    }
}
