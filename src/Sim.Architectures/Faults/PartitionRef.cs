using System.Globalization;
using Sim.Kafka;

namespace Sim.Architectures.Faults;

/// <summary>A partition a fault plan names (<c>TOPIC/PARTITION</c> of a cluster), checked against the deployment when the plan is read.</summary>
public sealed record PartitionRef(string Cluster, string Topic, int Partition)
{
    /// <summary>The partition's cluster and index in it now.</summary>
    public (KafkaCluster Cluster, int Index) Resolve(FaultRuntime runtime)
    {
        var cluster = runtime.Cluster(Cluster);
        return (cluster, cluster.Context.Partitions.First(x => x.Topic.Name == Topic && x.NumberInTopic == Partition).Index);
    }

    public override string ToString() => $"{Topic}/{Partition.ToString(CultureInfo.InvariantCulture)}";
}
