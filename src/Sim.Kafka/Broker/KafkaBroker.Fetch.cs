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
        if (m.ReplicaId >= 0 && m.Session is { Full: false })
        {
            HandleIncrementalFetch(m);
            return;
        }
        if (m.ReplicaId < 0 && m.Session is not null)
        {
            HandleConsumerSessionFetch(m);
            return;
        }
        if (m.ReplicaId >= 0 && m.Session is { Full: true }) OpenFetchSession(m);
        if (m.ReplicaId >= 0) UpdateFollowers(m, m.Entries, null);
        ReadOrPark(m, m.Entries);
    }

    /// <summary>Reads a fetch of <paramref name="entries"/> and answers it, or parks it until data arrives or its wait ends.</summary>
    private ParkedFetch? ReadOrPark(FetchRequest m, List<FetchEntry> entries)
    {
        var (results, bytes, error) = ReadFetch(m, entries, null, null);
        if (error || bytes >= m.MinBytes || m.MaxWait.IsZero)
        {
            RespondFetch(m, results);
            return null;
        }
        _resultPool.Return(results);
        var parked = new ParkedFetch(m, Context.Network.Topology.Nodes[m.Source]) { AccumulatedBytes = bytes, Entries = entries };
        parked.Expiry = S.Schedule(m.MaxWait, this, _kFetchExpiry, 0, parked);
        Park(parked);
        return parked;
    }

    /// <summary>
    /// Holds a fetch under each partition it names, as DelayedOperationPurgatory.tryCompleteElseWatch watches
    /// a DelayedFetch under every TopicPartitionOperationKey; answered fetches are purged once they are half a list.
    /// A session's fetch is held by its session instead, which every partition of the session knows (FetchSessionCache).
    /// </summary>
    private void Park(ParkedFetch parked)
    {
        parked.Sequence = ++_parkSequence;
        _parked.Add(parked);
        if (parked.Session is { } session)
        {
            session.Parked = parked;
            return;
        }
        foreach (var e in parked.Entries!)
        {
            if ((uint)e.Partition >= (uint)_parkedByPartition.Length) continue;
            ParkedList.Add(ref _parkedByPartition[e.Partition], parked);
        }
    }

    /// <summary>
    /// Records each follower's fetch offset as its LEO, then lets the ISR grow and the high watermark move
    /// (ReplicaManager.updateFollowerFetchState). The entries are the fetch's, or a session's live partitions.
    /// </summary>
    private void UpdateFollowers(FetchRequest m, List<FetchEntry>? entries, List<SessionPartition>? live)
    {
        int n = live?.Count ?? entries!.Count;
        for (int i = 0; i < n; i++)
        {
            var e = live is null ? entries![i] : live[i].Entry;
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
        // The follower's last epoch is the leader's latest, which ends at the leader's LEO, at or past the fetch offset.
        if (e.LastFetchedEpoch == p.Log.LatestEpoch) return false;
        var (epoch, end) = p.Log.EndOffsetForEpoch(e.LastFetchedEpoch);
        return epoch != e.LastFetchedEpoch || end < e.FetchOffset;
    }

    /// <summary>
    /// Reads a fetch's entries (or a session's live partitions, <paramref name="live"/>, in <paramref name="session"/>).
    /// A session partition with nothing for its follower goes quiet: later looks leave it out until it is touched.
    /// </summary>
    private (List<FetchResult> Results, int Bytes, bool Error) ReadFetch(FetchRequest m, List<FetchEntry>? entries, List<SessionPartition>? live, LeaderFetchSession? session)
    {
        // No capacity for every entry: most partitions of a follower's fetch have no news and add no result.
        var results = _resultPool.List();
        int bytes = 0;
        bool error = false;
        int n = live?.Count ?? entries!.Count;
        for (int i = 0; i < n; i++)
        {
            var e = live is null ? entries![i] : live[i].Entry;
            var p = _replicas[e.Partition];
            // Incremental fetch sessions (KIP-227, IncrementalFetchContext): a follower is sent only partitions with news
            // for it; the response to a full fetch (FullFetchContext) names every partition.
            FollowerState? follower = m.ReplicaId >= 0 && m.Session is not { Full: true } && p is { IsLeader: true } && p.LeaderEpoch == e.CurrentLeaderEpoch ? p.Follower(m.ReplicaId) : null;
            if (follower is not null && e.FetchOffset >= p!.Log.LogEndOffset && follower.HighWatermarkSent == p.Log.HighWatermark && !Diverges(p, e))
            {
                if (session is not null) session.MakeQuiet(live![i], follower);
                continue;
            }
            var r = _resultPool.Result(e.Partition);
            results.Add(r);
            error |= ReadEntry(m, e, p, r, ref bytes);
        }
        return (results, bytes, error);
    }

    /// <summary>Fills <paramref name="r"/> for one entry; true if it carries an error (or a redirection) that answers the fetch at once.</summary>
    private bool ReadEntry(FetchRequest m, in FetchEntry e, PartitionReplica? p, FetchResult r, ref int bytes)
    {
        // Followers serve consumers too (KIP-392); followers of a different epoch, or non-replicas, do not.
        bool servesConsumer = m.ReplicaId < 0 && p is not null && !p.IsLeader && FollowerFetchEnabled && p.LeaderEpoch == e.CurrentLeaderEpoch;
        if (p is null && !Metadata.Partition(e.Partition).Exists) { r.Error = ErrorCode.UnknownTopicOrPartition; return true; }
        if (p is null || (!p.IsLeader && !servesConsumer)) { r.Error = ErrorCode.NotLeaderOrFollower; return true; }
        if (p.Dir.Offline) { r.Error = ErrorCode.KafkaStorageError; return true; }
        if (e.CurrentLeaderEpoch >= 0 && e.CurrentLeaderEpoch < p.LeaderEpoch) { r.Error = ErrorCode.FencedLeaderEpoch; return true; }
        if (e.CurrentLeaderEpoch > p.LeaderEpoch) { r.Error = ErrorCode.UnknownLeaderEpoch; return true; }
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
            return true;
        }
        if (m.ReplicaId < 0 && p.IsLeader && PreferredReadReplica(p, m.RackId) is int preferred and >= 0)
        {
            // KIP-392: send the consumer to an in-sync replica in its own rack; no data from here.
            r.PreferredReadReplica = preferred;
            return true;
        }
        long limit = m.ReplicaId >= 0 ? p.Log.LogEndOffset : p.Log.HighWatermark;
        if (e.FetchOffset > p.Log.LogEndOffset || e.FetchOffset < p.Log.LogStartOffset) { r.Error = ErrorCode.OffsetOutOfRange; return true; }
        if (e.FetchOffset >= limit || bytes >= m.MaxBytes) return false;
        // KIP-73 (ReplicaManager.shouldLeaderThrottle): an out-of-sync replica of a partition being
        // reassigned gets no data while this broker's leader.replication.throttled.rate is used up.
        bool throttled = m.ReplicaId >= 0 && p.State.Reassigning && !p.State.InIsr(m.ReplicaId);
        if (throttled && LeaderQuota.IsExceeded(S.Now)) return false;
        int read = p.Log.Read(e.FetchOffset, limit, Math.Min(m.PartitionMaxBytes, m.MaxBytes - bytes), r.NewBatches());
        if (throttled) LeaderQuota.Record(read, S.Now);
        bytes += read;
        return false;
    }

    /// <summary>A replica fetcher of this broker is done with a fetch response: its results may build later responses.</summary>
    internal void Recycle(FetchResponse response) => _resultPool.Return(response.Results);

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
    private void RespondFetch(FetchRequest m, List<FetchResult> results, ErrorCode error = ErrorCode.None)
    {
        long readNs = ReadDelayNs(results);
        if (readNs > 0)
        {
            S.Schedule(new Sim.Core.Time.SimDuration(readNs), this, _kDiskRead, 0, new DiskRead(m, results, _incarnation));
            return;
        }
        SendFetchResponse(m, results, error);
    }

    private void SendFetchResponse(FetchRequest m, List<FetchResult> results, ErrorCode error = ErrorCode.None)
    {
        Unmute(m);
        if (m.ReplicaId >= 0)
        {
            // What the follower now knows, so later responses can leave out partitions with nothing new.
            foreach (var r in results)
            {
                if (r.Error != ErrorCode.None || _replicas[r.Partition]?.Follower(m.ReplicaId) is not { } f || f.HighWatermarkSent == r.HighWatermark) continue;
                f.HighWatermarkSent = r.HighWatermark;
                // What the follower knows decides whether the partition has news for it: its sessions look at it again.
                _fetchSessions.Touched(r.Partition);
            }
        }
        long sessionId = m.ReplicaId < 0 && m.Session is not null && error == ErrorCode.None ? AnswerInSession(m, results) : 0;
        var response = new FetchResponse
        {
            To = m.ReplicaId >= 0 ? Component.Broker : Component.Client, From = Component.Broker,
            ClientId = m.ClientId, CorrelationId = m.CorrelationId, Results = results, Error = error, SessionId = sessionId,
        };
        ChargeResponse(response.SizeBytes);
        Send(Context.Network.Topology.Nodes[m.Source], response);
    }

    /// <summary>Re-reads parked fetches that include <paramref name="partition"/> and answers those now satisfied.</summary>
    private void WakeParked(int partition, bool replicasOnly)
    {
        var waiting = Waiting(partition);
        if (waiting is null) return;
        // In the order the fetches were parked, as the scan of every parked fetch met them.
        for (int i = 0; i < waiting.Count; i++)
        {
            var pf = waiting[i];
            if (pf.Done) continue;
            if (replicasOnly && pf.Request.ReplicaId < 0) continue;
            CompleteParked(pf, expired: false);
        }
        ReturnWaiting(waiting);
    }

    /// <summary>
    /// Kafka 0.8.1's purgatory (<see cref="BrokerConfig.LegacyFetchPurgatory"/>): <paramref name="bytes"/> appended to
    /// <paramref name="partition"/> count towards each parked fetch's min bytes, and a fetch that reaches them is answered
    /// with what it may read now (KafkaApis.maybeUnblockDelayedFetchRequests at apache/kafka 02311c0).
    /// </summary>
    private void WakeParkedByBytes(int partition, long bytes)
    {
        var waiting = Waiting(partition);
        if (waiting is null) return;
        for (int i = 0; i < waiting.Count; i++)
        {
            var pf = waiting[i];
            if (pf.Done) continue;
            pf.AccumulatedBytes += bytes;
            if (pf.AccumulatedBytes >= pf.Request.MinBytes) CompleteParked(pf, expired: true);
        }
        ReturnWaiting(waiting);
    }

    /// <summary>Answers a parked fetch if it now has enough data, or regardless once its wait has run out.</summary>
    private bool CompleteParked(ParkedFetch pf, bool expired)
    {
        if (pf.Done) return true;
        List<FetchResult> results;
        int bytes;
        bool error;
        if (pf.Session is { } session)
        {
            if (!expired && session.WakeChecked && WakeStillCannotAnswer(pf.Request, session)) return false;
            session.CollectLive(_readScratch);
            bool waits = !expired && WakeCannotAnswer(pf.Request, session, _readScratch);
            (results, bytes, error) = waits ? (null!, 0, false) : ReadFetch(pf.Request, null, _readScratch, session);
            _readScratch.Clear();
            if (waits) return false;
        }
        else (results, bytes, error) = ReadFetch(pf.Request, pf.Entries, null, null);
        if (!expired && !error && bytes < pf.Request.MinBytes)
        {
            // Not answered yet: what was read goes unsent, and a later look reads afresh.
            _resultPool.Return(results);
            return false;
        }
        pf.Done = true;
        S.Cancel(pf.Expiry);
        RespondFetch(pf.Request, results);
        return true;
    }
}
