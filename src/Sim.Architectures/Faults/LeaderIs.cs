namespace Sim.Architectures.Faults;

/// <summary><c>leader: { partition: orders/0, is: broker-2 }</c>: the partition's leader, as the active controller has decided it, is the named broker.</summary>
public sealed record LeaderIs(PartitionRef Partition, BrokerRef.Named Broker) : FaultCondition
{
    public override bool Holds(FaultRuntime runtime)
    {
        var (cluster, p) = Partition.Resolve(runtime);
        int leader = cluster.PartitionState(p).Leader;
        return leader >= 0 && Broker.Resolve(runtime) is var (_, id) && id == leader;
    }

    public override string ToString() => $"leader of {Partition} is {Broker}";
}
