namespace Sim.Kafka.Config;

/// <summary>
/// <c>metadata.recovery.strategy</c> (KIP-899, Kafka 3.8; CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG): what a
/// client does when none of the brokers its metadata names is available. KIP-1102 (Kafka 4.0, KAFKA-17885) made
/// <see cref="Rebootstrap"/> the default.
/// </summary>
public enum MetadataRecoveryStrategy
{
    /// <summary><c>none</c>: the client keeps retrying the brokers it knows.</summary>
    None,

    /// <summary><c>rebootstrap</c>: the client repeats the bootstrap with <c>bootstrap.servers</c> (Metadata.rebootstrap).</summary>
    Rebootstrap,
}
