using Sim.Core.Time;

namespace Sim.Kafka.Log;

/// <summary>
/// A batch of records as the log holds it: an offset range, never record objects. Carries what the
/// protocol needs (leader epoch for truncation, producer id and sequence for idempotence) and what
/// measurement needs (create and append times for end-to-end latency, the producer's batch identity
/// for the acknowledgement ledger).
/// </summary>
public struct RecordBatch
{
    public long BaseOffset;
    public int Count;
    public int Bytes;
    public int LeaderEpoch;
    public long ProducerId;
    public int BaseSequence;
    public SimTime CreateTime;
    public SimTime AppendTime;

    /// <summary>The producing client's identity for this batch (unique per producer batch, kept across retries).</summary>
    public long ClientBatchId;

    /// <summary>An optional payload for internal topics (a committed consumer offset); null for data.</summary>
    public object? Payload;

    /// <summary>Where the records were first written, when this is a mirrored copy (measurement only).</summary>
    public RecordOrigin Origin;

    public readonly long LastOffset => BaseOffset + Count - 1;
    public readonly long NextOffset => BaseOffset + Count;
}
