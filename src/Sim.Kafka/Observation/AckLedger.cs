using System.Runtime.InteropServices;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Observation;

/// <summary>
/// Accounts for every record a producer was told was written. Acknowledged batches are kept as offset
/// ranges per partition (contiguous acknowledgements of one epoch merge into one range), so memory
/// grows with leader changes and gaps, not with records. At the end of a run <see cref="Audit"/> checks
/// each range against the log that survived: a record is present when that log holds its offset in the
/// same leader epoch (offset and epoch identify a record, the log matching property of KIP-101).
/// Duplicates are batches a leader appended twice (a retry of a batch whose first append succeeded).
/// A leader can append a batch only as often as the producer sent it, one copy per produce request, so the
/// identity of a batch sent once is forgotten at its acknowledgement, and that of a batch sent again is kept
/// until shortly after: the check costs memory in proportion to the batches in flight and the recent
/// retries, not to the batch rate.
/// </summary>
public sealed class AckLedger : IKafkaObserver
{
    private readonly AckedRangeLog _acked = new();
    // Batch identities a leader appended (bit 1) or the producer sent in more than one request (bit 2). A second
    // append needs a second copy: it is only possible for a batch sent again, while it is unresolved or shortly
    // after, when a copy from a timed-out request still reaches the broker; so the identity of a batch sent
    // again is forgotten DuplicateGrace after its acknowledgement, and that of a batch sent once at it.
    private readonly Dictionary<long, byte> _batches = [];
    private readonly Queue<(SimTime At, long BatchId)> _acknowledgedOrder = new();
    private const byte AppendedBit = 1, SentAgainBit = 2;

    /// <summary>
    /// How long after its acknowledgement a batch's identity is kept to catch a late second append (a copy
    /// from a request the producer had given up on): the default request timeout, 30 s.
    /// </summary>
    public SimDuration DuplicateGrace { get; init; } = SimDuration.FromSeconds(30);

    /// <summary>
    /// The longest stretch of acknowledgement time one merged range covers: the precision with which a
    /// loss is dated (ranges grow with run time, not with records).
    /// </summary>
    public SimDuration RangeSpan { get; init; } = SimDuration.FromMilliseconds(100);

    /// <summary>
    /// Where each partition's log starts on the replica that starts earliest (the cluster's, set by the run): ranges wholly
    /// below it were deleted by retention everywhere, so the final audit would count them expired, not lost (a surviving
    /// log starts no earlier). The ledger forgets them whenever it has doubled since it last did, and counts their
    /// records as expired, so over a long hybrid run it holds about the retention window's ranges, not the run's. Null:
    /// every range is kept to the end.
    /// </summary>
    public Func<int, long>? EarliestLogStart { get; set; }

    /// <summary>How many ranges the ledger holds before it first forgets expired ones (<see cref="EarliestLogStart"/>).</summary>
    internal int ForgetAfter { get => _forgetAt; init => _forgetAt = value; }

    // Records in ranges forgotten below every replica's log start, and the range count that triggers the next look.
    private long _forgottenExpired;
    private int _forgetAt = 1 << 20;
    private readonly List<(int Partition, long Base, int Count, int Epoch)> _duplicateAppends = [];
    private readonly List<(SimTime At, Metadata.PartitionState? Before, Metadata.PartitionState After, string Cause)> _changes = [];
    private readonly List<(SimTime At, int Broker, int Partition, long To, long Removed, string Cause)> _truncations = [];

    public void PartitionChanged(SimTime at, Metadata.PartitionState? before, Metadata.PartitionState after, string cause)
    {
        if (before is not null && after.LeaderEpoch != before.LeaderEpoch) _changes.Add((at, before, after, cause));
        // A deleted topic's records were removed at the operator's request (DeleteTopics): they are not lost.
        if (before is { Exists: true } && !after.Exists) _acked.Drop(after.Partition);
    }

    public void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) =>
        _truncations.Add((at, brokerId, partition, toOffset, removedRecords, cause));

    /// <summary>
    /// The chain of why records were lost, one sentence per link: how they were acknowledged, which leader
    /// change ended the epoch they were written in (and why), which truncation removed them from which
    /// broker, and which configuration allowed it.
    /// </summary>
    private IReadOnlyList<string> Explain(int partition, long from, long count, int epoch, short acks, SimTime ackedFrom, SimTime ackedTo)
    {
        var steps = new List<string> { AcknowledgedStep(from, count, epoch, acks, ackedFrom, ackedTo) };
        var ended = _changes.FirstOrDefault(c => c.Before!.Partition == partition && c.Before.LeaderEpoch == epoch);
        if (ended.Before is not null)
            steps.Add($"at {ended.At} leadership moved from broker {ended.Before.Leader} to {(ended.After.Leader < 0 ? "no one" : "broker " + ended.After.Leader)} (epoch {ended.After.LeaderEpoch}): {ended.Cause}");
        var cut = _truncations.FirstOrDefault(t => t.Partition == partition && t.To < from + count && t.To + t.Removed > from);
        if (cut.Cause is not null)
            steps.Add($"at {cut.At} broker {cut.Broker} truncated them, removing {cut.Removed} records from offset {cut.To}: {cut.Cause}");
        else steps.Add("the surviving log never held them");
        var unclean = _changes.FirstOrDefault(c => c.After.Partition == partition && c.At >= ackedFrom && c.Cause.Contains("unclean election", StringComparison.Ordinal));
        if (acks == 1) steps.Add("acks=1 acknowledged them on the leader's word alone, without waiting for the in-sync followers to copy them");
        else if (acks == 0) steps.Add("acks=0 never waited for them");
        if (unclean.Before is not null)
            steps.Add($"unclean.leader.election.enable=true let broker {unclean.After.Leader}, which was not in the ISR, lead at {unclean.At}");
        var power = _truncations.FirstOrDefault(t => t.Partition == partition && t.At >= ackedFrom && t.Cause.StartsWith("power loss", StringComparison.Ordinal));
        if (power.Cause is not null)
            steps.Add($"broker {power.Broker} lost its unflushed tail in a power loss at {power.At}: Kafka relies on replication, not fsync (log.flush.interval.messages)");
        return steps;
    }

    /// <summary>The first link of a loss's explanation: which offsets were acknowledged, how, when and in which epoch.</summary>
    public static string AcknowledgedStep(long from, long count, int epoch, short acks, SimTime ackedFrom, SimTime ackedTo) =>
        $"offsets {from}-{from + count - 1} were acknowledged with acks={(acks == -1 ? "all" : acks.ToString(System.Globalization.CultureInfo.InvariantCulture))} " +
        $"between {ackedFrom} and {ackedTo} in leader epoch {epoch}";

    public long RecordsProduced { get; private set; }
    public long RecordsAcked { get; private set; }
    public long RecordsFailed { get; private set; }
    public long RecordsRetried { get; private set; }

    /// <summary>Records acknowledged with acks=0: the producer never learns their offsets, so they cannot be audited.</summary>
    public long RecordsAckedWithoutOffset { get; private set; }

    public Dictionary<ErrorCode, long> FailuresByError { get; } = [];
    public Dictionary<ErrorCode, long> RetriesByError { get; } = [];

    public SimTime? FirstFailureAt { get; private set; }

    /// <summary>The acknowledged ranges by partition, ascending, each partition's oldest first.</summary>
    public IEnumerable<AckedRange> AckedRanges => _acked.ByPartition();

    public void Produced(SimTime at, int producerId, int records) => RecordsProduced += records;

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
    {
        RecordsAcked += batch.Count;
        if (batch.ClientBatchId >= 0)
        {
            // A batch sent once: its identity goes. One sent again stays until DuplicateGrace.
            if (ForgetUnlessSentAgain(batch.ClientBatchId)) _acknowledgedOrder.Enqueue((at, batch.ClientBatchId));
            while (_acknowledgedOrder.Count > 0 && at - _acknowledgedOrder.Peek().At > DuplicateGrace)
                _batches.Remove(_acknowledgedOrder.Dequeue().BatchId);
        }
        if (batch.BaseOffset < 0)
        {
            RecordsAckedWithoutOffset += batch.Count;
            return;
        }
        // Acknowledgements usually come in offset order; merge a range that continues the last one, but
        // start a new one every RangeSpan of acknowledgement time so a loss can be dated to that precision.
        _acked.Add(partition, batch.BaseOffset, batch.Count, batch.LeaderEpoch, acks, at, RangeSpan);
        if (_acked.Count >= _forgetAt && EarliestLogStart is { } start)
        {
            _forgottenExpired += _acked.ForgetBelow(start);
            _forgetAt = Math.Max(_forgetAt, 2 * _acked.Count);
        }
    }

    public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
    {
        RecordsFailed += records;
        FailuresByError[error] = FailuresByError.GetValueOrDefault(error) + records;
        FirstFailureAt ??= at;
    }

    public void ProduceRetried(SimTime at, int producerId, int partition, int records, ErrorCode error)
    {
        RecordsRetried += records;
        RetriesByError[error] = RetriesByError.GetValueOrDefault(error) + records;
    }

    /// <summary>
    /// A batch of a client whose records the ledger does not audit (a MirrorMaker 2 task's producer, whose appends it
    /// still checks for duplicates) was acknowledged: its identity goes when it was sent once, since no second copy of it
    /// can be appended, and stays to the end otherwise (<see cref="BatchSentAgain"/>). Without this every such batch's
    /// identity stayed to the end of the run.
    /// </summary>
    public void UnauditedBatchAcked(long clientBatchId)
    {
        if (clientBatchId >= 0) ForgetUnlessSentAgain(clientBatchId);
    }

    /// <summary>
    /// An acknowledged batch's identity goes unless it was sent again (true then, and it stays); one lookup for the
    /// usual case, a batch sent once.
    /// </summary>
    private bool ForgetUnlessSentAgain(long clientBatchId)
    {
        if (!_batches.Remove(clientBatchId, out byte state) || (state & SentAgainBit) == 0) return false;
        _batches[clientBatchId] = state;
        return true;
    }

    public void BatchSentAgain(SimTime at, int producerId, long clientBatchId) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_batches, clientBatchId, out _) |= SentAgainBit;

    /// <summary>Batch identities held for the duplicate check: those unresolved, and those sent again until DuplicateGrace after their acknowledgement.</summary>
    public int BatchIdentitiesHeld => _batches.Count;

    public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
    {
        if (!asLeader || batch.ClientBatchId < 0) return;
        ref byte state = ref CollectionsMarshal.GetValueRefOrAddDefault(_batches, batch.ClientBatchId, out _);
        if ((state & AppendedBit) != 0)
        {
            _duplicateAppends.Add((partition, batch.BaseOffset, batch.Count, batch.LeaderEpoch));
            return;
        }
        state |= AppendedBit;
    }

    /// <summary>
    /// Checks every acknowledged range against <paramref name="finalLog"/> (the log of each partition that survived).
    /// Offsets below that log's start were deleted by retention (or, with a remote tier, are held only there, KIP-405):
    /// they are expired, not lost, and left out of the audit, since a log keeps no epoch for what it deleted.
    /// </summary>
    public AuditResult Audit(Func<int, ReplicaLog?> finalLog)
    {
        var lost = new List<LostRange>();
        long lostRecords = 0, expired = _forgottenExpired;
        ReplicaLog? survivor = null;
        int logOf = -1;
        foreach (var acked in _acked.ByPartition())
        {
            // The surviving log is looked up once per partition, when its first range comes.
            if (acked.Partition != logOf) (survivor, logOf) = (finalLog(acked.Partition), acked.Partition);
            var r = acked;
            if (survivor is not null && r.BaseOffset < survivor.LogStartOffset)
            {
                long gone = Math.Min(r.NextOffset, survivor.LogStartOffset) - r.BaseOffset;
                expired += gone;
                if (gone == r.Count) continue;
                r = r with { BaseOffset = survivor.LogStartOffset, Count = r.Count - gone };
            }
            var (lo, hi) = survivor is null ? (r.BaseOffset, r.BaseOffset) : PresentInterval(survivor, r.BaseOffset, r.NextOffset, r.LeaderEpoch);
            if (hi - lo == r.Count) continue;
            lostRecords += r.Count - (hi - lo);
            // What is missing is the range minus the one interval of it the survivor still holds.
            if (hi == lo) lost.Add(Lost(r, r.BaseOffset, r.Count));
            else
            {
                if (lo > r.BaseOffset) lost.Add(Lost(r, r.BaseOffset, lo - r.BaseOffset));
                if (hi < r.NextOffset) lost.Add(Lost(r, hi, r.NextOffset - hi));
            }
        }
        long duplicates = 0;
        foreach (var d in _duplicateAppends)
        {
            var log = finalLog(d.Partition);
            if (log is not null) duplicates += PresentCount(log, d.Base, d.Base + d.Count, d.Epoch);
        }
        return new AuditResult(RecordsAcked - RecordsAckedWithoutOffset - expired, lostRecords, lost, duplicates) { ExpiredRecords = expired };
    }

    private LostRange Lost(AckedRange r, long from, long count) =>
        new(r.Partition, from, count, r.LeaderEpoch, r.Acks, r.FirstAckedAt, r.LastAckedAt)
        {
            Steps = Explain(r.Partition, from, count, r.LeaderEpoch, r.Acks, r.FirstAckedAt, r.LastAckedAt),
        };

    /// <summary>How many offsets of [from, to) the log holds in <paramref name="epoch"/>.</summary>
    public static long PresentCount(ReplicaLog log, long from, long to, int epoch)
    {
        var (lo, hi) = PresentInterval(log, from, to, epoch);
        return hi - lo;
    }

    /// <summary>
    /// The part of [from, to) the log holds in <paramref name="epoch"/>: one interval, since an epoch
    /// covers one contiguous stretch of a log; empty (lo == hi) when none.
    /// </summary>
    public static (long Lo, long Hi) PresentInterval(ReplicaLog log, long from, long to, int epoch)
    {
        var epochs = log.Epochs;
        for (int i = 0; i < epochs.Count; i++)
        {
            if (epochs[i].Epoch != epoch) continue;
            long start = epochs[i].StartOffset;
            long end = i + 1 < epochs.Count ? epochs[i + 1].StartOffset : log.LogEndOffset;
            long lo = Math.Max(from, start), hi = Math.Min(to, end);
            return hi > lo ? (lo, hi) : (from, from);
        }
        return (from, from);
    }
}

/// <summary>The ledger's verdict: acknowledged records that could be checked, how many are gone and where, and duplicates that survived.</summary>
public sealed record AuditResult(long AuditedRecords, long LostRecords, IReadOnlyList<LostRange> Lost, long DuplicateRecords)
{
    /// <summary>Acknowledged records below the surviving log's start: deleted by retention (or tiered away), neither lost nor audited.</summary>
    public long ExpiredRecords { get; init; }
}
