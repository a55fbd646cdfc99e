namespace Sim.Kafka.Controller;

/// <summary>
/// A quorum voter's state (KIP-595): unattached (no leader known), follower, prospective (KIP-996: asking for
/// pre-votes at the current epoch before standing), candidate, or leader.
/// </summary>
public enum RaftRole
{
    Unattached,
    Follower,
    Prospective,
    Candidate,
    Leader,
}
