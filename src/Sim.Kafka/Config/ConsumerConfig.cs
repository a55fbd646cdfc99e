using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>Consumer settings named after ConsumerConfig.java keys, with Kafka 4.x defaults.</summary>
public sealed record ConsumerConfig
{
    /// <summary><c>group.id</c>.</summary>
    public string GroupId { get; init; } = "group";

    /// <summary><c>fetch.min.bytes</c>.</summary>
    public int FetchMinBytes { get; init; } = 1;

    /// <summary><c>fetch.max.wait.ms</c>.</summary>
    public SimDuration FetchMaxWait { get; init; } = SimDuration.FromMilliseconds(500);

    /// <summary><c>max.partition.fetch.bytes</c>.</summary>
    public int MaxPartitionFetchBytes { get; init; } = 1024 * 1024;

    /// <summary><c>fetch.max.bytes</c>.</summary>
    public int FetchMaxBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary><c>auto.offset.reset</c>: where to start without a committed offset: latest or earliest.</summary>
    public bool AutoOffsetResetEarliest { get; init; }

    /// <summary><c>enable.auto.commit</c>.</summary>
    public bool EnableAutoCommit { get; init; } = true;

    /// <summary><c>auto.commit.interval.ms</c>.</summary>
    public SimDuration AutoCommitInterval { get; init; } = SimDuration.FromSeconds(5);

    /// <summary><c>request.timeout.ms</c>.</summary>
    public SimDuration RequestTimeout { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>retry.backoff.ms</c>: the first wait before a retried request or metadata refresh.</summary>
    public SimDuration RetryBackoff { get; init; } = SimDuration.FromMilliseconds(100);

    /// <summary><c>retry.backoff.max.ms</c> (KIP-580, Kafka 3.7+): the backoff doubles per failed attempt up to this.</summary>
    public SimDuration RetryBackoffMax { get; init; } = SimDuration.FromSeconds(1);

    /// <summary><c>client.rack</c>: with <c>replica.selector.class=RackAwareReplicaSelector</c> on the brokers, the consumer reads from a replica in this rack (KIP-392).</summary>
    public string? ClientRack { get; init; }

    /// <summary><c>metadata.max.age.ms</c>.</summary>
    public SimDuration MetadataMaxAge { get; init; } = SimDuration.FromMinutes(5);

    /// <summary>
    /// <c>metadata.recovery.strategy</c> (KIP-899; default <c>rebootstrap</c> since Kafka 4.0, KIP-1102): with
    /// <c>rebootstrap</c> the client resolves <c>bootstrap.servers</c> again when every broker it knows is unavailable.
    /// </summary>
    public MetadataRecoveryStrategy MetadataRecoveryStrategy { get; init; } = MetadataRecoveryStrategy.Rebootstrap;

    /// <summary>
    /// <c>metadata.recovery.rebootstrap.trigger.ms</c> (KIP-1102, default 300000): with <c>rebootstrap</c>, the client also
    /// rebootstraps when it has wanted metadata and obtained none for this long.
    /// </summary>
    public SimDuration MetadataRecoveryRebootstrapTrigger { get; init; } = SimDuration.FromMinutes(5);

    /// <summary><c>session.timeout.ms</c> (45000 from Kafka 3.0, KIP-735): the coordinator removes a member not heard from for this long.</summary>
    public SimDuration SessionTimeout { get; init; } = SimDuration.FromSeconds(45);

    /// <summary><c>heartbeat.interval.ms</c>: how often a member heartbeats to its coordinator.</summary>
    public SimDuration HeartbeatInterval { get; init; } = SimDuration.FromSeconds(3);

    /// <summary>
    /// <c>max.poll.interval.ms</c> (KIP-62): the longest the application may take between polls before the consumer
    /// leaves its group; also the rebalance timeout it joins with.
    /// </summary>
    public SimDuration MaxPollInterval { get; init; } = SimDuration.FromMinutes(5);

    /// <summary><c>partition.assignment.strategy</c>, in order of preference (Kafka 3.0+ default: range, then cooperative-sticky).</summary>
    public IReadOnlyList<string> PartitionAssignmentStrategy { get; init; } = ["range", "cooperative-sticky"];

    /// <summary>
    /// <c>sim.consumer.processing.time</c> (simulator key): how long the application works on what one poll returned
    /// before it polls again; a slow consumer. Zero: records are processed as they arrive.
    /// </summary>
    public SimDuration ProcessingTimePerPoll { get; init; }
}
