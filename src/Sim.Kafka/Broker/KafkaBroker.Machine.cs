using Sim.Core.Distributions;
using Sim.Core.Queueing;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Hardware;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The broker's machine: the CPU time each request costs on the cores its thread pools share, the page
/// cache its appends and reads go through, and JVM garbage-collection pauses. The costs are the
/// simulator's model (docs/hardware.md); what they approximate is named at each one.
/// </summary>
public sealed partial class KafkaBroker
{
    private readonly int _kGc, _kDiskRead;
    private readonly Distribution _gcPause;
    private readonly RngStream _gcRng;
    private EventHandle _gcTimer;

    /// <summary>The machine's cores, shared by the network threads, the request handlers and GC pauses.</summary>
    public FifoServer Cores { get; }

    /// <summary>The page cache over the broker's log disks.</summary>
    public PageCache PageCache { get; }

    private static long KiB(long bytes) => (bytes + 1023) / 1024;

    /// <summary>
    /// Network-thread CPU for a request: reading and parsing it (<c>sim.network.thread.cost</c>), and under
    /// TLS decrypting its bytes (SslTransportLayer unwraps every byte read).
    /// </summary>
    private SimDuration NetworkCpu(KafkaMessage request)
    {
        var cfg = Context.Broker;
        var t = cfg.NetworkThreadCost;
        if (cfg.Tls) t += cfg.TlsCostPerKiB * KiB(request.SizeBytes);
        return t;
    }

    /// <summary>
    /// Request-handler CPU: a fixed cost and a cost per KiB carried; for a produce, the append into the page
    /// cache (<c>sim.disk.append.latency</c>, a memory copy), and for compressed batches the decompression
    /// LogValidator does to validate them, plus recompression when the broker's compression.type names
    /// another codec (LogValidator.validateMessagesAndAssignOffsetsCompressed).
    /// </summary>
    private SimDuration HandlerCpu(KafkaMessage m)
    {
        var cfg = Context.Broker;
        var t = cfg.RequestCost + cfg.CostPerKiB * (m.SizeBytes / 1024);
        if (m is ProduceRequest produce)
        {
            if (_diskLatency is not null) t += _diskLatency.SampleDuration(_diskRng);
            if (produce.Compression != CompressionType.None)
            {
                var codec = CodecProfile.Of(produce.Compression);
                double uncompressedKiB = produce.SizeBytes / 1024.0 / produce.CompressionRatio;
                double ns = uncompressedKiB * codec.DecompressNsPerKiB;
                if (cfg.CompressionType is not CompressionType.Producer && cfg.CompressionType != produce.Compression)
                    ns += uncompressedKiB * CodecProfile.Of(cfg.CompressionType).CompressNsPerKiB;
                t += SimDuration.FromNanosecondsRounded(ns);
            }
        }
        return t;
    }

    /// <summary>
    /// How long a handler thread stays blocked after its CPU work without using a core: for a produce, a
    /// write-back stall when the page cache is full of dirty bytes, an fsync when every append is flushed,
    /// and a slow disk (a fault). The bytes are taken into the page cache when the handler takes the request.
    /// </summary>
    private SimDuration HandlerHold(KafkaMessage m)
    {
        if (m is not ProduceRequest) return SimDuration.Zero;
        var cfg = Context.Broker;
        var t = new SimDuration(PageCache.Append(S.Now.Nanoseconds, m.SizeBytes));
        return t + FlushHold() + SlowDiskLatency;
    }

    /// <summary>
    /// When every append is flushed (<c>log.flush.interval.messages</c> 1, or a topic's <c>flush.messages</c> 1), how
    /// long the appending thread waits in the fsync: write-back of the dirty bytes (<see cref="PageCache.Flush"/>), then
    /// the device's own flush (<c>sim.disk.fsync.latency</c>, none unless given). Kafka 2.5+ Log.append → flush() →
    /// LogSegment.flush → FileChannel.force, on the request handler for a leader and the replica fetcher for a follower.
    /// </summary>
    private SimDuration FlushHold()
    {
        if (!Context.Broker.FlushEveryAppend) return SimDuration.Zero;
        var t = new SimDuration(PageCache.Flush(S.Now.Nanoseconds));
        if (_fsyncLatency is not null) t += _fsyncLatency.SampleDuration(_diskRng);
        return t;
    }

    /// <summary>
    /// CPU work no request waits for, done on the broker's cores: writing a response out (encrypting it under
    /// TLS, since zero-copy is lost), a replica fetcher applying what it fetched.
    /// </summary>
    internal void ChargeCpu(SimDuration work)
    {
        if (work > SimDuration.Zero) Cores.Submit(work, null);
    }

    /// <summary>CPU to send a response of <paramref name="bytes"/>: with TLS, encryption (no sendfile); without, zero-copy costs nothing per byte.</summary>
    private void ChargeResponse(int bytes)
    {
        if (Context.Broker.Tls) ChargeCpu(Context.Broker.TlsCostPerKiB * KiB(bytes));
    }

    /// <summary>A follower's fetcher appended <paramref name="bytes"/>: CPU to copy them in, and how long a write-back stall or an fsync holds it.</summary>
    internal SimDuration FollowerAppend(int bytes)
    {
        var cfg = Context.Broker;
        ChargeCpu(cfg.CostPerKiB * KiB(bytes) + (cfg.Tls ? cfg.TlsCostPerKiB * KiB(bytes) : SimDuration.Zero));
        return new SimDuration(PageCache.Append(S.Now.Nanoseconds, bytes)) + FlushHold();
    }

    // ---- JVM garbage collection ----

    private void ScheduleGc()
    {
        if (!Context.Broker.GcPausesEnable) return;
        double mean = Context.Broker.GcInterval.Nanoseconds;
        _gcTimer = S.Schedule(SimDuration.FromNanosecondsRounded(-mean * Math.Log(_gcRng.NextDoubleNonZero())), this, _kGc);
    }

    /// <summary>
    /// A stop-the-world collection: every core is taken for the pause, so no request thread runs until it
    /// ends. Kafka's operations documentation ("Java Version") reports G1 on a busy LinkedIn cluster at
    /// "90% GC pause time of about 21ms with less than 1 young GC per second"; the default (median 10 ms,
    /// p99 35 ms, one every 2 s on average) matches that p90.
    /// </summary>
    private void PauseForGc()
    {
        var pause = _gcPause.SampleDuration(_gcRng);
        for (int i = 0; i < Cores.Servers; i++) Cores.Submit(pause, null);
        GcPauses++;
        GcPauseTime += pause;
        ScheduleGc();
    }

    // ---- CPU stress beside the broker (a fault) ----

    private readonly Stack<CpuHog> _hogs = new();

    /// <summary>CPU hogs running on this broker's host now (a <c>cpu-throttle</c> fault).</summary>
    public int CpuHogs => _hogs.Count;

    /// <summary>Starts <paramref name="count"/> CPU-bound processes on the host (<see cref="CpuHog"/>); they outlive a broker restart, as a process beside it would.</summary>
    public void StartCpuHogs(int count)
    {
        for (int i = 0; i < count; i++)
        {
            var hog = new CpuHog(Cores);
            _hogs.Push(hog);
            hog.Start();
        }
    }

    /// <summary>Stops the last <paramref name="count"/> hogs started.</summary>
    public void StopCpuHogs(int count)
    {
        for (int i = 0; i < count && _hogs.Count > 0; i++) _hogs.Pop().Stop();
    }

    public long GcPauses { get; private set; }
    public SimDuration GcPauseTime { get; private set; }

    // ---- reads from disk ----

    /// <summary>A fetch response waiting for its data to be read from disk.</summary>
    private sealed record DiskRead(FetchRequest Request, List<FetchResult> Results, int Incarnation);

    /// <summary>
    /// How long reading <paramref name="results"/> takes: nothing when they are in the page cache, otherwise
    /// the disk read of those older than what the cache holds.
    /// </summary>
    private long ReadDelayNs(List<FetchResult> results)
    {
        long delay = 0;
        foreach (var r in results)
        {
            if (r.Batches is not { Count: > 0 } batches) continue;
            long bytes = 0;
            foreach (var b in batches) bytes += b.Bytes;
            delay = Math.Max(delay, PageCache.Read(S.Now.Nanoseconds, bytes, batches[0].AppendTime.Nanoseconds));
        }
        return delay;
    }

    private void FinishDiskRead(DiskRead read)
    {
        if (read.Incarnation != _incarnation) return;
        SendFetchResponse(read.Request, read.Results);
    }
}
