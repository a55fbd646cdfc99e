using MathNet.Numerics.Distributions;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>How records become batches, without records ever being objects.</summary>
public sealed partial class KafkaProducer
{
    private readonly BatchQueue[] _ready;
    private readonly Accumulating[] _acc;
    private readonly int[] _sequences;
    private int _sticky = -1;
    private double[] _shares = [];

    /// <summary>The workload; accumulation runs only for producers that have one.</summary>
    private WorkloadConfig W => Workload!;

    /// <summary>An open batch: when its first record came and when it will close.</summary>
    private struct Accumulating
    {
        public bool Open;
        public SimTime FirstArrival;
        public int Records;
        /// <summary>When the batch closes unless the sender takes it first.</summary>
        public SimTime CloseAt;
        /// <summary>Whether it closes because it is full (its last record arrives at <see cref="CloseAt"/>) rather than lingered.</summary>
        public bool Fills;
        /// <summary>The arrival rate it was drawn at, records per second.</summary>
        public double Rate;
        public EventHandle Close;
    }

    private void StartAccumulating()
    {
        if (W.ClosedLoop) StartClosedLoop();
        else if (W.Keys > 0)
        {
            _shares = SharesOverVisible();
            var from = Later(W.Start, S.Now);
            for (int i = 0; i < _visible; i++)
            {
                if (_shares[i] > 0) OpenBatch(i, from + NextGap(W.RateAt(from) * _shares[i]));
            }
        }
        else
        {
            var from = Later(W.Start, S.Now);
            _sticky = _rng.Next(_visible);
            OpenBatch(_sticky, from + NextGap(W.RateAt(from)));
        }
    }

    /// <summary>The partition's share of the application's rate now (bursts included); batches are formed at the rate of their opening.</summary>
    private double RateOf(int local)
    {
        double rate = W.RateAt(S.Now);
        return W.Keys > 0 ? rate * _shares[local] : rate;
    }

    private SimDuration NextGap(double rate) => W.Arrivals == ArrivalProcess.Poisson
        ? SimDuration.FromNanosecondsRounded(_rng.NextExponential(1e9 / rate))
        : SimDuration.FromNanosecondsRounded(1e9 / rate);

    /// <summary>
    /// The first record of a batch arrives at <paramref name="at"/>. How many follow before it closes is
    /// drawn now: with rate r and n records filling <c>batch.size</c>, the batch is full after the
    /// (n-1)th further arrival (a Gamma(n-1, r) wait for Poisson arrivals) unless <c>linger.ms</c> ends first,
    /// in which case it holds 1 + Poisson(r x linger) records, capped below n.
    /// </summary>
    /// <param name="closing">The close event of the partition's previous batch, when that batch was cut: it is cancelled,
    /// and its slot in the event queue reused for the new batch's close.</param>
    private void OpenBatch(int local, SimTime at, EventHandle closing = default)
    {
        if (at >= W.Stop)
        {
            S.Cancel(closing);
            return;
        }
        double rate = RateOf(local);
        int full = FullBatchRecords();
        double linger = Config.Linger.TotalSeconds;
        double toFull;
        if (full == 1) toFull = 0;
        else if (W.Arrivals == ArrivalProcess.Poisson) toFull = Gamma.Sample(_rng, full - 1, rate);
        else toFull = (full - 1) / rate;
        int records;
        SimTime closeAt;
        bool fills = toFull <= linger;
        if (fills)
        {
            records = full;
            closeAt = at + SimDuration.FromSeconds(toFull);
        }
        else
        {
            // linger.ms = 0 sends each record as it comes (unless the sender is busy; queued batches merge).
            double expected = rate * linger;
            int more = expected <= 0 ? 0 : W.Arrivals == ArrivalProcess.Poisson ? Poisson.Sample(_rng, expected) : (int)Math.Floor(expected);
            records = 1 + Math.Min(full - 2, more);
            closeAt = at + Config.Linger;
        }
        var close = S.RescheduleAt(closing, closeAt, this, _kClose, local);
        _acc[local] = new Accumulating { Open = true, FirstArrival = at, Records = records, CloseAt = closeAt, Fills = fills, Rate = rate, Close = close };
        _firstArrivals.Enqueue(local, at.Nanoseconds);
        if (_firstArrivals.Count > 2 * _acc.Length + 64) PurgeFirstArrivals();
    }

    /// <summary>Drops the first arrivals of batches closed or cut since (a sender kept from draining leaves them queued).</summary>
    private void PurgeFirstArrivals()
    {
        var live = new List<(int, long)>(_acc.Length);
        foreach (var (local, at) in _firstArrivals.UnorderedItems)
        {
            if (_acc[local].Open && _acc[local].FirstArrival.Nanoseconds == at) live.Add((local, at));
        }
        _firstArrivals.Clear();
        _firstArrivals.EnqueueRange(live);
    }

    private void CloseBatch(int local)
    {
        var a = _acc[local];
        _acc[local].Open = false;
        var now = S.Now;
        bool appended = Emit(local, a.Records, a.FirstArrival, now);
        if (appended) Drain();
        // Sticky partitioning (KIP-480/KIP-794): keyless records move to another partition once a batch closes.
        if (W.Keys == 0 && _visible > 1)
        {
            int next = _rng.Next(_visible - 1);
            _sticky = next >= local ? next + 1 : next;
            OpenBatch(_sticky, now + NextGap(W.RateAt(now)));
        }
        else
        {
            OpenBatch(local, now + NextGap(RateOf(local)));
        }
    }

    /// <summary>
    /// A closed batch of <paramref name="records"/> records goes into the accumulator's ready queue, or waits for
    /// <c>buffer.memory</c>, or fails if larger than the whole buffer. True if it was appended.
    /// </summary>
    private bool Emit(int local, int records, SimTime firstArrival, SimTime now)
    {
        _ctx.Events.Produced(now, Id, records);
        int bytes = BatchBytes(records);
        var createTime = new SimTime((firstArrival.Nanoseconds + now.Nanoseconds) / 2) + _ctx.Network.ClockOffset(Node);
        if (bytes > Config.BufferMemory)
        {
            // Larger than the whole buffer: send() throws at once (KafkaProducer.ensureValidRecordSize).
            _ctx.Events.ProduceFailed(now, Id, _partitions[local].Index, records, ErrorCode.BufferExhausted);
            return false;
        }
        if (_blocked.Count > 0 || BufferedBytes + bytes > Config.BufferMemory)
        {
            // send() blocks until buffer.memory has room (BufferPool.allocate), behind any send already waiting.
            _blocked.Enqueue(new BlockedSend(local, records, bytes, firstArrival, createTime, now));
            return false;
        }
        Append(local, records, bytes, firstArrival, createTime);
        return true;
    }

    /// <summary>
    /// The sender drains a node that is ready (RecordAccumulator.ready: some batch for it is full or has lingered):
    /// RecordAccumulator.drainBatchesForOneNode then takes the first batch of every partition the node leads,
    /// lingered or not, so a partition's open batch leaves with the records it holds so far. Those are drawn here:
    /// for Poisson arrivals, the records the batch was drawn to hold arrive uniformly before it would close (the
    /// last one exactly at its close when it fills), so the count so far is binomial; for fixed gaps it is counted.
    /// The partition then accumulates afresh from its next arrival (memoryless for Poisson; the next fixed gap
    /// otherwise); a keyless producer stays on its sticky partition, since it has not yet filled a batch there.
    /// </summary>
    private void CutOpenBatch(int local, SimTime now)
    {
        var a = _acc[local];
        if (!a.Open || a.FirstArrival > now || now >= a.CloseAt) return;
        int records;
        SimTime next;
        double span = (a.CloseAt - a.FirstArrival).TotalSeconds;
        double elapsed = (now - a.FirstArrival).TotalSeconds;
        if (W.Arrivals == ArrivalProcess.Poisson)
        {
            int uniform = a.Fills ? a.Records - 2 : a.Records - 1;
            records = 1 + (uniform <= 0 || span <= 0 ? 0 : Binomial.Sample(_rng, elapsed / span, uniform));
            next = now + NextGap(a.Rate);
        }
        else
        {
            double gap = 1.0 / a.Rate;
            records = Math.Min(a.Records, 1 + (int)Math.Floor(elapsed / gap));
            next = a.FirstArrival + SimDuration.FromSeconds(records * gap);
        }
        // Its close event is cancelled when the next batch's is scheduled (OpenBatch): nothing between schedules events.
        _acc[local].Open = false;
        Emit(local, records, a.FirstArrival, now);
        OpenBatch(local, next, a.Close);
    }

    private void Append(int local, int records, int bytes, SimTime firstArrival, SimTime createTime)
    {
        var now = S.Now;
        BufferedBytes += bytes;
        var b = RentBatch();
        b.Partition = local;
        b.Count = records;
        b.Bytes = bytes;
        b.FirstRecordTime = firstArrival;
        b.AppendTime = b.RetryAt = now;
        b.CreateTime = createTime;
        b.ClientBatchId = ((long)Id << 40) | _nextBatchId++;
        _ready[local].Add(b);
        MarkActive(local);
    }

    /// <summary>
    /// Records whose <c>send()</c> is blocked while <c>buffer.memory</c> is full, as batches (counts and bytes,
    /// never records), oldest first: BufferPool serves its waiters in order.
    /// </summary>
    private readonly Queue<BlockedSend> _blocked = new();

    private readonly record struct BlockedSend(int Local, int Records, int Bytes, SimTime FirstArrival, SimTime CreateTime, SimTime BlockedSince);

    /// <summary>Memory was freed: blocked sends go into the accumulator, oldest first, while they fit.</summary>
    private void AdmitBlocked()
    {
        bool admitted = false;
        while (_blocked.TryPeek(out var w) && BufferedBytes + w.Bytes <= Config.BufferMemory)
        {
            _blocked.Dequeue();
            Append(w.Local, w.Records, w.Bytes, w.FirstArrival, w.CreateTime);
            admitted = true;
        }
        if (admitted) WakeAt(S.Now);
    }

    /// <summary>
    /// A send blocked for <c>max.block.ms</c> throws (BufferPool.allocate: "Failed to allocate ... within the
    /// configured max blocking time"): its records fail. Each blocked batch stands for sends of the application's
    /// threads waiting side by side, so each has its own deadline from when it was offered.
    /// </summary>
    private void ExpireBlocked()
    {
        var now = S.Now;
        while (_blocked.TryPeek(out var w) && now - w.BlockedSince >= Config.MaxBlock)
        {
            // Reported before it leaves the queue, so that observers still see how long its records waited.
            _ctx.Events.ProduceFailed(now, Id, _partitions[w.Local].Index, w.Records, ErrorCode.BufferExhausted);
            _blocked.Dequeue();
        }
    }

    /// <summary>The process stops: blocked sends are dropped, and reported failed when the application closes the producer.</summary>
    private void DropBlocked(bool report)
    {
        while (_blocked.TryDequeue(out var w))
        {
            if (report) _ctx.Events.ProduceFailed(S.Now, Id, _partitions[w.Local].Index, w.Records, ErrorCode.ProducerClosed);
        }
    }

    /// <summary>
    /// Bytes of <paramref name="records"/> records: each drawn while few, a scaled sample of 32 beyond that; the
    /// records shrink by the compression ratio (the producer compresses whole batches, RecordAccumulator and
    /// MemoryRecordsBuilder), the 61-byte batch header does not.
    /// </summary>
    private int BatchBytes(int records)
    {
        int drawn = Math.Min(records, 32);
        double sum = 0;
        for (int i = 0; i < drawn; i++) sum += Math.Max(1, _recordSize.Sample(_rng));
        return (int)Math.Round(sum * records / drawn * _compressionRatio) + 61;
    }
}
