using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Controller;

// Raft elections of the KRaft quorum (KIP-595): election and fetch timers, candidacy (after a pre-vote,
// QuorumController.PreVote.cs) with randomised back-off, votes granted only to candidates whose log is at least as up to date, BeginQuorumEpoch,
// the check-quorum timer that makes a cut-off leader resign, and stepping down on a higher epoch.
public sealed partial class QuorumController
{
    private void ResetElectionTimer()
    {
        S.Cancel(_electionTimer);
        var t = _ctx.Quorum.ElectionTimeout;
        _electionTimer = S.Schedule(t + t.Scale(_rng.NextDouble()), this, _kElection);
    }

    private void ResetFetchTimer()
    {
        S.Cancel(_electionTimer);
        _electionTimer = S.Schedule(_ctx.Quorum.FetchTimeout, this, _kElection);
    }

    private void OnElectionTimer()
    {
        if (Role == RaftRole.Leader) return;
        if (Role == RaftRole.Candidate && !_backingOff)
        {
            // Lost or split: back off a random while before the next try (KIP-595).
            _backingOff = true;
            _electionTimer = S.Schedule(_ctx.Quorum.ElectionBackoffMax.Scale(_rng.NextDouble()), this, _kElection);
            return;
        }
        if (Role == RaftRole.Prospective)
        {
            OnPreVoteLost();
            return;
        }
        if (_ctx.Quorum.PreVote) StartPreVote();
        else StartElection();
    }

    private void StartElection()
    {
        _backingOff = false;
        Role = RaftRole.Candidate;
        Epoch++;
        VotedFor = Id;
        LeaderId = -1;
        _votes.Clear();
        _votes.Add(Id);
        _fetchInFlight = -1;
        if (_votes.Count >= Majority)
        {
            BecomeLeader();
            return;
        }
        SendVoteRequests(preVote: false);
        ResetElectionTimer();
    }

    private void SendVoteRequests(bool preVote)
    {
        foreach (var v in _ctx.Voters)
        {
            if (v == Id) continue;
            var req = new VoteRequest
            {
                To = Component.Controller, From = Component.Controller, CorrelationId = _requests.NextId(),
                CandidateEpoch = Epoch, CandidateId = Id, LastEpoch = LastEpoch, LastOffset = _log.EndOffset, PreVote = preVote,
            };
            _requests.Add(req.CorrelationId, req, _ctx.Quorum.RequestTimeout);
            _ctx.Send(Node, _ctx.ControllerNode(v), req);
        }
    }

    private void BecomeLeader()
    {
        Role = RaftRole.Leader;
        LeaderId = Id;
        S.Cancel(_electionTimer);
        _voterState.Clear();
        foreach (var v in _ctx.Voters) _voterState[v] = (v == Id ? _log.EndOffset : -1, S.Now);
        _ctx.Events.ControllerElected(S.Now, Id, Epoch);
        foreach (var v in _ctx.Voters)
        {
            if (v == Id) continue;
            _ctx.Send(Node, _ctx.ControllerNode(v), new BeginQuorumEpoch { To = Component.Controller, From = Component.Controller, Epoch = Epoch, LeaderId = Id });
        }
        _beginEpochTimer = S.Schedule(BeginEpochResend, this, _kBeginEpoch);
        // The LeaderChange record commits the new epoch; the controller acts once it is committed.
        LeaderChangeOffset = Propose(MetadataRecord.LeaderChange(Id));
        ScheduleCheckQuorum();
    }

    /// <summary>
    /// KIP-595: a leader keeps telling voters that do not fetch from it that it leads, so one that restarts
    /// (and knows no leader) follows it instead of timing out into an election that would depose it.
    /// </summary>
    private void ResendBeginEpoch()
    {
        if (Role != RaftRole.Leader) return;
        foreach (var v in _ctx.Voters)
        {
            if (v == Id || S.Now - _voterState[v].LastFetch <= BeginEpochResend + _ctx.Quorum.FetchMaxWait) continue;
            _ctx.Send(Node, _ctx.ControllerNode(v), new BeginQuorumEpoch { To = Component.Controller, From = Component.Controller, Epoch = Epoch, LeaderId = Id });
        }
        _beginEpochTimer = S.Schedule(BeginEpochResend, this, _kBeginEpoch);
    }

    private void ScheduleCheckQuorum()
    {
        S.Cancel(_checkQuorumTimer);
        _checkQuorumTimer = S.Schedule(SimDuration.Zero, this, _kCheckQuorum);
    }

    /// <summary>
    /// Resigns when a majority (this leader counting itself) has not fetched for 1.5x the fetch timeout;
    /// otherwise checks again exactly when that would next happen, so resignation is on time to the
    /// nanosecond without polling (KIP-595's check-quorum timer).
    /// </summary>
    private void OnCheckQuorum()
    {
        if (Role != RaftRole.Leader) return;
        var window = _ctx.Quorum.FetchTimeout.Scale(1.5);
        var recent = _ctx.Voters.Select(v => v == Id ? S.Now : _voterState[v].LastFetch).OrderByDescending(t => t).ToList();
        var majorityHeardAt = recent[Majority - 1];
        if (S.Now - majorityHeardAt > window)
        {
            Resign($"no fetch from a majority of voters for {window}");
            return;
        }
        _checkQuorumTimer = S.ScheduleAt(majorityHeardAt + window + SimDuration.FromNanoseconds(1), this, _kCheckQuorum);
    }

    private void Resign(string cause)
    {
        _ctx.Events.ControllerResigned(S.Now, Id, Epoch, cause);
        StepDown(Epoch, -1);
    }

    /// <summary>Leaves leadership or candidacy for <paramref name="epoch"/>, following <paramref name="leader"/> when known.</summary>
    private void StepDown(int epoch, int leader)
    {
        bool wasLeader = Role == RaftRole.Leader;
        if (epoch > Epoch) VotedFor = -1;
        // A fetch still out to the previous leader must not hold back the first fetch to the new one.
        if (epoch != Epoch || leader != LeaderId) _fetchInFlight = -1;
        Epoch = epoch;
        LeaderId = leader;
        _backingOff = false;
        _leaderFetchedAt = null;
        if (wasLeader)
        {
            Control.Deactivate();
            S.Cancel(_checkQuorumTimer);
            S.Cancel(_lingerTimer);
            S.Cancel(_beginEpochTimer);
            _log.DropProposed();
            foreach (var p in _parked)
            {
                S.Cancel(p.Expiry);
                RespondFetch(p.Request, ErrorCode.NotController, null);
            }
            _parked.Clear();
        }
        if (leader >= 0 && leader != Id)
        {
            Role = RaftRole.Follower;
            ResetFetchTimer();
            SendFetch();
        }
        else
        {
            Role = RaftRole.Unattached;
            ResetElectionTimer();
        }
    }

    private void OnVoteRequest(VoteRequest m)
    {
        if (m.PreVote)
        {
            OnPreVoteRequest(m);
            return;
        }
        if (m.CandidateEpoch > Epoch) StepDown(m.CandidateEpoch, -1);
        bool upToDate = IsUpToDate(m);
        bool grant = m.CandidateEpoch == Epoch && Role != RaftRole.Leader && (VotedFor == -1 || VotedFor == m.CandidateId) && upToDate;
        if (grant)
        {
            VotedFor = m.CandidateId;
            ResetElectionTimer();
        }
        _ctx.Send(Node, _ctx.ControllerNode(m.CandidateId), new VoteResponse
        {
            To = Component.Controller, From = Component.Controller, CorrelationId = m.CorrelationId, Epoch = Epoch, Granted = grant, VoterId = Id,
            LeaderId = LeaderId,
        });
    }

    private bool IsUpToDate(VoteRequest m) => m.LastEpoch > LastEpoch || (m.LastEpoch == LastEpoch && m.LastOffset >= _log.EndOffset);

    private void OnVoteResponse(VoteResponse m)
    {
        if (!_requests.TryComplete(m.CorrelationId, out var sent)) sent = null;
        if (m.Epoch > Epoch)
        {
            StepDown(m.Epoch, m.LeaderId);
            return;
        }
        if (sent is VoteRequest { PreVote: true })
        {
            OnPreVoteResponse(m);
            return;
        }
        if (Role != RaftRole.Candidate || m.Epoch != Epoch || !m.Granted) return;
        _votes.Add(m.VoterId);
        if (_votes.Count >= Majority) BecomeLeader();
    }

    private void OnBeginQuorumEpoch(BeginQuorumEpoch m)
    {
        if (m.Epoch < Epoch || (m.Epoch == Epoch && Role == RaftRole.Leader)) return;
        if (m.Epoch == Epoch && Role == RaftRole.Follower && LeaderId == m.LeaderId) return;
        StepDown(m.Epoch, m.LeaderId);
    }
}
