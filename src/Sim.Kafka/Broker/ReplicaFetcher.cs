using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A replica fetcher thread (ReplicaFetcherThread): one per source broker and fetcher index
/// (<c>num.replica.fetchers</c>), fetching every partition this broker follows on that leader in one
/// request, back to back, each held by the leader up to <c>replica.fetch.wait.max.ms</c>. A failed fetch
/// waits <c>replica.fetch.backoff.ms</c>.
/// </summary>
public sealed class ReplicaFetcher(KafkaBroker broker, int leaderId) : IRequestOwner
{
    private readonly List<int> _partitions = [];
    private long _inFlight = -1;
    private bool _backingOff;

    public int LeaderId { get; } = leaderId;

    public IReadOnlyList<int> Partitions => _partitions;

    public void Add(int partition)
    {
        if (!_partitions.Contains(partition)) _partitions.Add(partition);
        Kick();
    }

    public void Remove(int partition) => _partitions.Remove(partition);

    public void Reset()
    {
        _inFlight = -1;
        _backingOff = false;
    }

    /// <summary>Sends the next fetch unless one is in flight or the fetcher is backing off.</summary>
    public void Kick()
    {
        if (_inFlight >= 0 || _backingOff || _partitions.Count == 0 || !broker.Alive) return;
        var cfg = broker.Context.Broker;
        var entries = new List<FetchEntry>(_partitions.Count);
        foreach (var idx in _partitions)
        {
            var p = broker.Replica(idx)!;
            entries.Add(new FetchEntry
            {
                Partition = idx, FetchOffset = p.Log.LogEndOffset, LastFetchedEpoch = p.Log.LatestEpoch, CurrentLeaderEpoch = p.LeaderEpoch,
            });
        }
        var req = new FetchRequest
        {
            To = Component.Broker, From = Component.Broker, CorrelationId = broker.NextCorrelationId(),
            ReplicaId = broker.Id, MaxWait = cfg.ReplicaFetchWaitMax, MinBytes = cfg.ReplicaFetchMinBytes,
            MaxBytes = cfg.ReplicaFetchResponseMaxBytes, PartitionMaxBytes = cfg.ReplicaFetchMaxBytes, Entries = entries,
        };
        _inFlight = req.CorrelationId;
        broker.SendRequest(this, broker.Context.BrokerNode(LeaderId), req, cfg.ReplicaSocketTimeout);
    }

    public void OnResponse(KafkaMessage request, KafkaMessage response)
    {
        if (request.CorrelationId != _inFlight) return;
        _inFlight = -1;
        bool appended = false;
        foreach (var r in ((FetchResponse)response).Results)
        {
            appended |= r.Batches is { Count: > 0 };
            broker.ApplyFetched(this, r);
        }
        if (appended && broker.SlowDiskLatency > SimDuration.Zero)
        {
            // The fetcher thread writes what it fetched before it fetches again; a slow disk holds it up.
            _backingOff = true;
            broker.ScheduleFetcherRetry(this, broker.SlowDiskLatency);
            return;
        }
        Kick();
    }

    public void OnFailure(KafkaMessage request, ErrorCode error)
    {
        if (request.CorrelationId != _inFlight) return;
        _inFlight = -1;
        _backingOff = true;
        broker.ScheduleFetcherRetry(this, broker.Context.Broker.ReplicaFetchBackoff);
    }

    internal void EndBackoff()
    {
        _backingOff = false;
        Kick();
    }
}
