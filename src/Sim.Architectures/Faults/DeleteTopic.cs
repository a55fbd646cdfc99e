using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>delete-topic</c>: <c>kafka-topics --delete</c>, a DeleteTopics request to the active controller. Once the
/// removal commits, every replica stops and drops its log (brokers apply the RemoveTopicRecord); producers' batches
/// get UNKNOWN_TOPIC_OR_PARTITION or find no leader and fail at <c>delivery.timeout.ms</c>, consumers fetch nothing
/// more. MirrorMaker 2 keeps the remote topic, as it does not propagate deletions.
/// </summary>
public sealed record DeleteTopic(SimTime At, string Cluster, string Topic) : Fault(At, null)
{
    public override string Kind => FaultKind.DeleteTopic;

    public override string TargetText => $"topic:{Topic}";

    public override FaultEffect Apply(FaultRuntime runtime) =>
        FaultEffect.Nothing($"{Topic}: {runtime.Cluster(Cluster).DeleteTopic(Topic) ?? "not deleted: no active controller"}");

    public static Fault? Read(FaultFields f) =>
        TopicOperation.Topic(f, "a deletion is done once made: it takes no duration") is { } t ? new DeleteTopic(f.At, t.Cluster, t.Topic) : null;
}
