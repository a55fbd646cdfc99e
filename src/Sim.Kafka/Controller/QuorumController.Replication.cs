using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Controller;

// Replication of the metadata log (KIP-595): followers fetch from the leader, which holds a fetch that
// finds nothing new for up to the fetch wait; a follower whose log diverged from the leader's is told
// where and truncates; the leader advances the high watermark when a majority holds a record of its
// own epoch, reports committed records and answers ISR changes waiting for them.
public sealed partial class QuorumController
{
    private void OnRequestTimeout(long correlationId)
    {
        if (!_requests.TryTimeOut(correlationId, out var req)) return;
        // KRaft's channel is a NetworkClient too: a timed-out request closes its connection.
        _ctx.Disconnect(Node, req);
        if (req is QuorumFetchRequest && correlationId == _fetchInFlight)
        {
            // The leader did not answer: ask again; the fetch timer decides when to give up on it.
            _fetchInFlight = -1;
            if (Role == RaftRole.Follower) SendFetch();
        }
    }

    private void SendFetch()
    {
        if (Role != RaftRole.Follower || LeaderId < 0 || _fetchInFlight >= 0) return;
        var req = new QuorumFetchRequest
        {
            To = Component.Controller, From = Component.Controller, CorrelationId = _requests.NextId(),
            ReplicaId = Id, IsVoter = true, Epoch = Epoch, FetchOffset = _log.EndOffset, LastFetchedEpoch = LastEpoch,
        };
        _fetchInFlight = req.CorrelationId;
        _requests.Add(req.CorrelationId, req, _ctx.Quorum.RequestTimeout);
        _ctx.Send(Node, _ctx.ControllerNode(LeaderId), req);
    }

    private void OnFetchRequest(QuorumFetchRequest m)
    {
        if (m.IsVoter && m.Epoch > Epoch)
        {
            StepDown(m.Epoch, -1);
            return;
        }
        if (Role != RaftRole.Leader)
        {
            RespondFetch(m, ErrorCode.NotController, null);
            return;
        }
        if (m.IsVoter && m.Epoch < Epoch)
        {
            RespondFetch(m, ErrorCode.FencedLeaderEpoch, null);
            return;
        }
        if (m.IsVoter)
        {
            if (m.FetchOffset > 0)
            {
                var (epoch, end) = _log.EndOffsetForEpoch(m.LastFetchedEpoch);
                if (epoch != m.LastFetchedEpoch || end < m.FetchOffset)
                {
                    RespondFetch(m, ErrorCode.None, null, epoch, end);
                    return;
                }
            }
            _voterState[m.ReplicaId] = (m.FetchOffset, S.Now);
            MaybeAdvanceHighWatermark();
        }
        long available = m.IsVoter ? _log.EndOffset : HighWatermark;
        if (available > m.FetchOffset)
        {
            RespondFetch(m, ErrorCode.None, _log.Slice(m.FetchOffset, available));
            return;
        }
        var expiry = S.Schedule(_ctx.Quorum.FetchMaxWait, this, _kParked, 0, m);
        _parked.Add((m, expiry));
    }

    private void RespondFetch(QuorumFetchRequest m, ErrorCode error, List<MetadataEntry>? entries, int divergingEpoch = -1, long divergingEnd = -1)
    {
        var target = m.IsVoter ? _ctx.ControllerNode(m.ReplicaId) : _ctx.BrokerNode(m.ReplicaId);
        _ctx.Send(Node, target, new QuorumFetchResponse
        {
            To = m.IsVoter ? Component.Controller : Component.Broker, From = Component.Controller, CorrelationId = m.CorrelationId,
            Error = error, Epoch = Epoch, LeaderId = LeaderId, HighWatermark = HighWatermark, Entries = entries,
            DivergingEpoch = divergingEpoch, DivergingEndOffset = divergingEnd,
        });
    }

    private void OnParkedExpired(QuorumFetchRequest m)
    {
        int i = _parked.FindIndex(p => ReferenceEquals(p.Request, m));
        if (i < 0) return;
        _parked.RemoveAt(i);
        RespondFetch(m, ErrorCode.None, null);
    }

    private void WakeParked(bool votersOnly)
    {
        for (int i = 0; i < _parked.Count; i++)
        {
            var (m, expiry) = _parked[i];
            long available = m.IsVoter ? _log.EndOffset : HighWatermark;
            if ((votersOnly && !m.IsVoter) || available <= m.FetchOffset) continue;
            S.Cancel(expiry);
            _parked.RemoveAt(i--);
            RespondFetch(m, ErrorCode.None, _log.Slice(m.FetchOffset, available));
        }
    }

    private void OnFetchResponse(QuorumFetchResponse m)
    {
        if (!_requests.TryComplete(m.CorrelationId, out _) || m.CorrelationId != _fetchInFlight) return;
        _fetchInFlight = -1;
        if (m.Epoch > Epoch || (m.Error != ErrorCode.None && m.LeaderId != LeaderId && m.Epoch >= Epoch))
        {
            StepDown(m.Epoch, m.LeaderId);
            return;
        }
        if (Role != RaftRole.Follower) return;
        if (m.Error != ErrorCode.None) return;
        _leaderFetchedAt = S.Now;
        ResetFetchTimer();
        if (m.DivergingEpoch >= 0)
        {
            var (_, ownEnd) = _log.EndOffsetForEpoch(m.DivergingEpoch);
            long to = Math.Min(m.DivergingEndOffset, ownEnd);
            _log.TruncateTo(to);
        }
        else if (m.Entries is not null)
        {
            foreach (var e in m.Entries)
            {
                if (!_log.TryAppendFetched(e)) break;
            }
        }
        HighWatermark = Math.Max(HighWatermark, Math.Min(m.HighWatermark, _log.EndOffset));
        SendFetch();
    }

    private void MaybeAdvanceHighWatermark()
    {
        var matches = _ctx.Voters.Select(v => v == Id ? _log.EndOffset : _voterState[v].Match).OrderByDescending(x => x).ToList();
        long candidate = matches[Majority - 1];
        // Raft commits only through an entry of the current epoch (KRaft's LeaderChange record guarantees one).
        if (candidate <= HighWatermark || _log[candidate - 1].Epoch != Epoch) return;
        long before = HighWatermark;
        HighWatermark = candidate;
        OnCommitted(before, candidate);
    }

    private void OnCommitted(long from, long to)
    {
        for (long o = Math.Max(from, _ctx.MetadataReportedUpTo); o < to; o++) Report(_log[o]);
        _ctx.MetadataReportedUpTo = Math.Max(_ctx.MetadataReportedUpTo, to);
        Control.OnCommitted(to);
        WakeParked(votersOnly: false);
    }

    private void Report(MetadataEntry e)
    {
        var r = e.Record;
        switch (r.Kind)
        {
            case MetadataRecordKind.PartitionChange: _ctx.Events.PartitionChanged(S.Now, r.Previous, r.Partition!, r.Cause); break;
            case MetadataRecordKind.FenceBroker: _ctx.Events.BrokerFenced(S.Now, r.BrokerId, r.Cause); break;
            case MetadataRecordKind.UnfenceBroker: _ctx.Events.BrokerUnfenced(S.Now, r.BrokerId); break;
            case MetadataRecordKind.ConfigChange:
                _ctx.CommitTopicConfig(r.Topic!);
                Control.OnTopicConfigCommitted(r.Topic!);
                break;
        }
    }
}
