using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>Producer settings named after ProducerConfig.java keys, with Kafka 4.x defaults.</summary>
public sealed record ProducerConfig
{
    /// <summary><c>acks</c>: 0, 1 or -1 (all).</summary>
    public short Acks { get; init; } = -1;

    /// <summary><c>linger.ms</c>.</summary>
    public SimDuration Linger { get; init; } = SimDuration.FromMilliseconds(5);

    /// <summary><c>batch.size</c> in bytes.</summary>
    public int BatchSize { get; init; } = 16384;

    /// <summary><c>max.in.flight.requests.per.connection</c>.</summary>
    public int MaxInFlightRequestsPerConnection { get; init; } = 5;

    /// <summary><c>request.timeout.ms</c>.</summary>
    public SimDuration RequestTimeout { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>delivery.timeout.ms</c>: a record not acknowledged this long after it was produced fails.</summary>
    public SimDuration DeliveryTimeout { get; init; } = SimDuration.FromSeconds(120);

    /// <summary><c>retries</c>.</summary>
    public int Retries { get; init; } = int.MaxValue;

    /// <summary><c>retry.backoff.ms</c>.</summary>
    public SimDuration RetryBackoff { get; init; } = SimDuration.FromMilliseconds(100);

    /// <summary><c>retry.backoff.max.ms</c>.</summary>
    public SimDuration RetryBackoffMax { get; init; } = SimDuration.FromSeconds(1);

    /// <summary><c>enable.idempotence</c>.</summary>
    public bool EnableIdempotence { get; init; } = true;

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

    /// <summary><c>buffer.memory</c> in bytes: when full, <c>send()</c> blocks for up to <c>max.block.ms</c>, then fails.</summary>
    public long BufferMemory { get; init; } = 32L * 1024 * 1024;

    /// <summary><c>max.block.ms</c>: how long <c>send()</c> waits for room in <c>buffer.memory</c> before it throws.</summary>
    public SimDuration MaxBlock { get; init; } = SimDuration.FromSeconds(60);

    /// <summary><c>max.request.size</c> in bytes.</summary>
    public int MaxRequestSize { get; init; } = 1024 * 1024;

    /// <summary><c>reconnect.backoff.ms</c>: wait before reconnecting to a broker whose connection failed.</summary>
    public SimDuration ReconnectBackoff { get; init; } = SimDuration.FromMilliseconds(50);

    /// <summary><c>reconnect.backoff.max.ms</c>: the reconnect backoff doubles per consecutive failure up to this.</summary>
    public SimDuration ReconnectBackoffMax { get; init; } = SimDuration.FromSeconds(1);

    /// <summary><c>socket.connection.setup.timeout.ms</c>: a connection attempt not established this long is given up.</summary>
    public SimDuration SocketConnectionSetupTimeout { get; init; } = SimDuration.FromSeconds(10);

    /// <summary><c>socket.connection.setup.timeout.max.ms</c>: the setup timeout doubles per failed attempt up to this.</summary>
    public SimDuration SocketConnectionSetupTimeoutMax { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>compression.type</c>: the codec batches are compressed with; they shrink on the wire and on disk.</summary>
    public CompressionType CompressionType { get; init; } = CompressionType.None;

    /// <summary><c>sim.compression.ratio</c>: compressed over uncompressed bytes, overriding the codec's typical ratio.</summary>
    public double? CompressionRatio { get; init; }
}
