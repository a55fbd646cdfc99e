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
}
