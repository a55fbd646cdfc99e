using Sim.Kafka;
using Sim.Kafka.Controller;

namespace Sim.Architectures.Faults;

/// <summary>
/// The KRaft controller a fault hits: one named in the model, or a role resolved when the fault fires
/// (<c>active-controller</c>, <c>random-controller</c>).
/// </summary>
public abstract record ControllerRef
{
    private protected ControllerRef() { }

    /// <summary>The controller this names now (null: none alive).</summary>
    public abstract (KafkaCluster Cluster, QuorumController Controller)? Resolve(FaultRuntime runtime);

    public sealed record Named(string Cluster, string Node) : ControllerRef
    {
        public override (KafkaCluster Cluster, QuorumController Controller)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            var q = cluster.Controllers.FirstOrDefault(q => q.Node.Name == Node);
            return q is null ? null : (cluster, q);
        }

        public override string ToString() => Node;
    }

    /// <summary>The quorum's active controller (the Raft leader) when the fault fires.</summary>
    public sealed record Active(string Cluster) : ControllerRef
    {
        public override (KafkaCluster Cluster, QuorumController Controller)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            var active = cluster.Controllers.Where(c => c.Alive && c.IsActive).OrderBy(c => c.Id).FirstOrDefault();
            return active is null ? null : (cluster, active);
        }

        public override string ToString() => "active-controller";
    }

    /// <summary>A live voter that is not the active controller (a follower of the quorum), the lowest id first.</summary>
    public sealed record FollowerVoter(string Cluster) : ControllerRef
    {
        public override (KafkaCluster Cluster, QuorumController Controller)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            var voter = cluster.Controllers.Where(c => c.Alive && !c.IsActive).OrderBy(c => c.Id).FirstOrDefault();
            return voter is null ? null : (cluster, voter);
        }

        public override string ToString() => "controller-voter";
    }

    /// <summary>A live controller, drawn from the fault stream.</summary>
    public sealed record RandomAlive(string Cluster) : ControllerRef
    {
        public override (KafkaCluster Cluster, QuorumController Controller)? Resolve(FaultRuntime runtime)
        {
            var cluster = runtime.Cluster(Cluster);
            var alive = cluster.Controllers.Where(c => c.Alive).OrderBy(c => c.Id).ToList();
            return alive.Count == 0 ? null : (cluster, alive[runtime.Rng.Next(alive.Count)]);
        }

        public override string ToString() => "random-controller";
    }
}
