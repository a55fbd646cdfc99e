namespace Sim.Kafka.Clients;

/// <summary>
/// The group leader's watch on the subscribed topics' partitions (ConsumerCoordinator's metadataSnapshot and
/// assignmentSnapshot): the leader assigns only the partitions its metadata shows, remembers them, and when a later
/// metadata refresh shows other partitions (create-partitions, a topic created or deleted) it rejoins the group
/// ("Requesting to re-join the group ... cached metadata has changed", ConsumerCoordinator.rejoinNeededOrPending),
/// so the next generation covers them. Other members keep no snapshot, as in Kafka: only the leader that
/// computed the assignment compares. The change is seen at the leader's next metadata refresh
/// (<c>metadata.max.age.ms</c>, 5 minutes by default), or sooner while a subscribed topic has no partition at all
/// (Metadata.handleMetadataResponse asks again on UNKNOWN_TOPIC_OR_PARTITION).
/// </summary>
public sealed partial class KafkaConsumer
{
    // The partitions of the group's subscribed topics in the leader's metadata when it computed the assignment; null for other members.
    private int[]? _assignmentSnapshot;

    // Every slot some member of the group subscribed to, as the leader last saw in JoinGroup (updateGroupSubscription).
    private int[] _groupSubscription = [];

    /// <summary>The slots of <paramref name="slots"/> that exist in this consumer's metadata.</summary>
    private int[] Existing(int[] slots) => [.. slots.Where(p => _metadata[p] is { Exists: true })];

    /// <summary>
    /// The leader's assignment over the partitions that exist in its metadata (PartitionAssignor.assign reads
    /// <c>metadata.fetch()</c>): slots of partitions not created yet, or of a deleted topic, are nobody's.
    /// </summary>
    private Dictionary<string, int[]> AssignExisting(string protocol, IReadOnlyList<Protocol.GroupMemberMetadata> members)
    {
        _groupSubscription = [.. members.SelectMany(m => m.Subscription).Distinct().Order()];
        _assignmentSnapshot = Existing(_groupSubscription);
        var visible = members.Select(m => m with { Subscription = Existing(m.Subscription) }).ToList();
        return PartitionAssignor.Assign(protocol, visible, _ctx.Partitions);
    }

    /// <summary>After a metadata response: a leader whose subscribed topics' partitions changed since it assigned rejoins.</summary>
    private void CheckAssignmentSnapshot()
    {
        if (_assignmentSnapshot is not { } snapshot || _memberState != MemberState.Stable) return;
        if (snapshot.SequenceEqual(Existing(_groupSubscription))) return;
        _assignmentSnapshot = null;
        JoinGroup();
    }

    /// <summary>Whether a topic the consumer subscribes to has no partition in its metadata (never created, or deleted).</summary>
    private bool SubscribedTopicMissing() =>
        _groupManaged && _subscription.GroupBy(p => _ctx.Partitions[p].Topic.Name, StringComparer.Ordinal).Any(t => t.All(p => _metadata[p] is not { Exists: true }));
}
