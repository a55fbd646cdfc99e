using Sim.Architectures.Runtime;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Figures over a long horizon, for stochastic faults: incidents (faults whose windows overlap, each with its
/// RTO and RPO), the share of time writes were accepted, and yearly rates. A write stream (an application's
/// partition) is down while it gets no acknowledgement for longer than its silence threshold: ten times its
/// mean interval between acknowledgements in the steady state after the warm-up, and at least
/// <see cref="RecoveryProbe.AffectedAfter"/>; time an application's own host is down does not count.
/// In hybrid fidelity (<see cref="HybridSchedule"/>) the probe is the steady-state model of the skipped spans:
/// at the end of each detail window it carries every stream's state over the span (a stream silent then stays
/// down through it, and a window that closes with one is counted unsettled) and credits the records the
/// steady state acknowledges in it, at the rate measured after the warm-up. Nothing in the detailed state is
/// changed by a skip, so the next window starts from exactly the state the last one ended in.
/// </summary>
public sealed class HorizonProbe(RunContext context, LossProbe loss) : IRunProbe, IEventHandler
{
    private const double SecondsPerYear = 365.25 * 86400;

    private RunContext Context => context;

    private readonly Dictionary<StreamKey, Stream> _streams = [];
    private readonly List<(StreamKey Key, SimTime From, SimTime To, double SkippedS)> _silences = [];
    private readonly Dictionary<string, List<(SimTime Start, SimTime End)>> _appDown = new(StringComparer.Ordinal);
    private int _kHandover = -1, _unsettled;
    private long _steadyAcked;
    private double _skippedAcked, _skippedDownStreamS;
    private HybridSchedule? _hybrid;

    /// <summary>The records the steady state acknowledged in the skipped spans (the fluid model's credit).</summary>
    public double SkippedRecordsAcked => _skippedAcked;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public void Start()
    {
        context.OnFaultChanged((_, _) => NoteApps());
        _hybrid = context.Hybrid;
        if (_hybrid is null) return;
        _kHandover = context.Simulation.Scheduler.Kinds.Register("hybrid:skip");
        for (int i = 0; i < _hybrid.SkippedSpans.Count; i++) context.Simulation.Scheduler.ScheduleAt(_hybrid.SkippedSpans[i].DetailAt, this, _kHandover, i);
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
            if (now - s.Last <= s.Threshold) continue;
            down++;
            s.SkippedWhileSilent += span.Length.TotalSeconds;
        }
        if (down > 0) _unsettled++;
        _skippedDownStreamS += down * span.Length.TotalSeconds;
        double steadyS = (SteadyEnd - context.WarmupEnd).TotalSeconds;
        double rate = steadyS > 0 ? _steadyAcked / steadyS : 0;
        _skippedAcked += all == 0 ? 0 : rate * span.Length.TotalSeconds * (all - down) / all;
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

    private void Acked(StreamKey key, SimTime at, int records)
    {
        if (!context.Measuring(at)) return;
        if (at <= SteadyEnd) _steadyAcked += records;
        if (!_streams.TryGetValue(key, out var s))
        {
            _streams[key] = new Stream { Last = at, First = at, Acks = 1 };
            return;
        }
        if (at <= SteadyEnd) s.Acks++;
        if (at - s.Last > s.Threshold)
        {
            _silences.Add((key, s.Last, at, s.SkippedWhileSilent));
        }
        s.SkippedWhileSilent = 0;
        s.Last = at;
        if (at <= SteadyEnd) s.Threshold = Threshold(s, at);
    }

    private static SimDuration Threshold(Stream s, SimTime now)
    {
        double mean = s.Acks > 1 ? (now - s.First).TotalSeconds / (s.Acks - 1) : 0;
        return SimDuration.Max(RecoveryProbe.AffectedAfter, SimDuration.FromSeconds(10 * mean));
    }

    public RunResult Contribute(RunResult result)
    {
        var end = context.Now;
        var silences = new List<(StreamKey Key, SimTime From, SimTime To, double SkippedS, bool Open)>(_silences.Select(x => (x.Key, x.From, x.To, x.SkippedS, false)));
        foreach (var (key, s) in _streams.OrderBy(kv => kv.Key))
        {
            if (end - s.Last > s.Threshold) silences.Add((key, s.Last, end, s.SkippedWhileSilent, true));
        }
        var horizon = _hybrid?.Horizon ?? context.End;
        double measuredS = (horizon - context.WarmupEnd).TotalSeconds;
        double downStreamS = _skippedDownStreamS;
        foreach (var x in silences) downStreamS += Math.Max(0, (x.To - x.From).TotalSeconds - AppDownWithin(x.Key.App, x.From, x.To));
        int streams = _streams.Count;
        double availability = streams == 0 || measuredS <= 0 ? 1 : Math.Max(0, 1 - downStreamS / (streams * measuredS));
        var incidents = Incidents();
        var rtos = new double[incidents.Count];
        var rpos = new double[incidents.Count];
        foreach (var x in silences)
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
        return result.With(
            (MetricCatalog.Incidents, incidents.Count), (MetricCatalog.IncidentRtoP50, Percentile(rtos, 0.5)), (MetricCatalog.IncidentRtoMax, rtos.DefaultIfEmpty(0).Max()),
            (MetricCatalog.IncidentRpoMax, rpos.DefaultIfEmpty(0).Max()), (MetricCatalog.TimeAvailability, availability),
            (MetricCatalog.DowntimeMinPerYear, (1 - availability) * SecondsPerYear / 60), (MetricCatalog.AckedRecordsLostPerYear, years > 0 ? lost / years : 0),
            (MetricCatalog.SimulatedS, (horizon - SimTime.Zero).TotalSeconds), (MetricCatalog.HybridUnsettledWindows, _unsettled));
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

    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private sealed class Stream
    {
        public SimTime First, Last;
        public long Acks;
        public SimDuration Threshold = RecoveryProbe.AffectedAfter;
        public double SkippedWhileSilent;
    }

    private sealed class View(HorizonProbe p, string cluster) : IKafkaObserver
    {
        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app) return;
            var info = p.Context.Cluster(cluster).Context.Partitions[partition];
            p.Acked(new StreamKey(app.Name, cluster, info.Topic.Name, info.NumberInTopic), at, batch.Count);
        }
    }
}
