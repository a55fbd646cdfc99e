using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>create-topic</c>: <c>kafka-topics --create</c>, a CreateTopics request to the active controller for a topic
/// the experiment declares with <c>created: at-operation</c>. The controller writes a PartitionRecord per partition
/// (ReplicationControlManager.createTopics) and brokers create the replicas as they apply them; producers of the
/// topic start once their metadata shows it, and MirrorMaker 2 finds it at its next topic refresh. Without an active
/// controller nothing is created (the admin client's retries are not modelled).
/// </summary>
public sealed record CreateTopic(SimTime At, string Cluster, string Topic) : Fault(At, null)
{
    public override string Kind => FaultKind.CreateTopic;

    public override string TargetText => $"topic:{Topic}";

    public override FaultEffect Apply(FaultRuntime runtime) =>
        FaultEffect.Nothing($"{Topic}: {runtime.Cluster(Cluster).CreateTopic(Topic) ?? "not created: no active controller"}");

    public static Fault? Read(FaultFields f) =>
        TopicOperation.Topic(f, "a topic is created once: a creation takes no duration") is { } t ? new CreateTopic(f.At, t.Cluster, t.Topic) : null;
}
