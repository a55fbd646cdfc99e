using System.Globalization;
using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>create-partitions</c>: <c>kafka-topics --alter --partitions N</c>, a CreatePartitions request to the active
/// controller. The new partitions exist once their PartitionRecords commit; producers spread records over them after
/// their next metadata refresh (<c>metadata.max.age.ms</c>), and MirrorMaker 2 creates them on the target and
/// replicates them after its next topic refresh. A count not above the topic's is refused at load (Kafka's
/// INVALID_PARTITIONS).
/// </summary>
public sealed record CreatePartitions(SimTime At, string Cluster, string Topic, int Count) : Fault(At, null)
{
    public override string Kind => FaultKind.CreatePartitions;

    public override string TargetText => $"topic:{Topic}";

    public override IEnumerable<string> TrailingFields => [$"partitions: {Count.ToString(CultureInfo.InvariantCulture)}"];

    public override FaultEffect Apply(FaultRuntime runtime) =>
        FaultEffect.Nothing($"{Topic}: {runtime.Cluster(Cluster).CreatePartitions(Topic, Count) ?? "no partitions added: no active controller"}");

    public static Fault? Read(FaultFields f)
    {
        var topic = TopicOperation.Topic(f, "partitions are added once: create-partitions takes no duration");
        int? count = f.Integer("partitions", 2, 10_000);
        if (!f.Has("partitions")) f.Error("partitions", "create-partitions needs 'partitions', the topic's new partition count");
        return topic is null || count is null ? null : new CreatePartitions(f.At, topic.Value.Cluster, topic.Value.Topic, count.Value);
    }
}
