using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>How a cluster keeps its metadata: a KRaft controller quorum, or ZooKeeper (before Kafka 4.0).</summary>
public enum MetadataMode
{
    KRaft,
    ZooKeeper,
}

/// <summary>
/// Metadata quorum settings: KRaft's (QuorumConfig.java, KIP-595) with Kafka defaults, and for the
/// ZooKeeper variant its session timeout. In ZooKeeper mode the quorum's voters are the ensemble's
/// servers (majority commit, as Zab does), broker liveness is a ZooKeeper session, and the controller is
/// a broker.
/// </summary>
public sealed record QuorumConfig
{
    /// <summary>An architecture block's <c>metadata</c> key: kraft or zookeeper.</summary>
    public MetadataMode Mode { get; init; } = MetadataMode.KRaft;

    /// <summary><c>zookeeper.session.timeout.ms</c>: a broker whose session lapses this long is gone (ZooKeeper mode).</summary>
    public SimDuration ZooKeeperSessionTimeout { get; init; } = SimDuration.FromSeconds(18);

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

    /// <summary>
    /// <c>sim.controller.quorum.pre.vote.enable</c> (a simulator key: Kafka has no setting, it uses pre-vote once
    /// every voter speaks Vote v2): true models Kafka 4.0 and later, where a voter that times out first asks for
    /// pre-votes at its current epoch and stands only if a majority would vote for it (KIP-996, KafkaRaftClient /
    /// ProspectiveState); false models Kafka 3.x, where it bumps the epoch and stands at once (KIP-595).
    /// </summary>
    public bool PreVote { get; init; } = true;

    /// <summary>How long a quorum fetch may wait at the leader for new records (the Raft client's fetch max wait, 500 ms).</summary>
    public SimDuration FetchMaxWait { get; init; } = SimDuration.FromMilliseconds(500);
}
