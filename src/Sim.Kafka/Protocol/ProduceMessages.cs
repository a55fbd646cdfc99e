using Sim.Kafka.Log;

namespace Sim.Kafka.Protocol;

/// <summary>A produce request: batches for partitions this broker leads, with the producer's acks and timeout.</summary>
public sealed class ProduceRequest : KafkaMessage
{
    public required short Acks { get; init; }
    public required Sim.Core.Time.SimDuration Timeout { get; init; }
    public required List<ProduceEntry> Entries { get; init; }

    /// <summary>The producer's <c>compression.type</c>: the batches' bytes are already compressed.</summary>
    public Sim.Kafka.Config.CompressionType Compression { get; init; }

    /// <summary>Compressed over uncompressed bytes of the batches (1 when uncompressed).</summary>
    public double CompressionRatio { get; init; } = 1;

    protected override int PayloadBytes
    {
        get
        {
            int bytes = 0;
            foreach (ref readonly var e in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Entries)) bytes += e.Batch.Bytes + 32;
            return bytes;
        }
    }
}

/// <summary>One partition's batch in a produce request.</summary>
public struct ProduceEntry
{
    public int Partition;
    public RecordBatch Batch;
}

/// <summary>The answer to a produce request, one result per entry, in order.</summary>
public sealed class ProduceResponse : KafkaMessage
{
    /// <summary>The results, in the broker's own array: it no longer changes once the response is sent.</summary>
    public required ProduceResult[] Results { get; init; }
    protected override int PayloadBytes => Results.Length * 24;
}

public struct ProduceResult
{
    public int Partition;
    public ErrorCode Error;
    public long BaseOffset;
    public int LeaderEpoch;
}
