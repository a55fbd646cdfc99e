using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>KRaft quorum settings (QuorumConfig.java, KIP-595), Kafka defaults.</summary>
public sealed record QuorumConfig
{
    /// <summary><c>controller.quorum.election.timeout.ms</c>: randomised between 1x and 2x.</summary>
    public SimDuration ElectionTimeout { get; init; } = SimDuration.FromSeconds(1);

    /// <summary><c>controller.quorum.fetch.timeout.ms</c>: a follower hearing nothing from the leader for this long starts an election.</summary>
    public SimDuration FetchTimeout { get; init; } = SimDuration.FromSeconds(2);

    /// <summary><c>controller.quorum.election.backoff.max.ms</c>.</summary>
    public SimDuration ElectionBackoffMax { get; init; } = SimDuration.FromSeconds(1);

    /// <summary><c>controller.quorum.request.timeout.ms</c>.</summary>
    public SimDuration RequestTimeout { get; init; } = SimDuration.FromSeconds(2);

    /// <summary><c>controller.quorum.append.linger.ms</c>.</summary>
    public SimDuration AppendLinger { get; init; } = SimDuration.FromMilliseconds(25);

    /// <summary>How long a quorum fetch may wait at the leader for new records (the Raft client's fetch max wait, 500 ms).</summary>
    public SimDuration FetchMaxWait { get; init; } = SimDuration.FromMilliseconds(500);
}
