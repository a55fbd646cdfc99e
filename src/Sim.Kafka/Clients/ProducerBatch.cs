using Sim.Core.Time;
using Sim.Kafka.Log;

namespace Sim.Kafka.Clients;

/// <summary>
/// A batch in a producer: records of one partition closed together, held until acknowledged, failed
/// or expired. Counts and bytes only; a batch keeps its sequence number across retries.
/// </summary>
public sealed class ProducerBatch
{
    public int Partition;
    public int Count;
    public int Bytes;

    /// <summary>The mean create time of its records (halfway through the batch's filling).</summary>
    public SimTime CreateTime;

    /// <summary>When the application sent the first record; latency runs from here, time blocked in <c>send()</c> included.</summary>
    public SimTime FirstRecordTime;

    /// <summary>When the batch entered the accumulator (after any wait for <c>buffer.memory</c>); <c>delivery.timeout.ms</c> runs from here.</summary>
    public SimTime AppendTime;

    public long ClientBatchId;
    public int Sequence = -1;
    public int Attempts;
    public SimTime RetryAt;
    public bool InFlight;

    /// <summary>The producer epoch the batch's sequence belongs to; a bumped epoch means a new sequence.</summary>
    public int ProducerEpoch;

    /// <summary>Where the records were first written, for a batch a mirror forwards (measurement only).</summary>
    public RecordOrigin Origin;

    /// <summary>For a batch handed in by <see cref="KafkaProducer.TrySend"/>: the caller's offset of its first record upstream (-1 otherwise).</summary>
    public long SourceOffset = -1;

    /// <summary>Failed by the delivery timeout while its request was in flight; its answer is then ignored.</summary>
    public bool Expired;

    /// <summary>Back to the values of a new batch, for a producer that reuses its acknowledged batches.</summary>
    internal void Reset()
    {
        Partition = Count = Bytes = Attempts = ProducerEpoch = 0;
        CreateTime = FirstRecordTime = AppendTime = RetryAt = default;
        ClientBatchId = 0;
        Sequence = -1;
        SourceOffset = -1;
        InFlight = Expired = false;
        Origin = default;
    }
}
