using Sim.Kafka;
using Sim.Kafka.Metadata;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Every replica of every partition as the run ends, cluster by cluster (name order), partition by partition and
/// replica by replica in the committed assignment's order (<see cref="RunResult.ReplicasAtEnd"/>). The assignment,
/// ISR and epoch are the controller's committed registration (<see cref="KafkaCluster.PartitionState"/>); the
/// offsets are each broker's own log, so a follower behind its leader, or a replica that lost its tail, shows it.
/// </summary>
public sealed class ReplicaEndProbe(RunContext context) : IRunProbe
{
    public RunResult Contribute(RunResult result)
    {
        var rows = new List<ReplicaEnd>();
        foreach (var name in context.Simulation.Clusters.Keys.Order(StringComparer.Ordinal))
        {
            var cluster = context.Simulation.Clusters[name];
            foreach (var info in cluster.Context.Partitions)
            {
                var ps = cluster.PartitionState(info.Index);
                foreach (int id in ps.Replicas) rows.Add(Row(cluster, info, ps, id));
            }
        }
        return result with { ReplicasAtEnd = rows };
    }

    private static ReplicaEnd Row(KafkaCluster cluster, PartitionInfo info, PartitionState ps, int id)
    {
        var broker = cluster.Broker(id);
        var replica = broker.Replica(info.Index);
        var log = replica?.Log;
        bool online = broker.Alive && replica is not null && !replica.Dir.Offline;
        string role = ps.Leader == id ? "leader" : ps.IsAdding(id) ? "adding" : Array.IndexOf(ps.RemovingReplicas, id) >= 0 ? "removing"
            : ps.IsObserver(id) ? "observer" : "follower";
        return new ReplicaEnd(cluster.Name, info.Topic.Name, info.NumberInTopic, id, role, ps.InIsr(id), online,
            log?.LogStartOffset ?? -1, log?.LogEndOffset ?? -1, log?.HighWatermark ?? -1, ps.LeaderEpoch);
    }
}

/// <summary>One replica as the run left it (see <see cref="ReplicaEndProbe"/>); the results' copy is Sim.Results' ReplicaAtEnd.</summary>
public sealed record ReplicaEnd(
    string Cluster, string Topic, int Partition, int Broker, string Role, bool InIsr, bool Online,
    long LogStartOffset, long LogEndOffset, long HighWatermark, int LeaderEpoch);
