using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The fetch path: a follower's fetch tells the leader the follower's LEO (moving the high watermark
/// and the ISR lag clock) and is checked for divergence (KIP-320); a consumer's fetch reads up to the
/// high watermark. A fetch with too little data waits (long poll) until data arrives or its wait ends.
/// </summary>
public sealed partial class KafkaBroker
{
    private void HandleFetch(FetchRequest m)
    {
        if (m.ReplicaId >= 0) UpdateFollowers(m);
        var (results, bytes, error) = ReadFetch(m);
        if (error || bytes >= m.MinBytes || m.MaxWait.IsZero)
        {
            RespondFetch(m, results);
            return;
        }
        var parked = new ParkedFetch(m, Context.Network.Topology.Nodes[m.Source]) { AccumulatedBytes = bytes };
        parked.Expiry = S.Schedule(m.MaxWait, this, _kFetchExpiry, 0, parked);
        Park(parked);
    }

    /// <summary>
    /// Holds a fetch under each partition it names, as DelayedOperationPurgatory.tryCompleteElseWatch watches
    /// a DelayedFetch under every TopicPartitionOperationKey; answered fetches are purged once they are half a list.
    /// </summary>
    private void Park(ParkedFetch parked)
    {
        _parked.Add(parked);
        foreach (var e in parked.Request.Entries)
        {
            if ((uint)e.Partition >= (uint)_parkedByPartition.Length) continue;
            ParkedList.Add(ref _parkedByPartition[e.Partition], parked);
        }
    }

    /// <summary>Records each follower's fetch offset as its LEO, then lets the ISR grow and the high watermark move.</summary>
    private void UpdateFollowers(FetchRequest m)
    {
        foreach (var e in m.Entries)
        {
            var p = _replicas[e.Partition];
            if (p is null || !p.IsLeader || e.CurrentLeaderEpoch != p.LeaderEpoch || Diverges(p, e)) continue;
            var f = p.Follower(m.ReplicaId);
            if (f is null) continue;
            // A follower that went back (truncated, or restarted) may have lost what it knew of the high watermark.
            if (e.FetchOffset < f.LogEndOffset) f.HighWatermarkSent = -1;
            f.OnFetch(S.Now, e.FetchOffset, p.Log.LogEndOffset);
            MaybeExpandIsr(p, f);
            if (p.MaybeAdvanceHighWatermark()) OnHighWatermarkAdvanced(p);
        }
    }

    private bool Diverges(PartitionReplica p, in FetchEntry e)
    {
        if (e.FetchOffset > p.Log.LogEndOffset) return true;
        if ((Context.Broker.Mutation & ModelMutation.NoEpochTruncation) != 0) return false;
        if (e.FetchOffset == 0 || e.LastFetchedEpoch < 0) return false;
        var (epoch, end) = p.Log.EndOffsetForEpoch(e.LastFetchedEpoch);
        return epoch != e.LastFetchedEpoch || end < e.FetchOffset;
    }

    private (List<FetchResult> Results, int Bytes, bool Error) ReadFetch(FetchRequest m)
    {
        // No capacity for every entry: most partitions of a follower's fetch have no news and add no result.
        var results = new List<FetchResult>();
        int bytes = 0;
        bool error = false;
        foreach (var e in m.Entries)
        {
            var p = _replicas[e.Partition];
            // Incremental fetch sessions (KIP-227, IncrementalFetchContext): a follower is sent only partitions with news
            // for it; the response to a full fetch (FullFetchContext) names every partition.
            FollowerState? follower = m.ReplicaId >= 0 && m.Session is not { Full: true } && p is { IsLeader: true } && p.LeaderEpoch == e.CurrentLeaderEpoch ? p.Follower(m.ReplicaId) : null;
            if (follower is not null && e.FetchOffset >= p!.Log.LogEndOffset && follower.HighWatermarkSent == p.Log.HighWatermark && !Diverges(p, e)) continue;
            var r = new FetchResult { Partition = e.Partition };
            results.Add(r);
            // Followers serve consumers too (KIP-392); followers of a different epoch, or non-replicas, do not.
            bool servesConsumer = m.ReplicaId < 0 && p is not null && !p.IsLeader && FollowerFetchEnabled && p.LeaderEpoch == e.CurrentLeaderEpoch;
            if (p is null && !Metadata.Partition(e.Partition).Exists) { r.Error = ErrorCode.UnknownTopicOrPartition; error = true; continue; }
            if (p is null || (!p.IsLeader && !servesConsumer)) { r.Error = ErrorCode.NotLeaderOrFollower; error = true; continue; }
            if (p.Dir.Offline) { r.Error = ErrorCode.KafkaStorageError; error = true; continue; }
            if (e.CurrentLeaderEpoch >= 0 && e.CurrentLeaderEpoch < p.LeaderEpoch) { r.Error = ErrorCode.FencedLeaderEpoch; error = true; continue; }
            if (e.CurrentLeaderEpoch > p.LeaderEpoch) { r.Error = ErrorCode.UnknownLeaderEpoch; error = true; continue; }
            r.HighWatermark = p.Log.HighWatermark;
            r.LogEndOffset = p.Log.LogEndOffset;
            r.LogStartOffset = p.Log.LogStartOffset;
            if (m.ReplicaId >= 0 && Diverges(p, e))
            {
                // KIP-320: tell the follower where its log and the leader's part; it truncates there.
                var (epoch, end) = p.Log.EndOffsetForEpoch(e.LastFetchedEpoch);
                r.DivergingEpoch = epoch;
                r.DivergingEndOffset = epoch < 0 ? p.Log.LogStartOffset : end;
                if ((Context.Broker.Mutation & ModelMutation.NoEpochTruncation) != 0)
                {
                    // The broken model only cuts a follower back to the leader's log end, as before KIP-101.
                    r.DivergingEpoch = -1;
                    r.DivergingEndOffset = p.Log.LogEndOffset;
                }
                error = true;
                continue;
            }
            if (m.ReplicaId < 0 && p.IsLeader && PreferredReadReplica(p, m.RackId) is int preferred and >= 0)
            {
                // KIP-392: send the consumer to an in-sync replica in its own rack; no data from here.
                r.PreferredReadReplica = preferred;
                error = true;
                continue;
            }
            long limit = m.ReplicaId >= 0 ? p.Log.LogEndOffset : p.Log.HighWatermark;
            if (e.FetchOffset > p.Log.LogEndOffset || e.FetchOffset < p.Log.LogStartOffset) { r.Error = ErrorCode.OffsetOutOfRange; error = true; continue; }
            if (e.FetchOffset >= limit || bytes >= m.MaxBytes) continue;
            // KIP-73 (ReplicaManager.shouldLeaderThrottle): an out-of-sync replica of a partition being
            // reassigned gets no data while this broker's leader.replication.throttled.rate is used up.
            bool throttled = m.ReplicaId >= 0 && p.State.Reassigning && !p.State.InIsr(m.ReplicaId);
            if (throttled && LeaderQuota.IsExceeded(S.Now)) continue;
            r.Batches = [];
            int read = p.Log.Read(e.FetchOffset, limit, Math.Min(m.PartitionMaxBytes, m.MaxBytes - bytes), r.Batches);
            if (throttled) LeaderQuota.Record(read, S.Now);
            bytes += read;
        }
        return (results, bytes, error);
    }

    private bool FollowerFetchEnabled => Context.Broker.ReplicaSelectorClass is not null;

    /// <summary>
    /// RackAwareReplicaSelector: for a consumer in another rack than the leader, an in-sync replica in the
    /// consumer's rack, if there is one; otherwise -1 (read from the leader).
    /// </summary>
    private int PreferredReadReplica(PartitionReplica p, string? rack)
    {
        if (!FollowerFetchEnabled || rack is null || Context.BrokerRack(Id) == rack) return -1;
        foreach (var r in p.State.Isr)
        {
            if (r != Id && Context.BrokerRack(r) == rack) return r;
        }
        return -1;
    }

    /// <summary>Answers a fetch, once what it reads is off the disk when the page cache no longer holds it.</summary>
    private void RespondFetch(FetchRequest m, List<FetchResult> results)
    {
        long readNs = ReadDelayNs(results);
        if (readNs > 0)
        {
            S.Schedule(new Sim.Core.Time.SimDuration(readNs), this, _kDiskRead, 0, new DiskRead(m, results, _incarnation));
            return;
        }
        SendFetchResponse(m, results);
    }

    private void SendFetchResponse(FetchRequest m, List<FetchResult> results)
    {
        Unmute(m);
        if (m.ReplicaId >= 0)
        {
            // What the follower now knows, so later responses can leave out partitions with nothing new.
            foreach (var r in results)
            {
                if (r.Error == ErrorCode.None && _replicas[r.Partition]?.Follower(m.ReplicaId) is { } f) f.HighWatermarkSent = r.HighWatermark;
            }
        }
        var response = new FetchResponse
        {
            To = m.ReplicaId >= 0 ? Component.Broker : Component.Client, From = Component.Broker,
            ClientId = m.ClientId, CorrelationId = m.CorrelationId, Results = results,
        };
        ChargeResponse(response.SizeBytes);
        Send(Context.Network.Topology.Nodes[m.Source], response);
    }

    /// <summary>Re-reads parked fetches that include <paramref name="partition"/> and answers those now satisfied.</summary>
    private void WakeParked(int partition, bool replicasOnly)
    {
        var waiting = (uint)partition < (uint)_parkedByPartition.Length ? _parkedByPartition[partition] : null;
        if (waiting is null) return;
        // In the order the fetches were parked, as the scan of every parked fetch met them.
        for (int i = 0; i < waiting.Count; i++)
        {
            var pf = waiting[i];
            if (pf.Done) continue;
            if (replicasOnly && pf.Request.ReplicaId < 0) continue;
            CompleteParked(pf, expired: false);
        }
    }

    /// <summary>
    /// Kafka 0.8.1's purgatory (<see cref="BrokerConfig.LegacyFetchPurgatory"/>): <paramref name="bytes"/> appended to
    /// <paramref name="partition"/> count towards each parked fetch's min bytes, and a fetch that reaches them is answered
    /// with what it may read now (KafkaApis.maybeUnblockDelayedFetchRequests at apache/kafka 02311c0).
    /// </summary>
    private void WakeParkedByBytes(int partition, long bytes)
    {
        var waiting = (uint)partition < (uint)_parkedByPartition.Length ? _parkedByPartition[partition] : null;
        if (waiting is null) return;
        for (int i = 0; i < waiting.Count; i++)
        {
            var pf = waiting[i];
            if (pf.Done) continue;
            pf.AccumulatedBytes += bytes;
            if (pf.AccumulatedBytes >= pf.Request.MinBytes) CompleteParked(pf, expired: true);
        }
    }

    /// <summary>Answers a parked fetch if it now has enough data, or regardless once its wait has run out.</summary>
    private bool CompleteParked(ParkedFetch pf, bool expired)
    {
        if (pf.Done) return true;
        var (results, bytes, error) = ReadFetch(pf.Request);
        if (!expired && !error && bytes < pf.Request.MinBytes) return false;
        pf.Done = true;
        S.Cancel(pf.Expiry);
        RespondFetch(pf.Request, results);
        return true;
    }
}
