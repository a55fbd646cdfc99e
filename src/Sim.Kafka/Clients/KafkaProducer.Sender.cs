using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>The sender: requests per broker, answers, retries, timeouts and failures.</summary>
public sealed partial class KafkaProducer
{
    /// <summary>
    /// Sends what can be sent: per broker with a ready connection, one ready batch per partition it leads,
    /// while slots are free. A leader without a ready connection is connected to (NetworkClient.ready) once
    /// its reconnect backoff allows; its batches wait meanwhile.
    /// </summary>
    private void Drain()
    {
        if (_needMetadata)
        {
            _needMetadata = false;
            RequestMetadata();
        }
        if (ClosedLoop) TopUp();
        var now = S.Now;
        SimTime nextRetry = SimTime.MaxValue;
        bool leaderless = AnyLeaderless();
        GroupByLeader();
        foreach (var broker in _ctx.BrokerIds)
        {
            // A broker leading no partition with a batch not in flight has nothing to connect for, cut or send.
            if (SendableLedBy(broker).Count == 0) continue;
            if (!_connections.IsReady(broker))
            {
                if (HasUnsent(broker)) EnsureConnection(broker, now, ref nextRetry);
                continue;
            }
            if (ProducesInFlight(broker) < Config.MaxInFlightRequestsPerConnection && Workload is not null
                && !ClosedLoop && !_closing && IsReady(broker, now))
            {
                DrainOpenBatches(broker, now);
            }
            while (ProducesInFlight(broker) < Config.MaxInFlightRequestsPerConnection)
            {
                var batches = CollectBatches(broker, now, ref nextRetry);
                if (batches is null) break;
                SendBatches(broker, batches);
            }
        }
        if (leaderless) ScheduleMetadataRetryOnce();
        if (nextRetry != SimTime.MaxValue) WakeAt(nextRetry);
    }

    /// <summary>
    /// RecordAccumulator.drainBatchesForOneNode: one ready batch of each partition <paramref name="broker"/> leads, in
    /// partition order, up to <c>max.request.size</c>; null when there is none. The list comes from the pool of
    /// batch lists and returns there once its request is answered or failed.
    /// </summary>
    private List<ProducerBatch>? CollectBatches(int broker, SimTime now, ref SimTime nextRetry)
    {
        List<ProducerBatch>? batches = null;
        int size = 0;
        foreach (int i in SendableLedBy(broker))
        {
            var q = _ready[i];
            // The oldest batch not in flight goes first; while it waits out a retry backoff, newer
            // batches of the partition wait behind it, so sequences reach the broker in order.
            var b = FirstNotInFlight(q);
            if (b is null)
            {
                DropSendable(i, broker);
                continue;
            }
            if (b.RetryAt > now) { nextRetry = SimTime.Min(nextRetry, b.RetryAt); continue; }
            if (batches is not null && size + b.Bytes > Config.MaxRequestSize) continue;
            MergeFollowing(q, b);
            batches ??= RentBatchList();
            batches.Add(b);
            size += b.Bytes;
        }
        return batches;
    }

    private static ProducerBatch? FirstNotInFlight(BatchQueue q)
    {
        for (int k = 0; k < q.Count; k++)
        {
            if (!q[k].InFlight) return q[k];
        }
        return null;
    }

    /// <summary>
    /// RecordAccumulator.ready: the node has a sendable batch, one that is full or has lingered (every batch in the
    /// ready queues closed for one of those reasons) and is not waiting out a retry backoff.
    /// </summary>
    private bool IsReady(int broker, SimTime now)
    {
        foreach (int i in SendableLedBy(broker))
        {
            var q = _ready[i];
            int k = 0;
            while (k < q.Count && q[k].InFlight) k++;
            if (k == q.Count) DropSendable(i, broker);
            else if (q[k].RetryAt <= now) return true;
        }
        return false;
    }

    /// <summary>Whether a partition <paramref name="broker"/> leads has a batch not yet in flight.</summary>
    private bool HasUnsent(int broker)
    {
        foreach (int i in SendableLedBy(broker))
        {
            if (HasBatchNotInFlight(_ready[i])) return true;
        }
        return false;
    }

    /// <summary>Starts connecting to <paramref name="broker"/> if its reconnect backoff is over, else wakes when it is.</summary>
    private void EnsureConnection(int broker, SimTime now, ref SimTime wake)
    {
        if (_connections.IsConnecting(broker)) return;
        if (_connections.CanConnect(broker, now)) Connect(broker);
        else wake = SimTime.Min(wake, _connections.ReconnectAt(broker));
    }

    /// <summary>
    /// Opens a connection: the ApiVersions exchange (standing for the TCP handshake too) must be answered within
    /// the connection setup timeout, or the attempt fails.
    /// </summary>
    private void Connect(int broker)
    {
        var timeout = _connections.Connecting(broker, S.Now);
        var req = new ApiVersionsRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId() };
        _requests.Add(req.CorrelationId, new InFlightRequest(broker, null, RequestKind.Connect), timeout);
        _ctx.Send(Node, _ctx.BrokerNode(broker), req);
    }

    private void OnConnected(ApiVersionsResponse r)
    {
        if (!_requests.TryComplete(r.CorrelationId, out var req)) return;
        _connections.Ready(req.BrokerId);
        Drain();
    }

    /// <summary>
    /// The connection attempt timed out or was refused: the broker is disconnected (its backoff and setup timeout
    /// grow), and metadata is refreshed, as NetworkClient does on any disconnect, since the leader may have moved.
    /// </summary>
    private void ConnectFailed(int broker)
    {
        _connections.Disconnected(broker, S.Now);
        // NetworkClient closes a socket whose setup timed out (handleTimedOutConnections → processTimeoutDisconnection).
        _ctx.Network.Disconnect(Node, _ctx.BrokerNode(broker), Id);
        RequestMetadata();
        Drain();
    }

    /// <summary>Makes sure the sender runs again at <paramref name="at"/> (or earlier, if already due sooner).</summary>
    private void WakeAt(SimTime at)
    {
        if (S.IsPending(_wake))
        {
            if (_wakeAt <= at) return;
            S.Cancel(_wake);
        }
        _wakeAt = at;
        _wake = S.ScheduleAt(at, this, _kWake);
    }

    private SimTime _wakeAt;

    private void ScheduleMetadataRetryOnce()
    {
        if (_metadata.InFlight < 0 && !_needMetadata) ScheduleMetadataRetry();
    }

    /// <summary>
    /// Batches that queued behind a first one (the sender was blocked) would have been one batch in a real
    /// accumulator, which keeps appending to the open batch up to <c>batch.size</c>: merge them.
    /// </summary>
    private void MergeFollowing(BatchQueue q, ProducerBatch first)
    {
        if (first.Attempts > 0) return;
        int i = q.IndexOf(first) + 1;
        while (i < q.Count && q[i].Attempts == 0 && !q[i].InFlight && first.Bytes + q[i].Bytes <= Config.BatchSize &&
               first.Origin.IsContinuedBy(q[i].Origin, first.Count) && (first.SourceOffset < 0) == (q[i].SourceOffset < 0))
        {
            var next = q[i];
            long totalRecords = first.Count + next.Count;
            first.CreateTime = new SimTime((first.CreateTime.Nanoseconds * first.Count + next.CreateTime.Nanoseconds * next.Count) / totalRecords);
            first.Count += next.Count;
            first.Bytes += next.Bytes;
            q.RemoveAt(i);
        }
    }

    private void SendBatches(int broker, List<ProducerBatch> batches)
    {
        var entries = RentEntryList(batches.Count);
        foreach (var b in batches)
        {
            if (Config.EnableIdempotence && (b.Sequence < 0 || b.ProducerEpoch != _producerEpoch))
            {
                b.Sequence = _sequences[b.Partition];
                b.ProducerEpoch = _producerEpoch;
                _sequences[b.Partition] += b.Count;
            }
            b.Attempts++;
            if (b.Attempts == 2) _ctx.Events.BatchSentAgain(S.Now, Id, b.ClientBatchId);
            b.InFlight = true;
            entries.Add(new ProduceEntry
            {
                Partition = _partitions[b.Partition].Index,
                Batch = new RecordBatch
                {
                    Count = b.Count, Bytes = b.Bytes, CreateTime = b.CreateTime, ClientBatchId = b.ClientBatchId, Origin = b.Origin,
                    ProducerId = Config.EnableIdempotence ? ProducerIdOf(b.ProducerEpoch) : -1, BaseSequence = b.Sequence,
                },
            });
        }
        var req = new ProduceRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(),
            Acks = Config.Acks, Timeout = Config.RequestTimeout, Entries = entries,
            Compression = Config.CompressionType, CompressionRatio = _compressionRatio,
        };
        _ctx.Send(Node, _ctx.BrokerNode(broker), req);
        if (Config.Acks == 0)
        {
            // Fire and forget: the producer counts the records as sent, with no offset to know them by.
            foreach (var b in batches) Acknowledge(b, -1, -1);
            ReturnBatchList(batches);
            return;
        }
        ProducesInFlightSlot(broker)++;
        _requests.Add(req.CorrelationId, new InFlightRequest(broker, batches, Entries: entries), Config.RequestTimeout);
    }

    private void OnProduceResponse(ProduceResponse r)
    {
        if (!_requests.TryComplete(r.CorrelationId, out var req) || req.Batches is null) return;
        ProducesInFlightSlot(req.BrokerId)--;
        bool refresh = false;
        for (int i = 0; i < r.Results.Length; i++)
        {
            var result = r.Results[i];
            var b = req.Batches[i];
            if (b.Expired) continue;
            if (result.Error == ErrorCode.None)
            {
                Acknowledge(b, result.BaseOffset, result.LeaderEpoch);
                ReturnBatch(b);
            }
            else
            {
                Retry(b, result.Error);
                refresh |= result.Error.NeedsMetadata();
            }
        }
        ReturnBatchList(req.Batches);
        ReturnEntryList(req.Entries);
        if (refresh) RequestMetadata();
        Drain();
    }

    private void OnRequestTimeout(long correlationId)
    {
        if (!_requests.TryTimeOut(correlationId, out var req)) return;
        if (req.Kind == RequestKind.Connect) ConnectFailed(req.BrokerId);
        else CloseConnection(req.BrokerId, req, ErrorCode.RequestTimedOut);
    }

    /// <summary>
    /// The connection to a broker failed (a request timed out, as NetworkClient.handleTimedOutRequests closes
    /// the connection then, or it was reset): every request in flight on it fails, produce batches are retried,
    /// the broker is disconnected for its reconnect backoff, and metadata is refreshed from another broker.
    /// </summary>
    private void CloseConnection(int broker, InFlightRequest failed, ErrorCode error)
    {
        var victims = new List<InFlightRequest> { failed };
        foreach (var (id, other) in _requests.All.ToList())
        {
            if (other.BrokerId != broker) continue;
            _requests.TryComplete(id, out _);
            victims.Add(other);
        }
        ProducesInFlightSlot(broker) = 0;
        _connections.Disconnected(broker, S.Now);
        // The socket is closed: what a cut still holds of it, requests or responses, is gone with it.
        _ctx.Network.Disconnect(Node, _ctx.BrokerNode(broker), Id);
        foreach (var v in victims)
        {
            if (v.Kind == RequestKind.Metadata) _metadata.RequestFailed();
            if (v.Batches is null) continue;
            foreach (var b in v.Batches) Retry(b, error);
            ReturnBatchList(v.Batches);
        }
        RequestMetadata();
        Drain();
    }

    private void Acknowledge(ProducerBatch b, long baseOffset, int epoch)
    {
        var batch = new RecordBatch
        {
            BaseOffset = baseOffset, Count = b.Count, Bytes = b.Bytes, LeaderEpoch = epoch, CreateTime = b.CreateTime,
            ClientBatchId = b.ClientBatchId, ProducerId = Config.EnableIdempotence ? ProducerIdOf(b.ProducerEpoch) : -1, BaseSequence = b.Sequence,
            Origin = b.Origin,
        };
        _ctx.Events.ProduceAcked(S.Now, Id, _partitions[b.Partition].Index, batch, Config.Acks, S.Now - b.FirstRecordTime);
        Release(b);
        Listener?.Acked(this, _partitions[b.Partition].Index, b, baseOffset);
    }

    private void Retry(ProducerBatch b, ErrorCode error)
    {
        if (b.Expired) return;
        b.InFlight = false;
        AddSendable(b.Partition);
        var now = S.Now;
        if (error == ErrorCode.OutOfOrderSequenceNumber && Config.EnableIdempotence && _ready[b.Partition].IndexOf(b) == 0 &&
            b.ProducerEpoch == _producerEpoch)
        {
            // Nothing of this partition is ahead of the batch, so the leader lost sequences it had (a failover
            // onto a replica without them): the sequence cannot be recovered. The idempotent producer retries the
            // batch all the same (TransactionManager.canRetry) after bumping its epoch (KIP-360), which starts
            // every partition's sequences afresh; the retry then goes out with a new sequence. A batch behind
            // another one is simply retried, as its sequence may resolve once the earlier batch lands.
            // Simplification: Kafka waits for in-flight requests to drain before bumping; here the bump is at once.
            _producerEpoch++;
            Array.Clear(_sequences);
        }
        if (!error.IsRetriable() || b.Attempts > Config.Retries || now - b.AppendTime >= Config.DeliveryTimeout)
        {
            Fail(b, error.IsRetriable() ? ErrorCode.DeliveryTimeout : error);
            return;
        }
        _ctx.Events.ProduceRetried(now, Id, _partitions[b.Partition].Index, b.Count, error);
        // Exponential backoff from retry.backoff.ms to retry.backoff.max.ms, with 20% jitter as the client does.
        double backoff = Config.RetryBackoff.Nanoseconds * Math.Pow(2, Math.Max(0, b.Attempts - 1));
        backoff = Math.Min(backoff, Config.RetryBackoffMax.Nanoseconds) * (0.8 + 0.4 * _rng.NextDouble());
        b.RetryAt = now + SimDuration.FromNanosecondsRounded(backoff);
        // The batch never left its partition's queue, so it keeps its place ahead of later batches and an
        // idempotent retry goes out in sequence order (the sender takes the oldest batch not in flight).
        WakeAt(b.RetryAt);
    }

    private void Fail(ProducerBatch b, ErrorCode error)
    {
        _ctx.Events.ProduceFailed(S.Now, Id, _partitions[b.Partition].Index, b.Count, error);
        Release(b);
        Listener?.Failed(this, _partitions[b.Partition].Index, b, error);
    }

    private void Release(ProducerBatch b)
    {
        b.InFlight = false;
        _ready[b.Partition].Remove(b);
        BufferedBytes -= b.Bytes;
        if (_blocked.Count > 0) AdmitBlocked();
    }

    /// <summary>
    /// Batches past <c>delivery.timeout.ms</c> fail, whether waiting or in flight (KIP-91: the timeout is an
    /// upper bound; an in-flight batch's eventual answer is then ignored, though the broker may have written it).
    /// </summary>
    private void ExpireBatches()
    {
        var now = S.Now;
        if (now - _appendedNoEarlier < Config.DeliveryTimeout) return;
        _appendedNoEarlier = SimTime.MaxValue;
        // Every partition with batches, in order (those given batches during the sweep included, as in a loop over all).
        for (int i = _active.Next(0); i >= 0; i = _active.Next(i + 1))
        {
            var q = _ready[i];
            for (int j = 0; j < q.Count; j++)
            {
                var b = q[j];
                if (now - b.AppendTime < Config.DeliveryTimeout) { _appendedNoEarlier = SimTime.Min(_appendedNoEarlier, b.AppendTime); continue; }
                bool inFlight = b.InFlight;
                Fail(b, ErrorCode.DeliveryTimeout);
                b.Expired = inFlight;
                j--;
            }
        }
    }

    private int _producerEpoch;

    /// <summary>The producer id and epoch as one identity, so a bumped epoch is a fresh idempotence state at the broker.</summary>
    private long ProducerIdOf(int epoch) => ((long)Id << 20) | (uint)epoch;
}
