using Sim.Kafka.Log;

namespace Sim.Kafka.Protocol;

/// <summary>
/// A fetch, from a follower (<see cref="ReplicaId"/> &gt;= 0) or a consumer (-1). Followers send their
/// fetch offset and last fetched epoch, from which the leader learns their LEO and detects divergence.
/// </summary>
public sealed class FetchRequest : KafkaMessage
{
    public required int ReplicaId { get; init; }
    public required Sim.Core.Time.SimDuration MaxWait { get; init; }
    public required int MinBytes { get; init; }
    public required int MaxBytes { get; init; }
    public required int PartitionMaxBytes { get; init; }
    public required List<FetchEntry> Entries { get; init; }

    /// <summary>The consumer's <c>client.rack</c> (KIP-392), or null.</summary>
    public string? RackId { get; init; }

    /// <summary>
    /// The fetch session this request belongs to (KIP-227), or null for a fetch outside a session, which names every
    /// partition as a full fetch does.
    /// </summary>
    public FetchSessionWire? Session { get; init; }

    /// <summary>
    /// The session an incremental fetch continues (KIP-227's session id): here the correlation id of the full fetch that
    /// opened it, which the leader takes as the id it hands back in that fetch's response. 0 outside an incremental fetch.
    /// </summary>
    public long SessionId { get; init; }

    /// <summary>An incremental fetch's forgotten partitions (KIP-227 ForgottenTopicsData), or null.</summary>
    public List<int>? Forgotten { get; init; }

    /// <summary>
    /// 28 bytes per partition named (partition, fetch offset, epochs, log start offset, partition max bytes) and,
    /// in an incremental fetch, 4 per partition forgotten, plus the session id and epoch (8).
    /// </summary>
    protected override int PayloadBytes => Session is { } s ? 8 + s.Listed * 28 + s.Forgotten * 4 : Entries.Count * 28;
}

/// <summary>
/// What a fetch in a session (KIP-227) puts on the wire: a full fetch names every partition; an incremental one
/// only those added or changed, plus the forgotten ones.
/// </summary>
public readonly record struct FetchSessionWire(bool Full, int Listed, int Forgotten);

/// <summary>
/// One partition of a fetch. A full fetch names every partition; an incremental one (KIP-227) only those whose fetch
/// offset or epochs changed, the leader's session (CachedPartition) holding the others.
/// </summary>
public struct FetchEntry
{
    public int Partition;

    /// <summary>
    /// The partition's place in the follower's fetch (the order its fetcher took the partition in), so the leader's
    /// session answers in the order the follower lists its partitions.
    /// </summary>
    public int Order;
    public long FetchOffset;
    public int LastFetchedEpoch;
    public int CurrentLeaderEpoch;
}

/// <summary>The data and high watermarks returned by a fetch.</summary>
public sealed class FetchResponse : KafkaMessage
{
    public required List<FetchResult> Results { get; init; }

    /// <summary>The response's top-level error (FETCH_SESSION_ID_NOT_FOUND for an incremental fetch the leader has no session for).</summary>
    public ErrorCode Error { get; init; }

    /// <summary>
    /// The fetch session the response belongs to (KIP-227 session_id): for a consumer's fetch in a session, the id its next
    /// incremental fetch names; 0 when the broker holds no session for it (the consumer's next fetch is a full one).
    /// </summary>
    public long SessionId { get; init; }

    // The size is read by the sender's accounting, its card, the link and the receiver's card: summed once.
    private int _payloadBytes = -1;

    protected override int PayloadBytes => _payloadBytes >= 0 ? _payloadBytes : _payloadBytes = SumPayloadBytes();

    private int SumPayloadBytes()
    {
        int sum = 0;
        // Plain loops: a LINQ sum would allocate a closure and an enumerator.
        foreach (var r in Results)
        {
            sum += 40;
            if (r.Batches is null) continue;
            foreach (var b in r.Batches) sum += b.Bytes;
        }
        return sum;
    }
}

public sealed class FetchResult
{
    public int Partition;
    public ErrorCode Error;
    public long HighWatermark;
    public long LogEndOffset;

    /// <summary>The leader's log start offset (FetchResponse log_start_offset), where a follower out of range starts again.</summary>
    public long LogStartOffset;
    public List<RecordBatch>? Batches;

    /// <summary>KIP-392: the replica the consumer should fetch this partition from instead (-1: none).</summary>
    public int PreferredReadReplica = -1;

    /// <summary>Set when the follower's log diverges from the leader's (KIP-320): truncate to at most this.</summary>
    public int DivergingEpoch = -1;
    public long DivergingEndOffset = -1;

    // An emptied batch list kept from an earlier use of this result, so a pooled result reads without allocating.
    private List<RecordBatch>? _spareBatches;

    /// <summary>Sets <see cref="Batches"/> to an empty list (one kept from an earlier use when there is one) and returns it.</summary>
    internal List<RecordBatch> NewBatches()
    {
        Batches = _spareBatches ?? [];
        _spareBatches = null;
        return Batches;
    }

    /// <summary>Returns the result to its initial state for reuse, keeping its batch list (emptied) if no larger than <paramref name="maxBatchCapacity"/>.</summary>
    internal void Reset(int maxBatchCapacity)
    {
        if (Batches is { } b && b.Capacity <= maxBatchCapacity)
        {
            b.Clear();
            _spareBatches = b;
        }
        Partition = 0;
        Error = ErrorCode.None;
        HighWatermark = 0;
        LogEndOffset = 0;
        LogStartOffset = 0;
        Batches = null;
        PreferredReadReplica = -1;
        DivergingEpoch = -1;
        DivergingEndOffset = -1;
    }
}
