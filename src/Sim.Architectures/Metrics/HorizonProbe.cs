using Sim.Architectures.Applications;
using Sim.Architectures.Runtime;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Figures over a long horizon, for stochastic faults: incidents (faults whose windows overlap, each with its
/// RTO and RPO), the share of time writes were accepted, and yearly rates. A write stream (an application's
/// partition) is down while a record of it waits for its acknowledgement longer than
/// <see cref="RecoveryProbe.AffectedAfter"/>: from when the application sent the oldest such record until it is
/// acknowledged or fails (the producer's latency runs from there, as Kafka's send callback does). A stream that
/// simply has nothing to send is idle, not down, however long its gap between acknowledgements; time an
/// application's own host is down does not count.
/// In hybrid fidelity (<see cref="HybridSchedule"/>) the probe is the steady-state model of the skipped spans:
/// at the end of each detail window it carries every stream's state over the span (a stream whose producer holds a
/// record unacknowledged for longer than that stays down through it, and the window is counted unsettled) and
/// credits the records the steady state acknowledges in it, at the rate measured after the warm-up, and the bytes
/// between zones and regions it carries (so a run's totals and transfer cost cover the horizon). Nothing in the
/// detailed state is changed by a skip, so the next window starts from exactly the state the last one ended in.
/// </summary>
public sealed class HorizonProbe(RunContext context, LossProbe loss, TransferProbe transfer) : IRunProbe, IEventHandler
{
    private const double SecondsPerYear = 365.25 * 86400;

    private RunContext Context => context;

    private readonly Dictionary<StreamKey, Stream> _streams = [];
    private readonly List<(StreamKey Key, SimTime From, SimTime To, double SkippedS)> _outages = [];
    private readonly Dictionary<string, List<(SimTime Start, SimTime End)>> _appDown = new(StringComparer.Ordinal);
    private int _kHandover = -1, _unsettled;
    private long _steadyAcked;
    private double _skippedAcked, _skippedDownStreamS;
    // Bytes between zones and between regions in the steady state after the warm-up (to the first skip), and those credited to the skipped spans.
    private (long CrossZone, long CrossRegion)? _steadyBytes;
    private double _skippedCrossZone, _skippedCrossRegion;
    private HybridSchedule? _hybrid;
    private readonly List<EventHandle> _handovers = [];

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public void Start()
    {
        context.OnFaultChanged((_, _) => NoteApps());
        _hybrid = context.Hybrid;
        if (_hybrid is null) return;
        _kHandover = context.Simulation.Scheduler.Kinds.Register("hybrid:skip");
        for (int i = 0; i < _hybrid.SkippedSpans.Count; i++) _handovers.Add(context.Simulation.Scheduler.ScheduleAt(_hybrid.SkippedSpans[i].DetailAt, this, _kHandover, i));
    }

    /// <summary>
    /// Window <paramref name="index"/> closed early (<see cref="HybridCloser"/>): the span after it is handed over now, and
    /// every later one where it now lies on the detailed clock.
    /// </summary>
    public void WindowClosed(int index)
    {
        var s = context.Simulation.Scheduler;
        for (int i = index; i < _handovers.Count; i++)
        {
            if (s.Cancel(_handovers[i])) _handovers[i] = s.ScheduleAt(_hybrid!.SkippedSpans[i].DetailAt, this, _kHandover, i);
        }
    }

    /// <summary>Whether a write stream of a running application has a record waiting longer than its threshold at <paramref name="now"/>.</summary>
    public bool AnyStreamWaiting(SimTime now)
    {
        foreach (var (key, s) in _streams)
        {
            if (s.Producer is not null && WaitingSince(s, now) is not null && !AppDownAt(key.App, now)) return true;
        }
        return false;
    }

    /// <summary>The end of the steady part after the warm-up: the first detail window's end, or the first fault.</summary>
    private SimTime SteadyEnd => _hybrid is { } h ? h.DetailWindows[0].DetailEnd
        : context.PlannedFaults.Count > 0 && context.PlannedFaults[0].At > context.WarmupEnd ? context.PlannedFaults[0].At : context.End;

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        var span = _hybrid!.SkippedSpans[(int)ev.Arg];
        var now = scheduler.Now;
        int down = 0, all = 0;
        foreach (var (key, s) in _streams)
        {
            if (AppDownAt(key.App, now)) continue;
            all++;
            if (WaitingSince(s, now) is null) continue;
            down++;
            s.SkippedDown.Add((now, span.Length.TotalSeconds));
        }
        if (down > 0) _unsettled++;
        _skippedDownStreamS += down * span.Length.TotalSeconds;
        double steadyS = (SteadyEnd - context.WarmupEnd).TotalSeconds;
        double rate = steadyS > 0 ? _steadyAcked / steadyS : 0;
        double up = all == 0 ? 0 : span.Length.TotalSeconds * (all - down) / all;
        _skippedAcked += rate * up;
        // The traffic of the steady state (replication, clients, mirrors) goes on through the span as its writes do.
        if (_steadyBytes is null && now >= SteadyEnd) { var (z, r, _) = transfer.SinceWarmup(); _steadyBytes = (z, r); }
        if (_steadyBytes is { } b && steadyS > 0)
        {
            _skippedCrossZone += b.CrossZone / steadyS * up;
            _skippedCrossRegion += b.CrossRegion / steadyS * up;
        }
    }

    private void NoteApps()
    {
        var now = context.Now;
        foreach (var app in context.Apps)
        {
            if (!_appDown.TryGetValue(app.Name, out var list)) _appDown[app.Name] = list = [];
            bool open = list.Count > 0 && list[^1].End == SimTime.MaxValue;
            if (app.Suspended && !open) list.Add((now, SimTime.MaxValue));
            else if (!app.Suspended && open) list[^1] = (list[^1].Start, now);
        }
    }

    private bool AppDownAt(string app, SimTime at) => _appDown.TryGetValue(app, out var l) && l.Any(w => at >= w.Start && at < w.End);

    private double AppDownWithin(string app, SimTime from, SimTime to)
    {
        if (!_appDown.TryGetValue(app, out var l)) return 0;
        double s = 0;
        foreach (var (a, b) in l)
        {
            var lo = a > from ? a : from;
            var hi = b < to ? b : to;
            if (hi > lo) s += (hi - lo).TotalSeconds;
        }
        return s;
    }

    /// <summary>When the oldest record the stream's producer holds was sent, if longer than the threshold ago; null otherwise.</summary>
    private static SimTime? WaitingSince(Stream s, SimTime now) =>
        s.Producer!.OldestUnacknowledged(s.Partition) is { } oldest && now - oldest > s.Threshold ? oldest : null;

    private Stream StreamOf(StreamKey key, ref Stream? known, string cluster, int producerId, int partition)
    {
        if (known is not { } s && !_streams.TryGetValue(key, out s)) _streams[key] = s = new Stream();
        known = s;
        if (s.Producer is null || s.Producer.Id != producerId || s.Cluster != cluster) (s.Producer, s.Cluster) = (ProducerOf(cluster, producerId), cluster);
        s.Partition = partition;
        return s;
    }

    private void Acked(StreamKey key, ref Stream? known, string cluster, int producerId, int partition, SimTime at, int records, SimDuration latency)
    {
        if (!context.Measuring(at)) return;
        if (at <= SteadyEnd) _steadyAcked += records;
        var s = StreamOf(key, ref known, cluster, producerId, partition);
        if (latency > s.Threshold) Down(key, s, at - latency, at);
        if (at > SteadyEnd) return;
        s.SteadyLatencyS += latency.TotalSeconds;
        s.SteadyAcks++;
        s.Threshold = SimDuration.Max(RecoveryProbe.AffectedAfter, SimDuration.FromSeconds(10 * s.SteadyLatencyS / s.SteadyAcks));
    }

    private void Failed(StreamKey key, ref Stream? known, string cluster, int producerId, int partition, SimTime at)
    {
        if (!context.Measuring(at)) return;
        var s = StreamOf(key, ref known, cluster, producerId, partition);
        // Reported while the producer still holds the failing records, so the oldest it holds is where they waited from.
        var from = s.Producer!.OldestUnacknowledged(partition) ?? at;
        if (at - from > s.Threshold) Down(key, s, from, at);
    }

    /// <summary>Records of the stream waited from <paramref name="from"/> to <paramref name="to"/>: merged with an outage they overlap.</summary>
    private void Down(StreamKey key, Stream s, SimTime from, SimTime to)
    {
        if (from < context.WarmupEnd) from = context.WarmupEnd;
        // Time an earlier outage already counted is not counted twice (a late failure on a cluster the application left).
        if (from < s.CountedTo) from = s.CountedTo;
        if (to <= from) return;
        if (s.Outage is { } o && from <= o.To)
        {
            s.Outage = (o.From < from ? o.From : from, o.To > to ? o.To : to);
            return;
        }
        Close(key, s);
        s.Outage = (from, to);
    }

    /// <summary>Ends the stream's outage in progress, with the skipped spans it was down through.</summary>
    private void Close(StreamKey key, Stream s)
    {
        if (s.Outage is not { } o) return;
        double skipped = 0;
        foreach (var (at, length) in s.SkippedDown)
        {
            if (at >= o.From && at <= o.To) skipped += length;
        }
        _outages.Add((key, o.From, o.To, skipped));
        s.Outage = null;
        s.CountedTo = o.To;
    }

    public RunResult Contribute(RunResult result)
    {
        var end = context.Now;
        foreach (var (key, s) in _streams.OrderBy(kv => kv.Key))
        {
            // Records still waiting at the end: down from the oldest of them to the end.
            if (WaitingSince(s, end) is { } oldest) Down(key, s, oldest, end);
            Close(key, s);
        }
        var horizon = _hybrid?.Horizon ?? context.End;
        double measuredS = (horizon - context.WarmupEnd).TotalSeconds;
        double downStreamS = _skippedDownStreamS;
        foreach (var x in _outages) downStreamS += Math.Max(0, (x.To - x.From).TotalSeconds - AppDownWithin(x.Key.App, x.From, x.To));
        int streams = _streams.Count;
        double availability = streams == 0 || measuredS <= 0 ? 1 : Math.Max(0, 1 - downStreamS / (streams * measuredS));
        var incidents = Incidents();
        var rtos = new double[incidents.Count];
        var rpos = new double[incidents.Count];
        foreach (var x in _outages)
        {
            if (AppDownWithin(x.Key.App, x.From, x.To) > 0) continue;
            int i = incidents.FindLastIndex(w => x.From >= w.Start - RecoveryProbe.AffectedAfter && x.From <= w.End);
            if (i < 0) continue;
            rtos[i] = Math.Max(rtos[i], (x.To - incidents[i].Start).TotalSeconds + x.SkippedS);
        }
        foreach (var l in loss.LostRanges())
        {
            int i = incidents.FindIndex(w => w.Start >= l.Range.FirstAckedAt);
            if (i < 0) i = incidents.Count - 1;
            if (i >= 0) rpos[i] = Math.Max(rpos[i], Math.Max(0, (incidents[i].Start - l.Range.FirstAckedAt).TotalSeconds));
        }
        double years = measuredS / SecondsPerYear;
        double lost = result.Metrics.GetValueOrDefault(MetricCatalog.AckedRecordsLost.Name);
        if (_hybrid is not null) result = Credited(result);
        return result.With(
            (MetricCatalog.Incidents, incidents.Count), (MetricCatalog.IncidentRtoP50, Percentile(rtos, 0.5)), (MetricCatalog.IncidentRtoMax, rtos.DefaultIfEmpty(0).Max()),
            (MetricCatalog.IncidentRpoMax, rpos.DefaultIfEmpty(0).Max()), (MetricCatalog.TimeAvailability, availability),
            (MetricCatalog.DowntimeMinPerYear, (1 - availability) * SecondsPerYear / 60), (MetricCatalog.AckedRecordsLostPerYear, years > 0 ? lost / years : 0),
            (MetricCatalog.SimulatedS, (horizon - SimTime.Zero).TotalSeconds), (MetricCatalog.HybridUnsettledWindows, _unsettled));
    }

    /// <summary>
    /// The run's totals over the horizon: the records and the bytes between zones and regions the steady state
    /// carries in the skipped spans, added to the detail windows' (the transfer cost priced again on the sums).
    /// </summary>
    private RunResult Credited(RunResult result)
    {
        long credit = (long)Math.Round(_skippedAcked);
        var (crossZone, crossRegion, _) = transfer.SinceWarmup();
        return result
            .Replaced((MetricCatalog.RecordsProduced, result.RecordsProduced + credit), (MetricCatalog.RecordsAcked, result.RecordsAcked + credit))
            .Replaced(TransferProbe.Figures(crossZone + (long)Math.Round(_skippedCrossZone), crossRegion + (long)Math.Round(_skippedCrossRegion), context.Options.Prices));
    }

    /// <summary>The incidents: faults that began, grouped while each begins before the last one's end plus the hybrid window's tail.</summary>
    private List<(SimTime Start, SimTime End)> Incidents()
    {
        var after = (context.Options.Hybrid ?? HybridOptions.Default).After;
        var list = new List<(SimTime Start, SimTime End)>();
        foreach (var w in context.FaultWindows.Where(w => w.Hit.Nodes.Count > 0 || w.Hit.Zones.Count > 0).OrderBy(w => w.Start))
        {
            var end = (w.End ?? context.Now) + after;
            // Grouped on the horizon: in hybrid fidelity two faults a skipped span apart are apart by that span too.
            bool joins = list.Count > 0 && (_hybrid is { } h ? h.ToHorizon(w.Start) <= h.ToHorizon(list[^1].End) && !Skipped(list[^1].Start, w.Start) : w.Start <= list[^1].End);
            if (joins) list[^1] = (list[^1].Start, end > list[^1].End ? end : list[^1].End);
            else list.Add((w.Start, end));
        }
        return list;
    }

    /// <summary>Whether a skipped span lies between two instants of the detailed clock.</summary>
    private bool Skipped(SimTime a, SimTime b) => _hybrid!.SkippedSpans.Any(x => x.DetailAt > a && x.DetailAt < b);

    private KafkaProducer ProducerOf(string cluster, int producerId)
    {
        foreach (var producer in context.Cluster(cluster).Producers)
        {
            if (producer.Id == producerId) return producer;
        }
        throw new InvalidOperationException($"no producer {producerId} in cluster {cluster}");
    }

    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private sealed class Stream
    {
        /// <summary>The producer that last acknowledged or failed the stream's records, and its partition index.</summary>
        public KafkaProducer? Producer;
        public string Cluster = "";
        public int Partition;
        /// <summary>Ten times the mean latency of its acknowledgements in the steady state after the warm-up, and at least 1 s.</summary>
        public SimDuration Threshold = RecoveryProbe.AffectedAfter;
        public double SteadyLatencyS;
        public long SteadyAcks;
        /// <summary>The outage in progress: records waited over the threshold from its start to its end so far.</summary>
        public (SimTime From, SimTime To)? Outage;
        /// <summary>The end of the last outage closed.</summary>
        public SimTime CountedTo;
        /// <summary>The detail windows' ends at which the stream was down, with the span skipped after each.</summary>
        public readonly List<(SimTime At, double Length)> SkippedDown = [];
    }

    /// <summary>
    /// An application's writes to one partition number of a topic, whichever cluster takes them: an application
    /// that moves to another cluster (failover) keeps its streams, down from its first record left waiting on the
    /// old cluster until the new one acknowledges promptly.
    /// </summary>
    private static StreamKey WriteStream(string app, string topic, int partition) => new(app, "", topic, partition);

    private sealed class View(HorizonProbe p, string cluster) : IKafkaObserver
    {
        // Each (producer, partition)'s write stream, with the application it was looked up for (the stream once known).
        private readonly ProducerPartitionTable<Known> _known = new();

        private sealed class Known(Application app, StreamKey key)
        {
            public readonly Application App = app;
            public readonly StreamKey Key = key;
            public Stream? Stream;
        }

        private Known? KnownOf(int producerId, int partition)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app) return null;
            ref var k = ref _known.Slot(producerId, partition);
            if (k is not null && ReferenceEquals(k.App, app)) return k;
            var info = p.Context.Cluster(cluster).Context.Partitions[partition];
            return k = new Known(app, WriteStream(app.Name, info.Topic.Name, info.NumberInTopic));
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (KnownOf(producerId, partition) is { } k) p.Acked(k.Key, ref k.Stream, cluster, producerId, partition, at, batch.Count, latency);
        }

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (KnownOf(producerId, partition) is { } k) p.Failed(k.Key, ref k.Stream, cluster, producerId, partition, at);
        }
    }
}
