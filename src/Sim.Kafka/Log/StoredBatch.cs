using Sim.Core.Time;

namespace Sim.Kafka.Log;

/// <summary>
/// A batch as a log's ring (<see cref="BatchRing"/>) stores it: a <see cref="RecordBatch"/> without its payload. The
/// ring's arrays then hold no object references, so the collector never scans them (they are most of a busy cluster's
/// heap) and storing a batch needs no write barrier. The payloads, which only internal topics' batches carry, are held
/// beside the ring by offset (<see cref="LogPayloads"/>).
/// </summary>
internal struct StoredBatch
{
    public long BaseOffset;
    public int Count;
    public int Bytes;
    public int LeaderEpoch;
    public int BaseSequence;
    public long ProducerId;
    public SimTime CreateTime;
    public SimTime AppendTime;
    public long ClientBatchId;
    public RecordOrigin Origin;

    public readonly long NextOffset => BaseOffset + Count;

    public static StoredBatch From(in RecordBatch b) => new()
    {
        BaseOffset = b.BaseOffset, Count = b.Count, Bytes = b.Bytes, LeaderEpoch = b.LeaderEpoch, BaseSequence = b.BaseSequence,
        ProducerId = b.ProducerId, CreateTime = b.CreateTime, AppendTime = b.AppendTime, ClientBatchId = b.ClientBatchId, Origin = b.Origin,
    };

    /// <summary>The batch as it was appended, given its payload (null for data).</summary>
    public readonly RecordBatch ToBatch(object? payload) => new()
    {
        BaseOffset = BaseOffset, Count = Count, Bytes = Bytes, LeaderEpoch = LeaderEpoch, BaseSequence = BaseSequence,
        ProducerId = ProducerId, CreateTime = CreateTime, AppendTime = AppendTime, ClientBatchId = ClientBatchId, Origin = Origin,
        Payload = payload,
    };
}
