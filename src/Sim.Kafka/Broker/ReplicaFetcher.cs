using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A replica fetcher thread (ReplicaFetcherThread): one per source broker and fetcher index
/// (<c>num.replica.fetchers</c>), fetching every partition this broker follows on that leader in one
/// request, back to back, each held by the leader up to <c>replica.fetch.wait.max.ms</c>. A failed fetch
/// waits <c>replica.fetch.backoff.ms</c>; so does a partition the leader refused with a retriable error,
/// while the others go on fetching.
/// </summary>
public sealed class ReplicaFetcher(KafkaBroker broker, int leaderId, int fetcherId = 0) : IRequestOwner
{
    private readonly List<int> _partitions = [];
    // One slot per partition fetched (FetcherSlots), found by partition.
    private readonly FetcherSlots _slots = new(broker.PartitionCount);
    // The entries of the last fetch, reused for the next once its response is in (the leader is done with it then);
    // dropped after a failure, as the leader may still hold a fetch that timed out here.
    private List<FetchEntry>? _spareEntries;
    // KIP-227 (FetchSessionHandler): what the leader's fetch session holds for this fetcher (the slots' Held entries),
    // and the round each partition was last fetched in; closed, the next fetch is a full one that opens it again.
    private int _sessionCount;
    private bool _sessionOpen;
    private int _round;
    private long _sessionId;
    // The place each partition took in the fetch (its Add), which the leader's session answers in.
    private int _nextOrder;
    // Partitions whose entry may differ from the session's: added, removed, or in the last response (appended,
    // truncated). Only they are compared while the session holds every partition of the fetcher.
    private readonly List<int> _dirty = [];
    private bool _sessionComplete;
    private int _delayedCount;
    private long _inFlight = -1;
    private SimTime _backoffUntil;

    public int LeaderId { get; } = leaderId;

    public IReadOnlyList<int> Partitions => _partitions;

    public void Add(int partition)
    {
        ref var slot = ref _slots.GetOrAdd(partition);
        if (!slot.Member)
        {
            slot.Member = true;
            _partitions.Add(partition);
            slot.Order = _nextOrder++;
        }
        MarkDirty(partition);
        Kick();
    }

    /// <summary>Stops fetching <paramref name="partition"/>; added again, it starts without any delay it had.</summary>
    public void Remove(int partition)
    {
        // A partition never fetched here has nothing to undo (its broker asks every fetcher to drop it).
        if (!_slots.Has(partition)) return;
        ref var slot = ref _slots[partition];
        if (slot.Member)
        {
            slot.Member = false;
            _partitions.Remove(partition);
        }
        Undelay(ref slot);
        MarkDirty(partition);
    }

    public void Reset()
    {
        _sessionOpen = false;
        _inFlight = -1;
        _backoffUntil = default;
        if (_delayedCount == 0) return;
        for (int i = 0; i < _slots.Count; i++) Undelay(ref _slots.At(i));
    }

    private void Undelay(ref FetcherSlot slot)
    {
        if (!slot.Delayed) return;
        slot.Delayed = false;
        _delayedCount--;
    }

    /// <summary>
    /// Leaves <paramref name="partition"/> out of fetches for <c>replica.fetch.backoff.ms</c> and then fetches
    /// it again, as AbstractFetcherThread delays the partitions a leader answered with a retriable error.
    /// </summary>
    public void Delay(int partition)
    {
        var backoff = broker.Context.Broker.ReplicaFetchBackoff;
        ref var slot = ref _slots[partition];
        if (!slot.Delayed) _delayedCount++;
        slot.Delayed = true;
        slot.DelayedUntil = broker.Context.Scheduler.Now + backoff;
        broker.ScheduleFetcherRetry(this, backoff);
    }

    /// <summary>Sends the next fetch unless one is in flight, the fetcher is backing off, or every partition is delayed.</summary>
    public void Kick()
    {
        var now = broker.Context.Scheduler.Now;
        if (_inFlight >= 0 || now < _backoffUntil || _partitions.Count == 0 || !broker.Alive) return;
        var cfg = broker.Context.Broker;
        var entries = _spareEntries ?? new List<FetchEntry>();
        _spareEntries = null;
        entries.Clear();
        bool quotaExceeded = broker.FollowerQuota.IsExceeded(now);
        FetchSessionWire wire;
        List<int>? forgotten = null;
        if (_sessionOpen && _sessionComplete && _delayedCount == 0 && !quotaExceeded)
        {
            wire = Changed(entries, ref forgotten);
        }
        else
        {
            AllEntries(entries, now, quotaExceeded);
            // Every partition waits out a delay; the retry scheduled with the delay fetches again.
            if (entries.Count == 0)
            {
                // Only throttled partitions are left: AbstractFetcherThread waits replica.fetch.backoff.ms when it has nothing to fetch.
                if (quotaExceeded) broker.ScheduleFetcherRetry(this, cfg.ReplicaFetchBackoff);
                _spareEntries = entries;
                return;
            }
            wire = Incremental(entries, ref forgotten);
        }
        long correlationId = broker.NextCorrelationId();
        // The leader hands back the id of the session a full fetch opens; the full fetch's correlation id stands for it.
        if (wire.Full) _sessionId = correlationId;
        var req = new FetchRequest
        {
            To = Component.Broker, From = Component.Broker, CorrelationId = correlationId,
            // Each fetcher thread has its own NetworkClient, so its own connection to the leader (which reads one
            // request at a time per connection): fetcher 0 keeps the broker's client id, the others one each below it.
            ClientId = -1 - fetcherId,
            ReplicaId = broker.Id, MaxWait = cfg.ReplicaFetchWaitMax, MinBytes = cfg.ReplicaFetchMinBytes,
            MaxBytes = cfg.ReplicaFetchResponseMaxBytes, PartitionMaxBytes = cfg.ReplicaFetchMaxBytes, Entries = entries,
            Session = wire, Forgotten = forgotten, SessionId = wire.Full ? 0 : _sessionId,
        };
        _inFlight = req.CorrelationId;
        broker.SendRequest(this, broker.Context.BrokerNode(LeaderId), req, cfg.ReplicaSocketTimeout);
    }

    /// <summary>Every partition fetched now, leaving out those waiting out a delay and, over the quota, the throttled ones.</summary>
    private void AllEntries(List<FetchEntry> entries, SimTime now, bool quotaExceeded)
    {
        foreach (var idx in _partitions)
        {
            if (_delayedCount > 0 && _slots[idx].Delayed)
            {
                if (now < _slots[idx].DelayedUntil) continue;
                Undelay(ref _slots[idx]);
            }
            var p = broker.Replica(idx)!;
            // KIP-73 (ReplicaFetcherThread.shouldFollowerThrottle): a replica being added by a reassignment is
            // left out of the fetch while follower.replication.throttled.rate is used up.
            if (quotaExceeded && Throttled(p)) continue;
            entries.Add(EntryFor(idx, p));
        }
    }

    private FetchEntry EntryFor(int idx, PartitionReplica p) => new()
    {
        Partition = idx, Order = _slots[idx].Order, FetchOffset = p.Log.LogEndOffset, LastFetchedEpoch = p.Log.LatestEpoch, CurrentLeaderEpoch = p.LeaderEpoch,
    };

    private void MarkDirty(int partition)
    {
        ref var slot = ref _slots[partition];
        if (slot.Dirty) return;
        slot.Dirty = true;
        _dirty.Add(partition);
    }

    /// <summary>
    /// The epoch this fetch asked the leader for on <paramref name="partition"/>: from the request, or, for a partition
    /// an incremental fetch left to the session, what the session holds (unchanged until the response is in).
    /// </summary>
    internal int RequestedEpoch(FetchRequest request, int partition)
    {
        if (request.Session is { Full: false } && _slots[partition].InSession) return _slots[partition].Held.CurrentLeaderEpoch;
        foreach (var e in request.Entries)
        {
            if (e.Partition == partition) return e.CurrentLeaderEpoch;
        }
        return -1;
    }

    public void OnResponse(KafkaMessage request, KafkaMessage response)
    {
        if (request.CorrelationId != _inFlight) return;
        _inFlight = -1;
        var fetchResponse = (FetchResponse)response;
        if (fetchResponse.Error == ErrorCode.FetchSessionIdNotFound)
        {
            // FetchSessionHandler.handleResponse: the leader lost the session (it restarted); the next fetch is a full
            // one, sent at once (the fetcher thread gets no partition data back and fetches again).
            _sessionOpen = false;
            _spareEntries = ((FetchRequest)request).Entries;
            Kick();
            return;
        }
        bool appended = false;
        int bytes = 0;
        broker.Warm(fetchResponse.Results);
        foreach (var r in fetchResponse.Results)
        {
            MarkDirty(r.Partition);
            if (r.Batches is { Count: > 0 } batches)
            {
                appended = true;
                int partitionBytes = 0;
                foreach (var b in batches) partitionBytes += b.Bytes;
                bytes += partitionBytes;
                if (broker.Replica(r.Partition) is { } p && Throttled(p)) broker.FollowerQuota.Record(partitionBytes, broker.Context.Scheduler.Now);
            }
            broker.ApplyFetched(this, (FetchRequest)request, r);
        }
        _spareEntries = ((FetchRequest)request).Entries;
        broker.Recycle(fetchResponse);
        // The fetcher thread writes what it fetched before it fetches again; a write-back stall or a slow disk holds it up.
        var hold = appended ? broker.FollowerAppend(bytes) + broker.SlowDiskLatency : SimDuration.Zero;
        if (hold > SimDuration.Zero)
        {
            _backoffUntil = broker.Context.Scheduler.Now + hold;
            broker.ScheduleFetcherRetry(this, hold);
            return;
        }
        Kick();
    }

    public void OnFailure(KafkaMessage request, ErrorCode error)
    {
        if (request.CorrelationId != _inFlight) return;
        _inFlight = -1;
        // FetchSessionHandler.handleError: the session is dropped and the next fetch is a full one.
        _sessionOpen = false;
        _backoffUntil = broker.Context.Scheduler.Now + broker.Context.Broker.ReplicaFetchBackoff;
        broker.ScheduleFetcherRetry(this, broker.Context.Broker.ReplicaFetchBackoff);
    }

    /// <summary>
    /// KIP-227 (FetchSessionHandler.Builder.build): what this fetch puts on the wire. The first fetch of a session is
    /// a full one naming every partition; later ones are incremental and name only the partitions added or whose
    /// fetch offset or epochs changed since the session last saw them, plus those left out this time (forgotten).
    /// The leader's session (FetchSession in FetchSessionCache, where followers' sessions are privileged) fills in
    /// the rest, so the entries given to the leader are still every partition fetched.
    /// </summary>
    private FetchSessionWire Incremental(List<FetchEntry> entries, ref List<int>? forgotten)
    {
        _round++;
        bool full = !_sessionOpen;
        if (full) CloseSession();
        _sessionOpen = true;
        int changed = 0;
        int total = entries.Count;
        // An incremental fetch carries only what changed; the list is rebuilt in place.
        int kept = 0;
        for (int i = 0; i < total; i++)
        {
            var e = entries[i];
            ref var slot = ref _slots[e.Partition];
            bool held = slot.InSession;
            var was = slot.Held;
            bool known = !full && held && Same(was, e);
            Hold(ref slot, e);
            if (!known) changed++;
            if (!known || was.Order != e.Order) entries[kept++] = e;
        }
        _sessionComplete = total == _partitions.Count;
        entries.RemoveRange(kept, total - kept);
        // The session holds partitions this fetch left out (delayed, throttled or removed): they are forgotten.
        if (_sessionCount > total) Forget(ref forgotten);
        ClearDirty();
        return new FetchSessionWire(full, changed, forgotten?.Count ?? 0);
    }

    private void Hold(ref FetcherSlot slot, in FetchEntry e)
    {
        if (!slot.InSession) _sessionCount++;
        slot.InSession = true;
        slot.Held = e;
        slot.Round = _round;
    }

    private void Drop(ref FetcherSlot slot)
    {
        slot.InSession = false;
        _sessionCount--;
    }

    private void CloseSession()
    {
        for (int i = 0; i < _slots.Count && _sessionCount > 0; i++)
        {
            if (_slots.At(i).InSession) Drop(ref _slots.At(i));
        }
    }

    /// <summary>Leaves out of the session every partition it holds that this round's fetch did not name.</summary>
    private void Forget(ref List<int>? forgotten)
    {
        for (int i = 0; i < _slots.Count; i++)
        {
            ref var slot = ref _slots.At(i);
            if (!slot.InSession || slot.Round == _round) continue;
            Drop(ref slot);
            (forgotten ??= []).Add(slot.Partition);
        }
        // Slots are in the order partitions came: the forgotten go on the wire in partition order, as a scan by partition lists them.
        forgotten?.Sort();
    }

    /// <summary>
    /// The session holds every partition of the fetcher and none is delayed or throttled: only partitions added,
    /// removed or answered since the last fetch can have changed, so only they are compared (FetchSessionHandler.Builder
    /// compares every partition; the answer is the same).
    /// </summary>
    private FetchSessionWire Changed(List<FetchEntry> entries, ref List<int>? forgotten)
    {
        _round++;
        int changed = 0;
        foreach (var idx in _dirty)
        {
            ref var slot = ref _slots[idx];
            if (!slot.Member)
            {
                if (slot.InSession)
                {
                    Drop(ref slot);
                    (forgotten ??= []).Add(idx);
                }
                continue;
            }
            var e = EntryFor(idx, broker.Replica(idx)!);
            bool known = slot.InSession && Same(slot.Held, e);
            if (known && slot.Held.Order == e.Order) continue;
            if (!known) changed++;
            Hold(ref slot, e);
            entries.Add(e);
        }
        ClearDirty();
        return new FetchSessionWire(false, changed, forgotten?.Count ?? 0);
    }

    private void ClearDirty()
    {
        foreach (var idx in _dirty) _slots[idx].Dirty = false;
        _dirty.Clear();
    }

    // A partition removed and added back with the same offsets and epochs is not on the wire (FetchSessionHandler sees
    // nothing changed) but its entry goes along all the same, carrying the new place the leader answers it in.
    private static bool Same(in FetchEntry a, in FetchEntry b) =>
        a.FetchOffset == b.FetchOffset && a.LastFetchedEpoch == b.LastFetchedEpoch && a.CurrentLeaderEpoch == b.CurrentLeaderEpoch;

    /// <summary>A replica being reassigned that is not in the ISR: what the replication throttles apply to.</summary>
    private bool Throttled(PartitionReplica p) => p.State.Reassigning && !p.State.InIsr(broker.Id);

    /// <summary>A backoff has run out, the fetcher's or a partition's: fetch again if nothing else holds it back.</summary>
    internal void EndBackoff() => Kick();
}
