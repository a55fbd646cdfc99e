using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>
/// The closed-loop application (<c>rate: max</c>, kafka-producer-perf-test <c>--throughput -1</c>): it calls <c>send()</c>
/// in a loop, so every batch fills to <c>batch.size</c> at once (RecordAccumulator marks a full batch ready without
/// waiting for <c>linger.ms</c>), and the application runs ahead until <c>buffer.memory</c> is full, where <c>send()</c>
/// blocks (BufferPool.allocate). Memory comes back only when batches are acknowledged, so throughput is what the
/// Sender's <c>max.in.flight.requests.per.connection</c>, the brokers and acknowledgements allow.
/// </summary>
public sealed partial class KafkaProducer
{
    /// <summary>Bytes appended per partition so far, to spread keyed records in proportion to each partition's key share.</summary>
    private double[] _closedLoopBytes = [];

    /// <summary>The next full batch (its partition and drawn size), kept until buffer.memory has room for it.</summary>
    private (int Local, int Bytes)? _nextFull;

    private bool ClosedLoop => Workload is { ClosedLoop: true };

    private void StartClosedLoop()
    {
        _closedLoopBytes = new double[_partitions.Length];
        if (W.Keys > 0) _shares = SharesOverVisible();
        else _sticky = _rng.Next(_visible);
        WakeAt(Later(W.Start, S.Now));
    }

    /// <summary>
    /// The application's blocked <c>send()</c> resumes: full batches are appended while buffer.memory has room for
    /// them, between the workload's start and stop.
    /// </summary>
    private void TopUp()
    {
        var now = S.Now;
        if (_closing || _visible == 0 || now < W.Start || now >= W.Stop) return;
        int full = FullBatchRecords();
        while (true)
        {
            _nextFull ??= (NextClosedLoopPartition(), BatchBytes(full));
            var (local, bytes) = _nextFull.Value;
            if (BufferedBytes + bytes > Config.BufferMemory) return;
            _nextFull = null;
            _ctx.Events.Produced(now, Id, full);
            Append(local, full, bytes, now, now + _ctx.Network.ClockOffset(Node));
            _closedLoopBytes[local] += bytes;
        }
    }

    /// <summary>
    /// Keyless records go to the sticky partition, which moves on with every batch (KIP-480: a new partition once a batch
    /// is full); keyed records go where the key space sends them, to the partition furthest behind its share.
    /// </summary>
    private int NextClosedLoopPartition()
    {
        if (W.Keys == 0)
        {
            int current = _sticky;
            if (_visible > 1)
            {
                int next = _rng.Next(_visible - 1);
                _sticky = next >= current ? next + 1 : next;
            }
            return current;
        }
        int best = -1;
        double bestLoad = double.MaxValue;
        for (int i = 0; i < _partitions.Length; i++)
        {
            if (_shares[i] <= 0) continue;
            double load = _closedLoopBytes[i] / _shares[i];
            if (load < bestLoad) { best = i; bestLoad = load; }
        }
        return best;
    }

    /// <summary>Records that fill <c>batch.size</c> at the mean record size (at least one).</summary>
    private int FullBatchRecords() => Math.Max(1, (int)(Config.BatchSize / Math.Max(1.0, _recordSize.Mean)));
}
