using Sim.Kafka.Config;

namespace Sim.Kafka.Hardware;

/// <summary>
/// What a compression codec does to a batch: the share of its bytes left after compression, and the CPU
/// time to compress and to decompress a KiB of records. The figures are the zstd project's published
/// benchmark on the Silesia corpus (github.com/facebook/zstd README: zstd -1 ratio 2.896, 510 MB/s
/// compress, 1550 MB/s decompress; lz4 2.101, 675 / 3850; snappy 2.073, 530 / 1660; zlib -1 2.743, 105 / 390),
/// converted to time per KiB; real record data compresses differently, which <c>sim.compression.ratio</c>
/// overrides. docs/hardware.md keeps the table.
/// </summary>
public readonly record struct CodecProfile(double Ratio, double CompressNsPerKiB, double DecompressNsPerKiB)
{
    private static double NsPerKiB(double mbPerSecond) => 1024 / mbPerSecond * 1000;

    public static CodecProfile Of(CompressionType codec) => codec switch
    {
        CompressionType.Gzip => new(1 / 2.743, NsPerKiB(105), NsPerKiB(390)),
        CompressionType.Snappy => new(1 / 2.073, NsPerKiB(530), NsPerKiB(1660)),
        CompressionType.Lz4 => new(1 / 2.101, NsPerKiB(675), NsPerKiB(3850)),
        CompressionType.Zstd => new(1 / 2.896, NsPerKiB(510), NsPerKiB(1550)),
        _ => new(1, 0, 0),
    };
}
