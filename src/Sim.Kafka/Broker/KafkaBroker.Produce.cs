using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The produce path: checks, appends, and acks=all requests waiting for the high watermark. Requests
/// of one connection are handled one at a time (the connection is muted until the response is sent,
/// as Kafka's SocketServer does), which keeps an idempotent producer's pipelined batches in order.
/// </summary>
public sealed partial class KafkaBroker
{
    private void HandleProduce(ProduceRequest m)
    {
        var results = new ProduceResult[m.Entries.Count];
        DelayedProduce? delayed = null;
        for (int i = 0; i < m.Entries.Count; i++)
        {
            var entry = m.Entries[i];
            results[i] = new ProduceResult { Partition = entry.Partition, BaseOffset = -1 };
            var p = _replicas[entry.Partition];
            if (p is null || !p.IsLeader)
            {
                results[i].Error = NotLeading(p, entry.Partition);
                continue;
            }
            // acks=all refuses to append while the ISR is below min.insync.replicas (NOT_ENOUGH_REPLICAS).
            if (m.Acks == -1 && p.Isr.Length < p.MinInSyncReplicas)
            {
                results[i].Error = ErrorCode.NotEnoughReplicas;
                continue;
            }
            var batch = entry.Batch;
            long lastOffset;
            switch (p.CheckSequence(batch, out long originalOffset, out int originalEpoch))
            {
                case IdempotenceCheck.OutOfOrder:
                    results[i].Error = ErrorCode.OutOfOrderSequenceNumber;
                    continue;
                case IdempotenceCheck.Duplicate:
                    // A retry of a batch already in the log: answered with where it was written, not appended again.
                    results[i].BaseOffset = originalOffset;
                    results[i].LeaderEpoch = originalEpoch;
                    lastOffset = originalOffset + batch.Count - 1;
                    break;
                default:
                    // An offline log directory, or a write that fills the disk and takes it offline (KIP-112).
                    if (!CanWrite(p, batch.Bytes))
                    {
                        results[i].Error = ErrorCode.KafkaStorageError;
                        continue;
                    }
                    batch.BaseOffset = p.Log.LogEndOffset;
                    batch.LeaderEpoch = p.LeaderEpoch;
                    batch.AppendTime = S.Now;
                    p.Append(batch);
                    Context.Events.Appended(S.Now, Id, entry.Partition, batch, asLeader: true);
                    results[i].BaseOffset = batch.BaseOffset;
                    results[i].LeaderEpoch = batch.LeaderEpoch;
                    lastOffset = batch.LastOffset;
                    OnLeaderAppend(p, batch.Bytes);
                    break;
            }
            if (m.Acks == -1 && p.Log.HighWatermark <= lastOffset)
            {
                delayed ??= new DelayedProduce(m, results);
                delayed.RequiredOffsets[i] = lastOffset + 1;
                delayed.Remaining++;
                p.DelayedProduces.Add(delayed);
            }
        }
        if (delayed is not null)
        {
            for (int i = 0; i < results.Length; i++)
            {
                if (delayed.RequiredOffsets[i] == 0) delayed.RequiredOffsets[i] = -1;
            }
            delayed.Expiry = S.Schedule(m.Timeout, this, _kProduceExpiry, 0, delayed);
            return;
        }
        if (m.Acks != 0) RespondProduce(m, results);
        else Unmute(m);
    }

    private void RespondProduce(ProduceRequest m, ProduceResult[] results)
    {
        Unmute(m);
        Send(Context.Network.Topology.Nodes[m.Source], new ProduceResponse
        {
            To = Component.Client, From = Component.Broker, ClientId = m.ClientId, CorrelationId = m.CorrelationId, Results = results,
        });
    }

    /// <summary>
    /// After a leader append of <paramref name="bytes"/>: followers waiting for data can have it (before Kafka 0.8.2 every
    /// parked fetch counts the bytes, consumers' included), and a lone ISR moves the high watermark.
    /// </summary>
    private void OnLeaderAppend(PartitionReplica p, long bytes)
    {
        if (Context.Broker.LegacyFetchPurgatory) WakeParkedByBytes(p.Index, bytes);
        else WakeParked(p.Index, replicasOnly: true);
        if (p.MaybeAdvanceHighWatermark()) OnHighWatermarkAdvanced(p);
    }

    /// <summary>The high watermark moved: settle acks=all requests it now covers, and wake consumers.</summary>
    private void OnHighWatermarkAdvanced(PartitionReplica p)
    {
        long hw = p.Log.HighWatermark;
        Context.Events.HighWatermarkAdvanced(S.Now, Id, p.Index, hw);
        for (int d = 0; d < p.DelayedProduces.Count; d++)
        {
            var delayed = p.DelayedProduces[d];
            if (delayed.Done) { p.DelayedProduces.RemoveAt(d--); continue; }
            bool stillWaiting = false;
            for (int i = 0; i < delayed.Results.Length; i++)
            {
                if (delayed.Results[i].Partition != p.Index || delayed.RequiredOffsets[i] < 0) continue;
                if (delayed.RequiredOffsets[i] <= hw)
                {
                    // Kafka's checkEnoughReplicasReachOffset: reached, but with fewer in-sync replicas than required.
                    delayed.Results[i].Error = p.MaximalIsr.Length < p.MinInSyncReplicas ? ErrorCode.NotEnoughReplicasAfterAppend : ErrorCode.None;
                    delayed.RequiredOffsets[i] = -1;
                    delayed.Remaining--;
                }
                else stillWaiting = true;
            }
            if (!stillWaiting) p.DelayedProduces.RemoveAt(d--);
            // Kafka 0.8.1: an acks=all produce satisfied for this partition unblocks fetches with its bytes
            // (DelayedProduce.isSatisfied → maybeUnblockDelayedFetchRequests); the request's size stands for its message set's.
            if (!stillWaiting && Context.Broker.LegacyFetchPurgatory) WakeParkedByBytes(p.Index, delayed.Request.SizeBytes);
            if (delayed.Remaining == 0 && !delayed.Done) FinishDelayed(delayed);
        }
        // Kafka 0.8.2+ (kafka-1430): the advance completes delayed fetches (Partition.maybeIncrementLeaderHW).
        if (!Context.Broker.LegacyFetchPurgatory) WakeParked(p.Index, replicasOnly: false);
    }

    private void FinishDelayed(DelayedProduce delayed)
    {
        delayed.Done = true;
        S.Cancel(delayed.Expiry);
        if (delayed.Request is ProduceRequest produce) RespondProduce(produce, delayed.Results);
        else RespondCommit((OffsetCommitRequest)delayed.Request, delayed.Results[0].Error);
    }

    private void ExpireProduce(DelayedProduce delayed)
    {
        if (delayed.Done) return;
        for (int i = 0; i < delayed.Results.Length; i++)
        {
            if (delayed.RequiredOffsets[i] >= 0) delayed.Results[i].Error = ErrorCode.RequestTimedOut;
        }
        FinishDelayed(delayed);
    }

    /// <summary>Leadership moved away: every acks=all request waiting on this partition fails with NOT_LEADER_OR_FOLLOWER.</summary>
    private void FailDelayedProduces(PartitionReplica p)
    {
        foreach (var delayed in p.DelayedProduces)
        {
            if (delayed.Done) continue;
            for (int i = 0; i < delayed.Results.Length; i++)
            {
                if (delayed.Results[i].Partition == p.Index && delayed.RequiredOffsets[i] >= 0)
                {
                    delayed.Results[i].Error = ErrorCode.NotLeaderOrFollower;
                    delayed.RequiredOffsets[i] = -1;
                    delayed.Remaining--;
                }
            }
            if (delayed.Remaining == 0) FinishDelayed(delayed);
        }
        p.DelayedProduces.Clear();
    }

    /// <summary>Why a produce to a partition this broker does not lead fails: a partition the applied metadata does not hold (not created yet, or its topic deleted) is unknown.</summary>
    private ErrorCode NotLeading(PartitionReplica? p, int partition) =>
        p is null && !Metadata.Partition(partition).Exists ? ErrorCode.UnknownTopicOrPartition : ErrorCode.NotLeaderOrFollower;
}
