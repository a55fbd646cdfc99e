namespace Sim.Kafka.Controller;

/// <summary>A quorum voter's state (KIP-595): unattached (no leader known), follower, candidate, or leader.</summary>
public enum RaftRole
{
    Unattached,
    Follower,
    Candidate,
    Leader,
}
