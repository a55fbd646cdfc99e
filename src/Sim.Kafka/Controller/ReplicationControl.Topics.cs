using Sim.Core.Randomness;
using Sim.Kafka.Metadata;

namespace Sim.Kafka.Controller;

/// <summary>
/// Topic lifecycle requests to the active controller (ReplicationControlManager.createTopics,
/// createPartitions and deleteTopic): each writes PartitionChange records to the metadata log, and brokers
/// create a replica (an empty log) or stop one and drop its log as they apply the committed records.
/// </summary>
/// <remarks>
/// New partitions are placed when the request is handled, as ReplicationControlManager.createTopic and
/// createPartitions ask <c>clusterControl.replicaPlacer().place</c>: the StripedReplicaPlacer
/// (<see cref="ReplicaPlacement"/>) over the brokers registered and not shutting down then
/// (ClusterControlManager.usableBrokers), rack-aware, with fenced brokers only where a rack has no unfenced one left
/// and never as leader. A broker down long enough to be fenced thus gets no replica of them when its rack, or the
/// others, can take them. The walk starts at the slot's place in the catalog and its reshuffles draw from a source
/// seeded by the cluster, the topic and the slot (Kafka draws a random start per request). A topic declared with
/// explicit replicas or placement constraints keeps them. As in Kafka, the ISR is the replicas that are unfenced
/// and not shutting down (clusterControl::isActive) and the leader is its first; with no usable unfenced broker, or
/// fewer usable brokers than the replication factor, the request fails (INVALID_REPLICATION_FACTOR).
/// A deletion is one removal per partition (Kafka writes one RemoveTopicRecord); leader and partition epochs keep
/// counting up across a deletion and a re-creation, where Kafka starts a new topic id at epoch 0.
/// </remarks>
internal sealed partial class ReplicationControl
{
    /// <summary>CreateTopics: every partition slot the topic is declared with; TOPIC_ALREADY_EXISTS if any exists.</summary>
    internal string CreateTopic(string topic)
    {
        var slots = Slots(topic);
        if (slots.Count == 0) return "UNKNOWN_TOPIC_OR_PARTITION";
        if (slots.Any(i => Image.Partition(i).Exists)) return "TOPIC_ALREADY_EXISTS";
        int count = _ctx.Partitions[slots[0]].Topic.CreatedPartitions;
        return Create(slots.Take(count).ToList(), $"topic {topic} created (CreateTopics)") is { } error ? error : $"created with {count} partition(s)";
    }

    /// <summary>CreatePartitions: the topic grows to <paramref name="count"/> partitions; INVALID_PARTITIONS unless that is more than it has.</summary>
    internal string CreatePartitions(string topic, int count)
    {
        var slots = Slots(topic);
        int existing = slots.Count(i => Image.Partition(i).Exists);
        if (existing == 0) return "UNKNOWN_TOPIC_OR_PARTITION";
        if (count <= existing) return $"INVALID_PARTITIONS: the topic has {existing} partition(s)";
        if (count > slots.Count) return $"INVALID_PARTITIONS: the catalog holds {slots.Count} slot(s)";
        return Create(slots.Skip(existing).Take(count - existing).ToList(), $"partitions of {topic} added (CreatePartitions to {count})")
            ?? $"{existing} -> {count} partitions";
    }

    /// <summary>DeleteTopics: every partition of the topic leaves the metadata (RemoveTopicRecord).</summary>
    internal string DeleteTopic(string topic)
    {
        var existing = Slots(topic).Where(i => Image.Partition(i).Exists).ToList();
        if (existing.Count == 0) return "UNKNOWN_TOPIC_OR_PARTITION";
        foreach (int i in existing)
        {
            var ps = Image.Partition(i);
            Change(ps, PartitionState.Absent(i) with { LeaderEpoch = ps.LeaderEpoch + 1 }, $"topic {topic} deleted (DeleteTopics)");
        }
        return $"deleted {existing.Count} partition(s)";
    }

    /// <summary>The catalog slots of <paramref name="topic"/>, in partition order.</summary>
    private List<int> Slots(string topic) =>
        _ctx.Partitions.Where(p => p.Topic.Name == topic).OrderBy(p => p.NumberInTopic).Select(p => p.Index).ToList();

    /// <summary>Writes a PartitionRecord for each slot; null, or the error when the slots cannot be placed.</summary>
    private string? Create(List<int> slots, string cause)
    {
        if (Place(slots) is not { } assignment) return "INVALID_REPLICATION_FACTOR: too few unfenced brokers registered";
        var isrs = new List<int[]>(slots.Count);
        for (int k = 0; k < slots.Count; k++)
        {
            var isr = assignment[k].Where(b => !Image.IsFenced(b) && !_control.IsShuttingDown(b)).ToArray();
            if (isr.Length == 0) return $"INVALID_REPLICA_ASSIGNMENT: every replica of {_ctx.Partitions[slots[k]].Name} is fenced";
            isrs.Add(isr);
        }
        for (int k = 0; k < slots.Count; k++)
        {
            var ps = Image.Partition(slots[k]);
            var created = ps with { Replicas = assignment[k], Isr = isrs[k], Leader = isrs[k][0], LeaderEpoch = ps.LeaderEpoch + 1, Elr = [] };
            Change(ps, created, cause);
        }
        return null;
    }

    /// <summary>The slots' replicas: the StripedReplicaPlacer's over the usable brokers now, or the topic's own assignment; null when it cannot place them.</summary>
    private int[][]? Place(List<int> slots)
    {
        var topic = _ctx.Partitions[slots[0]].Topic;
        if (topic.Replicas is not null || topic.Placement is not null) return [.. slots.Select(i => _ctx.PlannedReplicas[i])];
        var usable = _ctx.BrokerIds.Where(b => Image.IsRegistered(b) && !_control.IsShuttingDown(b)).Order().Select(b => (b, _ctx.BrokerRack(b))).ToList();
        if (topic.ReplicationFactor > usable.Count || usable.All(b => Image.IsFenced(b.b))) return null;
        var seed = StableHash.Derive(StableHash.Fnv1a64(_ctx.Name), $"replica-placement/{topic.Name}/{slots[0]}");
        return ReplicaPlacement.Assign(usable, slots.Count, topic.ReplicationFactor, slots[0], new RngStream("replica-placement", seed), Image.IsFenced);
    }
}
