using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A broker's link to the controller quorum: heartbeats every <c>broker.heartbeat.interval.ms</c>
/// (the first registers the broker), the metadata log fetched as an observer, and the AlterPartition
/// requests of the partitions it leads. It follows the active controller by the hints in
/// NOT_CONTROLLER answers and moves to the next voter when one does not answer.
/// </summary>
public sealed class ControllerChannel(KafkaBroker broker) : IRequestOwner
{
    private int _target;
    private long _heartbeatInFlight = -1;
    private long _metadataInFlight = -1;

    /// <summary>The broker epoch the controller gave at registration; -1 until registered.</summary>
    public long BrokerEpoch { get; set; } = -1;

    public bool Fenced { get; private set; } = true;

    /// <summary>Whether the broker asks for a controlled shutdown (BrokerLifecycleManager's PENDING_CONTROLLED_SHUTDOWN).</summary>
    public bool WantShutdown
    {
        get => _wantShutdown;
        set
        {
            _wantShutdown = value;
            _gotShutdownResponse = false;
        }
    }

    private bool _wantShutdown, _gotShutdownResponse;

    /// <summary>
    /// BrokerLifecycleManager: after the first heartbeat answer of a controlled shutdown that does not yet let the broker
    /// go, the next heartbeat goes 50 ms later instead of <c>broker.heartbeat.interval.ms</c>, "in the case where
    /// controlled shutdown completes quickly".
    /// </summary>
    private static readonly SimDuration FirstShutdownRecheck = SimDuration.FromMilliseconds(50);

    private ClusterContext Ctx => broker.Context;

    private int TargetId => Ctx.Voters[_target];

    public void Reset(int leaderHint)
    {
        _heartbeatInFlight = -1;
        _metadataInFlight = -1;
        int i = Ctx.Voters.IndexOf(leaderHint);
        _target = i >= 0 ? i : 0;
    }

    public void MarkRegistered(long epoch, bool fenced)
    {
        BrokerEpoch = epoch;
        Fenced = fenced;
    }

    public void SendHeartbeat()
    {
        if (_heartbeatInFlight >= 0) return;
        var req = new BrokerHeartbeatRequest
        {
            To = Component.Controller, From = Component.Broker, CorrelationId = broker.NextCorrelationId(),
            BrokerId = broker.Id, BrokerEpoch = BrokerEpoch, MetadataOffset = broker.Metadata.NextOffset, WantShutdown = WantShutdown,
            PreviousShutdownClean = broker.LastShutdownClean, OfflinePartitions = broker.OfflinePartitions(),
        };
        _heartbeatInFlight = req.CorrelationId;
        broker.SendRequest(this, Ctx.ControllerNode(TargetId), req, Ctx.Quorum.RequestTimeout);
    }

    public void FetchMetadata()
    {
        if (_metadataInFlight >= 0) return;
        var req = new QuorumFetchRequest
        {
            To = Component.Controller, From = Component.Broker, CorrelationId = broker.NextCorrelationId(),
            ReplicaId = broker.Id, IsVoter = false, Epoch = 0, FetchOffset = broker.Metadata.NextOffset, LastFetchedEpoch = -1,
        };
        _metadataInFlight = req.CorrelationId;
        // The fetch may be held for the quorum's fetch wait; allow for it on top of the request timeout.
        broker.SendRequest(this, Ctx.ControllerNode(TargetId), req, Ctx.Quorum.RequestTimeout + Ctx.Quorum.FetchMaxWait);
    }

    public void SendAlterPartition(AlterPartitionRequest req) =>
        broker.SendRequest(this, Ctx.ControllerNode(TargetId), req, Ctx.Quorum.RequestTimeout);

    public void OnResponse(KafkaMessage request, KafkaMessage response)
    {
        switch (response)
        {
            case BrokerHeartbeatResponse r:
                _heartbeatInFlight = -1;
                if (r.Error == ErrorCode.NotController) { Follow(r.LeaderHint); return; }
                BrokerEpoch = r.BrokerEpoch;
                Fenced = r.IsFenced;
                if (r.ShouldShutdown) broker.CompleteControlledShutdown();
                else if (WantShutdown && !_gotShutdownResponse)
                {
                    _gotShutdownResponse = true;
                    broker.HeartbeatAfter(FirstShutdownRecheck);
                }
                break;
            case QuorumFetchResponse r:
                _metadataInFlight = -1;
                if (r.Error != ErrorCode.None)
                {
                    Follow(r.LeaderId);
                    broker.ScheduleMetadataRetry(SimDuration.FromMilliseconds(50));
                    return;
                }
                if (r.Entries is not null)
                {
                    foreach (var e in r.Entries)
                    {
                        if (e.Offset == broker.Metadata.NextOffset && e.Offset < r.HighWatermark) broker.ApplyMetadata(e);
                    }
                }
                FetchMetadata();
                break;
            case AlterPartitionResponse r:
                if (r.Error == ErrorCode.NotController) Follow(r.LeaderHint);
                broker.OnAlterPartitionResponse((AlterPartitionRequest)request, r);
                break;
        }
    }

    public void OnFailure(KafkaMessage request, ErrorCode error)
    {
        // Silence from a controller: try the next voter, unless the broker has already moved on from the
        // voter that failed to answer (a stale failure must not take it away from the leader it found).
        if (request.Destination == Ctx.ControllerNode(TargetId).Index) _target = (_target + 1) % Ctx.Voters.Count;
        switch (request)
        {
            case BrokerHeartbeatRequest:
                _heartbeatInFlight = -1;
                break;
            case QuorumFetchRequest:
                _metadataInFlight = -1;
                FetchMetadata();
                break;
            case AlterPartitionRequest a:
                broker.OnAlterPartitionResponse(a, null);
                break;
        }
    }

    private void Follow(int leaderHint)
    {
        int i = Ctx.Voters.IndexOf(leaderHint);
        _target = i >= 0 ? i : (_target + 1) % Ctx.Voters.Count;
    }

    internal bool MetadataIdle => _metadataInFlight < 0;
}
