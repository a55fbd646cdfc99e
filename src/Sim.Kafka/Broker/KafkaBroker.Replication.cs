using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The follower side of replication (appending fetched data, truncating on divergence), the ISR rule
/// on the leader side, and how committed metadata turns a replica into a leader or a follower.
/// </summary>
public sealed partial class KafkaBroker
{
    internal void ApplyFetched(ReplicaFetcher fetcher, FetchRequest request, FetchResult r)
    {
        var p = _replicas[r.Partition];
        if (p is null || p.IsLeader || p.State.Leader != fetcher.LeaderId || p.Dir.Offline) return;
        if (r.Error == ErrorCode.FencedLeaderEpoch && fetcher.RequestedEpoch(request, r.Partition) == p.LeaderEpoch)
        {
            // The leader is in a newer epoch than ours: wait for the metadata to bring it, and with it the
            // fetcher (AbstractFetcherThread.onPartitionFenced).
            fetcher.Remove(r.Partition);
            return;
        }
        if (r.Error is ErrorCode.NotLeaderOrFollower or ErrorCode.UnknownLeaderEpoch or ErrorCode.FencedLeaderEpoch)
        {
            // The broker has not applied the leadership we learned of yet (brokers fetch the metadata log each
            // at its own pace), or refused a fetch of an epoch we have since left: ask again after
            // replica.fetch.backoff.ms, as AbstractFetcherThread does. No later metadata would bring back a
            // partition dropped here, and the leader would soon shrink this replica out of the ISR for good.
            fetcher.Delay(r.Partition);
            return;
        }
        if (r.DivergingEpoch >= 0 || r.DivergingEndOffset >= 0)
        {
            // KIP-279: truncate to the smaller of the leader's end for the epoch and our own end for it.
            var (own, ownEnd) = p.Log.EndOffsetForEpoch(r.DivergingEpoch);
            long to = own < 0 ? r.DivergingEndOffset : Math.Min(r.DivergingEndOffset, ownEnd);
            long removed = p.TruncateTo(to);
            if (removed > 0)
                Context.Events.Truncated(S.Now, Id, r.Partition, to, removed,
                    $"its log diverged from leader {fetcher.LeaderId} after epoch {r.DivergingEpoch} (KIP-101/KIP-279)");
            return;
        }
        if (r.Error == ErrorCode.OffsetOutOfRange)
        {
            OnFetchOutOfRange(fetcher, p, r);
            return;
        }
        if (r.Error != ErrorCode.None) return;
        if (r.Batches is not null)
        {
            bool noEpochTruncation = (Context.Broker.Mutation & ModelMutation.NoEpochTruncation) != 0;
            foreach (var b in r.Batches)
            {
                if (b.BaseOffset < p.Log.LogEndOffset && noEpochTruncation && b.NextOffset > p.Log.LogEndOffset)
                {
                    // The broken model takes the rest of a batch from its own log end on, whatever it holds below.
                    var rest = b;
                    rest.Count = (int)(b.NextOffset - p.Log.LogEndOffset);
                    rest.Bytes = (int)((long)b.Bytes * rest.Count / b.Count);
                    rest.BaseOffset = p.Log.LogEndOffset;
                    p.Append(rest);
                    Context.Events.Appended(S.Now, Id, r.Partition, rest, asLeader: false);
                    continue;
                }
                if (b.BaseOffset < p.Log.LogEndOffset) continue;
                if (b.BaseOffset > p.Log.LogEndOffset || !CanWrite(p, b.Bytes)) break;
                // An epoch this replica started as leader but never wrote in sits past its records; the
                // leader's older data replaces it (the cache keeps epochs in order).
                if (b.LeaderEpoch < p.Log.LatestEpoch) p.TruncateTo(p.Log.LogEndOffset);
                p.Append(b);
                Context.Events.Appended(S.Now, Id, r.Partition, b, asLeader: false);
            }
        }
        long before = p.Log.HighWatermark;
        p.Log.SetHighWatermark(Math.Min(r.HighWatermark, p.Log.LogEndOffset));
        // Consumers reading from this follower (KIP-392) wait on its high watermark.
        if (p.Log.HighWatermark > before && FollowerFetchEnabled) WakeParked(r.Partition, replicasOnly: false);
    }

    /// <summary>
    /// AbstractFetcherThread.fetchOffsetAndTruncate: a follower whose fetch offset the leader no longer holds truncates to
    /// the leader's log end if it is ahead of it, or, when the leader's log starts past its own end (retention deleted what
    /// it would fetch, or with tiered storage the leader keeps only a local part, KIP-405), deletes its log and starts at
    /// the leader's log start offset; otherwise it fetches again from its own end.
    /// </summary>
    private void OnFetchOutOfRange(ReplicaFetcher fetcher, PartitionReplica p, FetchResult r)
    {
        long end = p.Log.LogEndOffset;
        if (r.LogEndOffset < end)
        {
            long removed = p.TruncateTo(r.LogEndOffset);
            if (removed > 0)
                Context.Events.Truncated(S.Now, Id, r.Partition, r.LogEndOffset, removed,
                    $"its fetch offset was out of range on leader {fetcher.LeaderId}, whose log ends at {r.LogEndOffset} (AbstractFetcherThread.fetchOffsetAndTruncate)");
        }
        else if (r.LogStartOffset > end)
        {
            long removed = p.TruncateFullyAndStartAt(r.LogStartOffset);
            if (removed > 0)
                Context.Events.Truncated(S.Now, Id, r.Partition, p.Log.LogStartOffset, removed,
                    $"leader {fetcher.LeaderId}'s log starts at {r.LogStartOffset}, past its own end {end}: it deleted its stale log and started there (truncateFullyAndStartAt)");
        }
    }

    // ---- ISR on the leader ----

    private void CheckIsr()
    {
        var lag = Context.Broker.ReplicaLagTimeMax;
        foreach (var p in Replicas)
        {
            if (!p.IsLeader || p.AlterInFlight >= 0) continue;
            var outOfSync = p.OutOfSyncReplicas(S.Now, lag);
            if (outOfSync.Length == 0) outOfSync = ObserversToDemote(p);
            if (outOfSync.Length == 0) continue;
            SendAlterPartition(p, p.State.Isr.Where(b => Array.IndexOf(outOfSync, b) < 0).ToArray());
        }
    }

    /// <summary>
    /// A follower rejoins when its LEO reaches the high watermark and the start of the leader's epoch, and only if the
    /// leader's metadata shows it unfenced and not in a controlled shutdown (Partition.canAddReplicaToIsr and
    /// isReplicaIsrEligible, KIP-841): the leader waits for the record that unfences a restarted broker, and leaves out
    /// one shutting down, instead of asking the controller, which would refuse (INELIGIBLE_REPLICA), again at each of
    /// its fetches.
    /// </summary>
    private void MaybeExpandIsr(PartitionReplica p, FollowerState f)
    {
        if (p.AlterInFlight >= 0 || p.State.InIsr(f.BrokerId) || !Metadata.IsIsrEligible(f.BrokerId)) return;
        if (f.LogEndOffset < p.Log.HighWatermark || f.LogEndOffset < p.LeaderEpochStartOffset) return;
        if (p.State.IsObserver(f.BrokerId) && !PromotionWanted(p, p.State.Isr)) return;
        SendAlterPartition(p, IsrWith(p, f.BrokerId));
    }

    /// <summary>The replicas in the ISR or <paramref name="joining"/>, in replica order (kept apart so the fetch path allocates no closure).</summary>
    private static int[] IsrWith(PartitionReplica p, int joining) => p.State.Replicas.Where(r => p.State.InIsr(r) || r == joining).ToArray();

    /// <summary>
    /// Confluent's automatic observer promotion: whether the topic's <c>observerPromotionPolicy</c> holds for
    /// <paramref name="isr"/>, so a caught-up observer may join it. <c>under-min-isr</c>: fewer members than
    /// <c>min.insync.replicas</c>; <c>under-replicated</c>: a synchronous replica is missing; <c>leader-is-observer</c>:
    /// an observer leads (after an unclean election onto it). Without a policy observers never join.
    /// </summary>
    private static bool PromotionWanted(PartitionReplica p, int[] isr)
    {
        var policy = p.Info.Topic.Placement?.Promotion ?? ObserverPromotionPolicy.None;
        int syncInIsr = isr.Count(b => !p.State.IsObserver(b));
        int syncReplicas = p.State.Replicas.Length - p.State.Observers.Length;
        return policy switch
        {
            ObserverPromotionPolicy.UnderMinIsr => syncInIsr < p.MinInSyncReplicas,
            ObserverPromotionPolicy.UnderReplicated => syncInIsr < syncReplicas,
            ObserverPromotionPolicy.LeaderIsObserver => p.State.IsObserver(p.State.Leader),
            _ => false,
        };
    }

    /// <summary>
    /// Demotion: once the synchronous replicas alone satisfy the policy again, the leader takes the promoted
    /// observers out of the ISR (never itself), so acks=all stops waiting for them.
    /// </summary>
    private static int[] ObserversToDemote(PartitionReplica p)
    {
        if (p.State.Observers.Length == 0) return [];
        var promoted = p.State.Isr.Where(b => p.State.IsObserver(b) && b != p.State.Leader).ToArray();
        if (promoted.Length == 0) return [];
        var syncOnly = p.State.Isr.Where(b => !p.State.IsObserver(b)).ToArray();
        return PromotionWanted(p, syncOnly) ? [] : promoted;
    }

    private void SendAlterPartition(PartitionReplica p, int[] isr)
    {
        var req = new AlterPartitionRequest
        {
            To = Component.Controller, From = Component.Broker, CorrelationId = NextCorrelationId(),
            BrokerId = Id, Partition = p.Info.Index, LeaderEpoch = p.LeaderEpoch, PartitionEpoch = p.State.PartitionEpoch, NewIsr = isr,
        };
        p.AlterInFlight = req.CorrelationId;
        p.PendingIsr = isr;
        Channel.SendAlterPartition(req);
    }

    internal void OnAlterPartitionResponse(AlterPartitionRequest req, AlterPartitionResponse? r)
    {
        var p = _replicas[req.Partition];
        if (p is null || p.AlterInFlight != req.CorrelationId) return;
        p.AlterInFlight = -1;
        p.PendingIsr = null;
        if (r?.State is { } state && p.IsLeader && state.LeaderEpoch == p.LeaderEpoch && state.PartitionEpoch > p.State.PartitionEpoch)
        {
            p.State = state;
            if (p.MaybeAdvanceHighWatermark()) OnHighWatermarkAdvanced(p);
        }
    }

    // ---- metadata ----

    internal void ApplyMetadata(MetadataEntry entry)
    {
        Metadata.Apply(entry);
        if (entry.Record.Kind == MetadataRecordKind.ConfigChange) { ApplyTopicConfig(entry.Record.Topic!); return; }
        if (entry.Record.Kind == MetadataRecordKind.UnfenceBroker) { RecheckIsrOf(entry.Record.BrokerId); return; }
        if (entry.Record.Kind != MetadataRecordKind.PartitionChange) return;
        var state = entry.Record.Partition!;
        var p = _replicas[state.Partition];
        if (p is null && state.IsReplica(Id)) p = CreateReplica(state);
        else if (p is not null && !state.IsReplica(Id)) { StopReplica(p, state); return; }
        if (p is not null) ApplyPartitionState(p, state);
    }

    /// <summary>
    /// A broker was unfenced: the partitions this broker leads with it outside the ISR are looked at again at its next
    /// fetch, as Kafka's leader looks at every partition of a fetch session on every fetch, so a caught-up follower of an
    /// idle partition rejoins too.
    /// </summary>
    private void RecheckIsrOf(int broker)
    {
        foreach (var p in Replicas)
        {
            if (p.IsLeader && p.State.IsReplica(broker) && !p.State.InIsr(broker)) p.Touch();
        }
    }

    /// <summary>A dynamic topic config change reaches this broker: its replicas of the topic use the new <c>min.insync.replicas</c>.</summary>
    private void ApplyTopicConfig(TopicConfig topic)
    {
        if ((Context.Broker.Mutation & ModelMutation.NoIsrMinimum) != 0) return;
        foreach (var p in Replicas)
        {
            if (p.Info.Topic.Name == topic.Name) p.MinInSyncReplicas = topic.MinInSyncReplicas ?? Context.Broker.MinInSyncReplicas;
        }
    }

    /// <summary>
    /// A reassignment made this broker a replica (ReplicaManager.applyDelta creates the log): it starts empty
    /// and, as a follower outside the ISR, copies the leader's log from its start.
    /// </summary>
    private PartitionReplica CreateReplica(PartitionState state)
    {
        var info = Context.Partitions[state.Partition];
        var p = new PartitionReplica(info, Id, state, Context.Broker.Log.WithOverrides(Context.TopicNow(info)), NextLogDir(state.Partition))
        {
            MinInSyncReplicas = (Context.Broker.Mutation & ModelMutation.NoIsrMinimum) != 0 ? 1 : Context.MinInSyncReplicas(info),
            Watcher = _fetchSessions,
            Clock = Context.Horizon,
        };
        _replicas[state.Partition] = p;
        return p;
    }

    /// <summary>A completed reassignment removed this broker from the replicas: it stops fetching and deletes its log (StopReplica with delete).</summary>
    private void StopReplica(PartitionReplica p, PartitionState state)
    {
        RemoveFromFetchers(p.Info.Index);
        if (p.IsLeader) FailDelayedProduces(p);
        p.BecomeFollower(state);
        _replicas[state.Partition] = null;
        _fetchSessions.Touched(p.Info.Index);
        WakeParked(p.Info.Index, replicasOnly: false);
    }

    private void ApplyPartitionState(PartitionReplica p, PartitionState state)
    {
        bool newEpoch = state.LeaderEpoch != p.LeaderEpoch;
        if (!newEpoch && state.PartitionEpoch <= p.State.PartitionEpoch && p.LeaderEpoch >= 0) return;
        if (state.Leader == Id)
        {
            bool newLeadership = !p.IsLeader || newEpoch;
            if (newLeadership)
            {
                RemoveFromFetchers(p.Info.Index);
                p.BecomeLeader(state, S.Now);
            }
            else
            {
                p.State = state;
                p.PendingIsr = null;
                p.AlterInFlight = -1;
                p.SyncFollowers(state, S.Now);
            }
            Context.Events.LeaderStateApplied(S.Now, Id, p.Info.Index, p.LeaderEpoch, newLeadership);
            if (p.MaybeAdvanceHighWatermark()) OnHighWatermarkAdvanced(p);
            return;
        }
        if (p.IsLeader)
        {
            FailDelayedProduces(p);
        }
        if (p.IsLeader || newEpoch || p.LeaderEpoch < 0)
        {
            RemoveFromFetchers(p.Info.Index);
            p.BecomeFollower(state);
            if (state.Leader >= 0) FetcherFor(state.Leader, p.Info).Add(p.Info.Index);
            // ReplicaManager.applyLocalFollowersDelta completes the delayed fetches of every partition it makes a
            // follower (completeDelayedOperationsWhenNotPartitionLeader; DelayedFetch case A): a fetch parked here
            // for it is answered now with NOT_LEADER_OR_FOLLOWER (or FENCED_LEADER_EPOCH), not when its
            // replica.fetch.wait.max.ms / fetch.max.wait.ms runs out, so its sender turns to the new leader at once.
            WakeParked(p.Info.Index, replicasOnly: false);
        }
        else
        {
            p.State = state;
        }
    }

    /// <summary>
    /// The fetcher thread that replicates <paramref name="partition"/> from <paramref name="leader"/>: one per source
    /// broker and fetcher id, the id spreading partitions over <c>num.replica.fetchers</c> threads as
    /// AbstractFetcherManager.getFetcherId does (abs(31 × topic.hashCode + partition) % numFetchers), so each thread
    /// keeps its own fetch in flight to the leader.
    /// </summary>
    private ReplicaFetcher FetcherFor(int leader, Metadata.PartitionInfo partition)
    {
        int fetcherId = FetcherId(partition, Context.Broker.NumReplicaFetchers);
        if (!_fetchers.TryGetValue((leader, fetcherId), out var f))
        {
            f = new ReplicaFetcher(this, leader, fetcherId);
            _fetchers.Add((leader, fetcherId), f);
        }
        return f;
    }

    /// <summary>AbstractFetcherManager.getFetcherId, with Java's String.hashCode of the topic name.</summary>
    internal static int FetcherId(Metadata.PartitionInfo partition, int numFetchers)
    {
        if (numFetchers <= 1) return 0;
        int hash = 0;
        foreach (char c in partition.Topic.Name) hash = unchecked(31 * hash + c);
        int id = unchecked(31 * hash + partition.NumberInTopic);
        // Kafka's Utils.abs: int.MinValue maps to 0.
        return (id == int.MinValue ? 0 : Math.Abs(id)) % numFetchers;
    }

    private void RemoveFromFetchers(int partition)
    {
        foreach (var f in _fetchers.Values) f.Remove(partition);
    }
}
