namespace Sim.Kafka.Config;

/// <summary>
/// <c>compression.type</c> of a producer (and of a topic, where <c>producer</c> keeps the producer's codec):
/// the codecs Kafka ships (CompressionType in the clients).
/// </summary>
public enum CompressionType
{
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,

    /// <summary>A topic's default: keep whatever codec the producer used.</summary>
    Producer,
}
