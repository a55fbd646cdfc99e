using Sim.Architectures.Applications;
using Sim.Architectures.Faults;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Producer and consumer RTO: the time from the first fault to the first write (or delivery) of the slowest
/// affected application stream, and its parts: detection (to the fencing of a broker, or a failover
/// declaration), election (to the partition's new leader), redirection (to the application's switch of
/// cluster) and propagation (the rest: clients learning the new metadata and retrying).
/// </summary>
public sealed class RecoveryProbe(RunContext context, PartitionProbe partitions) : IRunProbe
{
    private RunContext Context => context;

    /// <summary>A stream whose first write (or delivery) after a fault comes later than this was affected by it.</summary>
    public static readonly SimDuration AffectedAfter = SimDuration.FromSeconds(1);

    /// <summary>A stream was active at a fault when it had an event less than this before it.</summary>
    public static readonly SimDuration ActiveWithin = SimDuration.FromSeconds(5);

    private readonly Dictionary<StreamKey, List<SimTime>> _produceStreams = [];
    private readonly Dictionary<StreamKey, List<SimTime>> _consumeStreams = [];
    private readonly HashSet<string> _appsDown = new(StringComparer.Ordinal);

    /// <summary>Per application stream active at the first fault: its first write after it, if any (filled when the result is measured).</summary>
    public List<(StreamKey Stream, SimTime? FirstAfterFault)> ProducerStreams { get; } = [];

    /// <summary>The same for deliveries to consumer applications.</summary>
    public List<(StreamKey Stream, SimTime? FirstAfterFault)> ConsumerStreams { get; } = [];

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    /// <summary>Acknowledgement and delivery times recorded so far, and how many of them are still held (memory).</summary>
    public (long Recorded, long Held) TimesKept =>
        (_recorded, _produceStreams.Values.Concat(_consumeStreams.Values).Sum(t => (long)t.Count));

    private long _recorded;

    // Whether a fault began, and then the first fault's start plus AffectedAfter: past it a stream keeps no more times.
    private bool _faulted;
    private SimTime _keepUpTo;

    public void Start() => context.OnFaultChanged(FaultChanged);

    private void FaultChanged(FaultWindow w, bool began)
    {
        foreach (var app in context.Apps.Where(a => a.Suspended)) _appsDown.Add(app.Name);
    }

    public RunResult Contribute(RunResult result)
    {
        var faultStart = context.FaultWindows.Count > 0 ? context.FaultWindows[0].Start : (SimTime?)null;
        var producer = faultStart is { } f1 ? Recovery(_produceStreams, f1, ProducerStreams) : RecoveryTime.None;
        var consumer = faultStart is { } f2 ? Recovery(_consumeStreams, f2, ConsumerStreams) : RecoveryTime.None;
        return result.With(
            (MetricCatalog.RtoS, producer.Seconds), (MetricCatalog.RtoDetectionS, producer.DetectionS), (MetricCatalog.RtoElectionS, producer.ElectionS),
            (MetricCatalog.RtoPropagationS, producer.PropagationS), (MetricCatalog.RtoRedirectionS, producer.RedirectionS),
            (MetricCatalog.RtoStreamsAffected, producer.AffectedStreams), (MetricCatalog.RtoRecovered, producer.Recovered ? 1 : 0),
            (MetricCatalog.ConsumerRtoS, consumer.Seconds)) with { ProducerRto = producer, ConsumerRto = consumer };
    }

    private RecoveryTime Recovery(Dictionary<StreamKey, List<SimTime>> streams, SimTime fault, List<(StreamKey, SimTime?)> log)
    {
        var end = context.Now;
        double worst = -1;
        StreamKey worstKey = default;
        SimTime worstAt = fault;
        bool recovered = true;
        int affected = 0;
        log.Clear();
        foreach (var (key, times) in streams.OrderBy(kv => kv.Key))
        {
            int i = times.BinarySearch(fault);
            if (i < 0) i = ~i;
            bool activeBefore = i > 0 && fault - times[i - 1] < ActiveWithin;
            if (!activeBefore || _appsDown.Contains(key.App)) continue;  // idle, or the application itself went down with a fault
            // The stream was affected if, from its last event before the fault, a silence longer than
            // AffectedAfter began by then (responses already on the wire may still arrive just after it).
            int j = i - 1;
            while (j + 1 < times.Count && times[j] <= fault + AffectedAfter && times[j + 1] - times[j] <= AffectedAfter) j++;
            bool silent = times[j] <= fault + AffectedAfter && (j + 1 == times.Count ? end - times[j] > AffectedAfter : true);
            var first = Earliest(j + 1 < times.Count ? times[j + 1] : null, Continuation(streams, key, times[j]));
            log.Add((key, silent ? first : null));
            if (!silent) continue;
            affected++;
            var at = first ?? end;
            if (first is null) recovered = false;
            if ((at - fault).TotalSeconds > worst)
            {
                worst = (at - fault).TotalSeconds;
                worstKey = key;
                worstAt = at;
            }
        }
        if (affected == 0) return RecoveryTime.None;
        var (detection, election, redirection, mark) = Breakdown(worstKey, fault, worstAt);
        return new RecoveryTime(worst, detection, election, (worstAt - mark).TotalSeconds, redirection, affected, recovered);
    }

    /// <summary>
    /// An application that switched cluster (failover) carries its streams over: the same partition number on
    /// the cluster it moved to continues the stream, so its first event there after <paramref name="after"/> ends the silence.
    /// </summary>
    private SimTime? Continuation(Dictionary<StreamKey, List<SimTime>> streams, StreamKey key, SimTime after)
    {
        var app = context.Apps.First(a => a.Name == key.App);
        if (app.Failover is not { } fc || !fc.Switches.Any(s => s.App == key.App)) return null;
        SimTime? first = null;
        foreach (var (other, times) in streams)
        {
            if (other.App != key.App || other.Partition != key.Partition || other.Cluster == key.Cluster) continue;
            int i = times.BinarySearch(after + SimDuration.FromNanoseconds(1));
            if (i < 0) i = ~i;
            if (i < times.Count) first = Earliest(first, times[i]);
        }
        return first;
    }

    private static SimTime? Earliest(SimTime? a, SimTime? b) => a is null ? b : b is null ? a : a.Value <= b.Value ? a : b;

    /// <summary>The parts of a recovery along the path of the slowest stream, and the instant the last part ended.</summary>
    private (double Detection, double Election, double Redirection, SimTime Mark) Breakdown(StreamKey stream, SimTime fault, SimTime recoveredAt)
    {
        var app = context.Apps.First(a => a.Name == stream.App);
        double detection = 0, election = 0, redirection = 0;
        var mark = fault;
        if (app.Failover is { } fc && fc.DeclaredAt is { } declared && declared <= recoveredAt)
        {
            detection = (declared - fault).TotalSeconds;
            mark = declared;
            var sw = fc.Switches.FirstOrDefault(s => s.App == app.Name && s.ToStandby && s.At >= declared);
            if (sw.App is not null && sw.At <= recoveredAt) { redirection = (sw.At - declared).TotalSeconds; mark = sw.At; }
            return (detection, election, redirection, mark);
        }
        var cluster = stream.Cluster;
        var fence = partitions.Fenced.FirstOrDefault(f => f.Cluster == cluster && f.At >= fault && f.At <= recoveredAt);
        if (fence.Cluster is not null) { detection = (fence.At - fault).TotalSeconds; mark = fence.At; }
        var indexes = context.Cluster(cluster).Context.Partitions.Where(p => p.Topic.Name == stream.Topic && p.NumberInTopic == stream.Partition).Select(p => p.Index).ToHashSet();
        var change = partitions.LeaderChanges.LastOrDefault(c => c.Cluster == cluster && indexes.Contains(c.Partition) && c.At >= mark && c.At <= recoveredAt);
        if (change.Cluster is not null) { election = (change.At - mark).TotalSeconds; mark = change.At; }
        return (detection, election, redirection, mark);
    }

    private void Track(Dictionary<StreamKey, List<SimTime>> streams, StreamKey key, SimTime at)
    {
        if (!streams.TryGetValue(key, out var list)) streams[key] = list = [];
        Add(list, at);
    }

    /// <summary>
    /// Records a stream's event, keeping only the times <see cref="Recovery"/> can read: it reads them around the first
    /// fault (the last event less than <see cref="ActiveWithin"/> before it, the events up to <see cref="AffectedAfter"/>
    /// after it, and the first one past that). Before any fault, times older than ActiveWithin are dropped (a fault
    /// starts no earlier than now); after the first fault began, a stream that already has an event past its
    /// AffectedAfter keeps no more. Memory follows the streams, not the run time.
    /// </summary>
    private void Add(List<SimTime> times, SimTime at)
    {
        if (times.Count > 0 && times[^1] == at) return;
        _recorded++;
        if (_faulted || context.FaultWindows.Count > 0)
        {
            // The first fault's window stays first, and its start never moves.
            if (!_faulted) (_faulted, _keepUpTo) = (true, context.FaultWindows[0].Start + AffectedAfter);
            if (times.Count > 0 && times[^1] > _keepUpTo) return;
        }
        else if (times.Count >= 64 && at - times[times.Count / 2] > ActiveWithin)
        {
            // At least half goes each time, so dropping stays amortised constant per event.
            int keep = times.BinarySearch(at - ActiveWithin);
            times.RemoveRange(0, keep < 0 ? ~keep : keep);
        }
        times.Add(at);
    }

    private sealed class View(RecoveryProbe p, string cluster) : IKafkaObserver
    {
        private StreamKey Key(string app, int partition)
        {
            var info = p.Context.Cluster(cluster).Context.Partitions[partition];
            return new StreamKey(app, cluster, info.Topic.Name, info.NumberInTopic);
        }

        // The acknowledgement times of each (producer, partition) of this cluster, with the application they were looked up for.
        private readonly ProducerPartitionTable<Produced> _produced = new();

        private sealed class Produced(Application app, List<SimTime> times)
        {
            public readonly Application App = app;
            public readonly List<SimTime> Times = times;
            // Set once the stream keeps no more times (its last is past the first fault's AffectedAfter), with that last
            // time: from then on an acknowledgement only counts as recorded, and the list is not read again.
            public bool Closed;
            public SimTime Last;
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app) return;
            ref var known = ref _produced.Slot(producerId, partition);
            if (known is not null && ReferenceEquals(known.App, app))
            {
                if (known.Closed)
                {
                    if (at != known.Last) p._recorded++;
                    return;
                }
                p.Add(known.Times, at);
                if (p._faulted && known.Times.Count > 0 && known.Times[^1] > p._keepUpTo) (known.Closed, known.Last) = (true, known.Times[^1]);
                return;
            }
            var key = Key(app.Name, partition);
            p.Track(p._produceStreams, key, at);
            known = new Produced(app, p._produceStreams[key]);
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (p.Context.AppOf(cluster, consumerId) is { } app) p.Track(p._consumeStreams, Key(app.Name, partition), at);
        }
    }
}
