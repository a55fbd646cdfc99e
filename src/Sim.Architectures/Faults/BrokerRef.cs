using System.Globalization;
using Sim.Kafka;

namespace Sim.Architectures.Faults;

/// <summary>
/// The broker a fault hits: one named in the model, or a role resolved when the fault fires
/// (<c>leader-of:TOPIC/PARTITION</c>, <c>random-broker[:ZONE]</c>). Built and checked by
/// <see cref="FaultNames"/> when the plan is read.
/// </summary>
public abstract record BrokerRef
{
    private protected BrokerRef() { }

    /// <summary>The cluster and broker id this names now (null: the role resolves to no broker).</summary>
    public abstract (KafkaCluster Cluster, int Id)? Resolve(FaultRuntime runtime);

    /// <summary>A broker by the name of its node.</summary>
    public sealed record Named(string Cluster, string Node) : BrokerRef
    {
        public override (KafkaCluster Cluster, int Id)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            var b = cluster.Brokers.FirstOrDefault(b => b.Node.Name == Node);
            return b is null ? null : (cluster, b.Id);
        }

        public override string ToString() => Node;
    }

    /// <summary>The broker leading a partition when the fault fires (none while the partition is offline).</summary>
    public sealed record LeaderOf(string Cluster, string Topic, int Partition) : BrokerRef
    {
        public override (KafkaCluster Cluster, int Id)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            int p = cluster.Context.Partitions.First(x => x.Topic.Name == Topic && x.NumberInTopic == Partition).Index;
            int leader = cluster.PartitionState(p).Leader;
            return leader >= 0 ? (cluster, leader) : null;
        }

        public override string ToString() => $"leader-of:{Topic}/{Partition.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// A follower of a partition when the fault fires: the first live replica, in assignment order, that is
    /// in the ISR and not the leader, else the first live non-leader replica (none: every replica is down).
    /// </summary>
    public sealed record FollowerOf(string Cluster, string Topic, int Partition) : BrokerRef
    {
        public override (KafkaCluster Cluster, int Id)? Resolve(FaultRuntime runtime)
        {
            var (cluster, p) = new PartitionRef(Cluster, Topic, Partition).Resolve(runtime);
            var state = cluster.PartitionState(p);
            var followers = state.Replicas.Where(r => r != state.Leader && cluster.Broker(r).Alive).ToList();
            int pick = followers.Where(state.InIsr).Append(-1).First();
            if (pick < 0) pick = followers.Append(-1).First();
            return pick >= 0 ? (cluster, pick) : null;
        }

        public override string ToString() => $"follower-of:{Topic}/{Partition.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A live broker of the cluster (in one zone, if given), drawn from the fault stream.</summary>
    public sealed record RandomAlive(string Cluster, string? Zone) : BrokerRef
    {
        public override (KafkaCluster Cluster, int Id)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            var candidates = cluster.Brokers.Where(b => b.Alive && (Zone is null || b.Node.Zone.Name == Zone)).OrderBy(b => b.Id).ToList();
            return candidates.Count == 0 ? null : (cluster, candidates[runtime.Rng.Next(candidates.Count)].Id);
        }

        public override string ToString() => Zone is null ? "random-broker" : $"random-broker:{Zone}";
    }
}
