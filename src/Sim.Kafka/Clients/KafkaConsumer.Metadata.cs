using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>The consumer's metadata refreshes: on errors, for partitions without a leader, and every <c>metadata.max.age.ms</c>.</summary>
public sealed partial class KafkaConsumer
{
    private int _metadataRetries;
    private EventHandle _metadataRetry;

    /// <summary>
    /// Asks for metadata again after the client's refresh backoff: <c>retry.backoff.ms</c> doubling per refresh
    /// that failed or changed nothing, up to <c>retry.backoff.max.ms</c>, with 20% jitter (Metadata.timeToAllowUpdate
    /// with ExponentialBackoff(retry.backoff.ms, 2, retry.backoff.max.ms, 0.2), KIP-580, Kafka 3.7+).
    /// </summary>
    private void ScheduleMetadataRetry()
    {
        if (S.IsPending(_metadataRetry)) return;
        double term = Config.RetryBackoff.Nanoseconds * Math.Pow(2, Math.Min(_metadataRetries, 62));
        double backoff = Math.Min(term * (0.8 + 0.4 * _rng.NextDouble()), Config.RetryBackoffMax.Nanoseconds);
        _metadataRetries++;
        _metadataRetry = S.Schedule(SimDuration.FromNanosecondsRounded(backoff), this, _kMetadataRetry);
    }

    /// <summary>
    /// Partitions assigned that the consumer's metadata does not hold yet (created mid-run, after the metadata the
    /// client started from): it asks for metadata after its refresh backoff, and keeps asking while they have no
    /// leader, as Fetcher.prepareFetchRequests requests an update for a partition with no known leader.
    /// </summary>
    private void AskForUnknownPartitions()
    {
        if (Array.Exists(_assigned, p => _metadata[p] is not { Exists: true }) || SubscribedTopicMissing()) ScheduleMetadataRetry();
    }

    private void RequestMetadata()
    {
        var req = _metadata.BeginRequest(Id, _requests.NextId(), out int broker);
        if (req is null) return;
        _requests.Add(req.CorrelationId, (broker, req), ClientMetadata.Timeout(Config.RequestTimeout));
        _ctx.Send(Node, _ctx.BrokerNode(broker), req);
    }

    private void OnMetadata(MetadataResponse m)
    {
        _metadata.Complete(m);
        // Fetcher.prepareFetchRequests: a partition with no known leader asks for metadata again
        // (metadata.requestUpdate), rather than waiting for metadata.max.age.ms.
        if (Array.Exists(_assigned, p => _metadata[p] is not { Leader: >= 0 }) || SubscribedTopicMissing()) ScheduleMetadataRetry();
        else _metadataRetries = 0;
        CheckAssignmentSnapshot();
        if (_retryOffsetFetch)
        {
            _retryOffsetFetch = false;
            FetchCommittedOffsets();
        }
        FetchAll();
    }

    /// <summary>Each assigned partition's preferred read replica (KIP-392) as the leader last named it, or -1: read from the leader.</summary>
    public IReadOnlyList<int> PreferredReadReplicas => _readReplica;

    /// <summary>The broker the consumer fetches assigned partition number <paramref name="i"/> from: its preferred read replica, else the leader its metadata names (-1: none).</summary>
    public int FetchingFrom(int i) => _readReplica[i] >= 0 ? _readReplica[i] : _metadata[_assigned[i]]?.Leader ?? -1;
}
