using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Controller;

// Graceful shutdown of a voter (KafkaRaftClient.shutdown): a leader resigns by sending EndQuorumEpoch to
// the other voters, naming its preferred successors, before the process stops; the successors elect at
// once instead of waiting out controller.quorum.fetch.timeout.ms.
public sealed partial class QuorumController
{
    /// <summary>KafkaRaftClient's retry backoff (<c>controller.quorum.retry.backoff.ms</c>, default 20 ms).</summary>
    private static readonly SimDuration RetryBackoff = SimDuration.FromMilliseconds(20);

    /// <summary>
    /// Shuts the controller down gracefully: if it leads, it resigns with EndQuorumEpoch (successors ordered
    /// by how far each has replicated, most first, as KafkaRaftClient's resign does), then stops. A
    /// follower just stops. KafkaRaftClient waits for the successor's election before exiting; here the
    /// process stops right after sending, which the successors cannot tell apart.
    /// </summary>
    public void Shutdown()
    {
        if (!Alive) return;
        if (Role == RaftRole.Leader)
        {
            var successors = _ctx.Voters.Where(v => v != Id).OrderByDescending(v => _voterState[v].Match).ThenBy(v => v).ToArray();
            foreach (var v in successors)
            {
                _ctx.Send(Node, _ctx.ControllerNode(v), new EndQuorumEpoch
                {
                    To = Component.Controller, From = Component.Controller, Epoch = Epoch, LeaderId = Id, PreferredSuccessors = successors,
                });
            }
            _ctx.Events.ControllerResigned(S.Now, Id, Epoch, "graceful shutdown: EndQuorumEpoch sent to the voters");
            // Resigned: the crash below must not report a second resignation.
            Role = RaftRole.Unattached;
        }
        Crash();
    }

    /// <summary>
    /// A voter told that its leader resigned expires its fetch timeout after a backoff set by its place
    /// among the preferred successors: the first at once, the n-th after retry backoff x 2^(n-1), capped
    /// at controller.quorum.election.backoff.max.ms (KafkaRaftClient.handleEndQuorumEpochRequest and
    /// strictExponentialElectionBackoffMs). It no longer counts as hearing from the leader, so it grants
    /// pre-votes (KIP-996).
    /// </summary>
    private void OnEndQuorumEpoch(EndQuorumEpoch m)
    {
        if (m.Epoch < Epoch || Role == RaftRole.Leader) return;
        if (m.Epoch > Epoch) StepDown(m.Epoch, m.LeaderId);
        if (Role != RaftRole.Follower || LeaderId != m.LeaderId) return;
        _leaderFetchedAt = null;
        int position = Array.IndexOf(m.PreferredSuccessors, Id);
        var backoff = position <= 0
            ? SimDuration.Zero
            : SimDuration.Min(_ctx.Quorum.ElectionBackoffMax, RetryBackoff.Scale(Math.Pow(2, position - 1)));
        S.Cancel(_electionTimer);
        _electionTimer = S.Schedule(backoff, this, _kElection);
    }
}
