using Sim.Kafka.Clients;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The group coordinator's offset storage: a commit is a record appended to the group's
/// <c>__consumer_offsets</c> partition and acknowledged once the high watermark passes it (offsets are
/// committed with acks=all), so committed offsets are exactly as durable as that partition. A fetch of
/// committed offsets reads the newest commit of the group below the high watermark.
/// </summary>
public sealed partial class KafkaBroker
{
    /// <summary>The group's offsets partition when this broker leads it (it is then the group's coordinator), else null.</summary>
    internal PartitionReplica? CoordinatorPartitionOf(string group) => CoordinatorPartition(group);

    /// <summary>Sends <paramref name="response"/> to the client that sent <paramref name="request"/>.</summary>
    internal void RespondTo(KafkaMessage request, KafkaMessage response) => Send(Context.Network.Topology.Nodes[request.Source], response);

    /// <summary>
    /// Appends a group's settled state to its offsets partition (GroupMetadataManager.storeGroup), where a
    /// coordinator elected later finds it. Simplification: callers do not wait for it to be replicated.
    /// </summary>
    internal void StoreGroup(string group, GroupMetadataRecord record)
    {
        var p = CoordinatorPartition(group);
        if (p is null) return;
        var batch = new RecordBatch
        {
            BaseOffset = p.Log.LogEndOffset, Count = 1, Bytes = 64 + 48 * record.Members.Count, LeaderEpoch = p.LeaderEpoch,
            ProducerId = -1, ClientBatchId = -1, CreateTime = S.Now, AppendTime = S.Now, Payload = record,
        };
        p.Append(batch);
        Context.Events.Appended(S.Now, Id, p.Info.Index, batch, asLeader: true);
        OnLeaderAppend(p, batch.Bytes);
    }

    private PartitionReplica? CoordinatorPartition(string group)
    {
        int index = Context.OffsetsPartitionOf(group);
        if (index < 0) return null;
        var p = _replicas[index];
        return p is { IsLeader: true } ? p : null;
    }

    private void HandleOffsetCommit(OffsetCommitRequest m)
    {
        var p = CoordinatorPartition(m.Group);
        if (p is null) { RespondCommit(m, ErrorCode.NotCoordinator); return; }
        if (p.State.Isr.Length < p.MinInSyncReplicas) { RespondCommit(m, ErrorCode.NotEnoughReplicas); return; }
        var batch = new RecordBatch
        {
            BaseOffset = p.Log.LogEndOffset, Count = 1, Bytes = 64 + 16 * m.Offsets.Count, LeaderEpoch = p.LeaderEpoch,
            ProducerId = -1, ClientBatchId = -1, CreateTime = S.Now, AppendTime = S.Now,
            Payload = new CommittedOffsets(m.Group, m.Offsets),
        };
        // GroupMetadataManager answers a storage error on the offsets log as NOT_COORDINATOR.
        if (!CanWrite(p, batch.Bytes)) { RespondCommit(m, ErrorCode.NotCoordinator); return; }
        p.Append(batch);
        Context.Events.Appended(S.Now, Id, p.Info.Index, batch, asLeader: true);
        OnLeaderAppend(p, batch.Bytes);
        if (p.Log.HighWatermark > batch.LastOffset)
        {
            RespondCommit(m, ErrorCode.None);
            return;
        }
        var results = new[] { new ProduceResult { Partition = p.Info.Index, BaseOffset = batch.BaseOffset, LeaderEpoch = batch.LeaderEpoch } };
        var delayed = new DelayedProduce(m, results) { Remaining = 1 };
        delayed.RequiredOffsets[0] = batch.NextOffset;
        p.DelayedProduces.Add(delayed);
        delayed.Expiry = S.Schedule(Context.Broker.OffsetCommitTimeout, this, _kProduceExpiry, 0, delayed);
    }

    private void RespondCommit(OffsetCommitRequest m, ErrorCode error)
    {
        Unmute(m);
        Send(Context.Network.Topology.Nodes[m.Source], new OffsetCommitResponse
        {
            To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Error = error,
        });
    }

    private void HandleOffsetFetch(OffsetFetchRequest m)
    {
        Unmute(m);
        var p = CoordinatorPartition(m.Group);
        // Offsets are kept per partition: each member commits only the partitions it owns, so the newest commit
        // of each partition counts (GroupMetadataManager keeps one OffsetAndMetadata per TopicPartition).
        Dictionary<int, long>? offsets = null;
        if (p is not null)
        {
            foreach (var b in p.Log.RecentBatches)
            {
                if (b.NextOffset > p.Log.HighWatermark) break;
                if (b.Payload is not CommittedOffsets c || c.Group != m.Group) continue;
                offsets ??= [];
                foreach (var (partition, offset) in c.Offsets) offsets[partition] = offset;
            }
        }
        Send(Context.Network.Topology.Nodes[m.Source], new OffsetFetchResponse
        {
            To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId,
            Error = p is null ? ErrorCode.NotCoordinator : ErrorCode.None, Offsets = offsets,
        });
    }
}
