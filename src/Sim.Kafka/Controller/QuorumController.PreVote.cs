using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Controller;

// Pre-vote (KIP-996, Kafka 4.0: KafkaRaftClient and ProspectiveState). A voter whose fetch or election
// timer expires does not bump the epoch: it becomes Prospective and asks the voters, with Vote requests
// marked PreVote, whether they would vote for it. A voter says yes only if the prospective's log is at
// least as up to date as its own and it has not fetched successfully from a leader within the fetch
// timeout (the leader itself always says no). Only a majority of yes makes the prospective a Candidate
// (epoch + 1, the KIP-595 election). A no that names a leader sends the prospective back to following it;
// a prospective that gathers no majority within the election timeout follows the leader it knew, or waits
// unattached for another election timeout. So a voter cut off from the leader alone, or returning from
// isolation, cannot raise the epoch and unseat a leader the others still fetch from.
public sealed partial class QuorumController
{
    /// <summary>When this voter last fetched successfully from the leader it follows; null since it started following.</summary>
    private SimTime? _leaderFetchedAt;

    private void StartPreVote()
    {
        _backingOff = false;
        Role = RaftRole.Prospective;
        _fetchInFlight = -1;
        _votes.Clear();
        _votes.Add(Id);
        if (_votes.Count >= Majority)
        {
            StartElection();
            return;
        }
        SendVoteRequests(preVote: true);
        ResetElectionTimer();
    }

    /// <summary>No majority of pre-votes within the election timeout: back to the leader it knew, or unattached.</summary>
    private void OnPreVoteLost()
    {
        if (LeaderId >= 0 && LeaderId != Id)
        {
            StepDown(Epoch, LeaderId);
            return;
        }
        Role = RaftRole.Unattached;
        ResetElectionTimer();
    }

    /// <summary>
    /// Answers a pre-vote without changing any state of this voter (no epoch change, no vote recorded, no
    /// timer reset), so asking for pre-votes disturbs nobody (KIP-996).
    /// </summary>
    private void OnPreVoteRequest(VoteRequest m)
    {
        bool heardFromLeader = Role == RaftRole.Follower && _leaderFetchedAt is { } t && S.Now - t < _ctx.Quorum.FetchTimeout;
        bool grant = m.CandidateEpoch >= Epoch && Role != RaftRole.Leader && !heardFromLeader && IsUpToDate(m);
        _ctx.Send(Node, _ctx.ControllerNode(m.CandidateId), new VoteResponse
        {
            To = Component.Controller, From = Component.Controller, CorrelationId = m.CorrelationId, Epoch = Epoch, Granted = grant, VoterId = Id,
            LeaderId = LeaderId,
        });
    }

    private void OnPreVoteResponse(VoteResponse m)
    {
        if (Role != RaftRole.Prospective || m.Epoch != Epoch) return;
        if (m.Granted)
        {
            _votes.Add(m.VoterId);
            if (_votes.Count >= Majority) StartElection();
        }
        else if (m.LeaderId >= 0 && m.LeaderId != Id)
        {
            StepDown(Epoch, m.LeaderId);
        }
    }
}
