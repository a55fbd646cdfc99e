using HdrHistogram;
using Sim.Architectures.Applications;
using Sim.Architectures.Faults;
using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.MirrorMaker.Audit;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Measures a run from what its clusters, clients, MirrorMaker 2 and faults did: latencies, availability,
/// losses, recovery times, duplicates, transfer and the time series. Each figure is defined in
/// docs/metrics.md. Only application clients count; MirrorMaker 2's own clients do not.
/// </summary>
public sealed class RunMetrics : IEventHandler
{
    /// <summary>A stream whose first write (or delivery) after a fault comes later than this was affected by it.</summary>
    public static readonly SimDuration AffectedAfter = SimDuration.FromSeconds(1);

    private const long HighestMicros = 3_600_000_000L;

    /// <summary>The percentiles at which a run's latency distribution is kept: enough to draw its CDF, tail included.</summary>
    public static readonly IReadOnlyList<double> CdfPercentiles =
        [0, 1, 2, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 97, 98, 99, 99.5, 99.9, 99.95, 99.99, 100];

    private readonly DeploymentPlan _plan;
    private readonly RunOptions _o;
    private readonly SimTime _warmupEnd;
    private DeploymentRun _run = null!;
    private readonly Dictionary<(string Cluster, int Client), Application> _clients = [];
    private readonly Dictionary<string, int> _clusterIds = new(StringComparer.Ordinal);
    private readonly LongHistogram _latency = new(HighestMicros, 3);
    private readonly SortedDictionary<string, LongHistogram> _latencyBySite = new(StringComparer.Ordinal);
    private readonly LongHistogram _e2e = new(HighestMicros, 3);
    private readonly Dictionary<string, AckLedger> _ledgers = new(StringComparer.Ordinal);
    private readonly DeliveryLedger _deliveries = new();
    private readonly Dictionary<(string Cluster, int Partition), PartitionState> _partitions = [];
    private readonly List<(SimTime At, string Cluster, int Broker)> _fenced = [];
    private readonly List<(SimTime At, string Cluster, int Partition)> _leaderChanges = [];
    private readonly Dictionary<(string App, int Partition), List<SimTime>> _produceStreams = [];
    private readonly Dictionary<(string App, int Partition), List<SimTime>> _consumeStreams = [];
    private readonly Dictionary<string, (long Produced, long Acked)> _appBucket = new(StringComparer.Ordinal);
    private readonly List<TimeseriesRow> _rows = [];
    private long _acked, _failed, _producedAll, _ackedAll, _failedAll, _consumedAll;
    private long _bucketProduced, _bucketAcked, _bucketFailed, _bucketConsumed;
    private int _elections, _shrinks, _bucketElections, _unavailableBuckets;
    private long _crossZoneAtWarmup, _crossRegionAtWarmup;
    private long _strandedAtFailover = -1;
    private SimTime _strandedFaultStart;
    private SimTime? _strandedMinAck;
    private readonly HashSet<string> _appsDown = new(StringComparer.Ordinal);
    private int _kSample;

    public RunMetrics(DeploymentPlan plan, RunOptions options)
    {
        _plan = plan;
        _o = options;
        _warmupEnd = SimTime.Zero + options.Warmup;
    }

    /// <summary>Observers for one cluster (registered when the simulation is built).</summary>
    public IEnumerable<IKafkaObserver> ObserversOf(string cluster)
    {
        var ledger = new AckLedger();
        _ledgers[cluster] = ledger;
        return [new ClusterView(this, cluster, ledger)];
    }

    internal void Attach(DeploymentRun run)
    {
        _run = run;
        int next = 1;
        foreach (var c in _plan.Model.Clusters)
            _clusterIds[c.Name] = run.Simulation.MirrorMaker is { } mm ? mm.ClusterId(c.Name) : next++;
        foreach (var c in _plan.Model.Clusters)
            _run.Simulation.EventsOf(c.Name).Add(_deliveries.ClusterView(_clusterIds[c.Name]));
        foreach (var (name, cluster) in run.Simulation.Clusters)
        {
            foreach (var p in cluster.Context.Partitions) _partitions[(name, p.Index)] = cluster.PartitionState(p.Index);
        }
    }

    internal void ClientStarted(Application app, int clientId, KafkaCluster cluster) => _clients[(cluster.Name, clientId)] = app;

    internal void Start()
    {
        var s = _run.Simulation.Scheduler;
        _kSample = s.Kinds.Register("metrics:sample");
        s.Schedule(_o.TimeseriesInterval, this, _kSample);
        s.ScheduleAt(_warmupEnd, this, s.Kinds.Register("metrics:warmup"));
        _run.Faults.Changed += FaultChanged;
    }

    private bool Measuring(SimTime at) => at >= _warmupEnd;

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind != _kSample)
        {
            _crossZoneAtWarmup = _run.Simulation.Network.CrossZoneBytes;
            _crossRegionAtWarmup = _run.Simulation.Network.CrossRegionBytes;
            return;
        }
        Sample(scheduler.Now);
        scheduler.Schedule(_o.TimeseriesInterval, this, _kSample);
    }

    private void Sample(SimTime now)
    {
        int under = 0, offline = 0;
        long isr = 0;
        foreach (var (key, ps) in _partitions)
        {
            if (ps.Leader < 0) offline++;
            if (ps.Isr.Length < ps.Replicas.Length) under++;
            isr += ps.Isr.Length;
        }
        double lag = 0;
        if (_run.Simulation.MirrorMaker is { } mm)
        {
            var from = now - _o.TimeseriesInterval;
            foreach (var f in mm.Flows)
            {
                foreach (var ms in f.Metrics.HeartbeatLagMs(from, now)) lag = Math.Max(lag, ms);
            }
        }
        bool unavailable = false;
        foreach (var (_, b) in _appBucket) unavailable |= b.Produced > 0 && b.Acked == 0;
        if (unavailable && now - _o.TimeseriesInterval >= _warmupEnd) _unavailableBuckets++;
        _appBucket.Clear();
        _rows.Add(new TimeseriesRow(now.TotalSeconds, _bucketProduced, _bucketAcked, _bucketFailed, _bucketConsumed, under, offline,
            _partitions.Count == 0 ? 0 : (double)isr / _partitions.Count, _bucketElections, lag, _run.Faults.Windows.Count(w => w.End is null)));
        _bucketProduced = _bucketAcked = _bucketFailed = _bucketConsumed = 0;
        _bucketElections = 0;
    }

    // ---- failover loss: what a failed cluster had acknowledged that its mirrors never received ----

    private void FaultChanged(FaultWindow w, bool began)
    {
        foreach (var app in _run.Apps.Where(a => a.Suspended)) _appsDown.Add(app.Name);
        if (began || _strandedAtFailover >= 0) return;
        if (FailedClusters(w).Count == 0) return;
        MeasureStranded(w);
    }

    private List<KafkaCluster> FailedClusters(FaultWindow w)
    {
        if (w.Spec.Kind is not (FaultKind.ZoneOutage or FaultKind.SiteOutage or FaultKind.RegionOutage)) return [];
        var zones = w.Resolved.Split(" (")[0].Split(", ").ToHashSet(StringComparer.Ordinal);
        return _run.Simulation.Clusters.Values.Where(c => c.Brokers.Any(b => zones.Contains(b.Node.Zone.Name))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Acknowledged application records on a cluster the outage took that are not on the cluster its
    /// MirrorMaker 2 flow (or failover) targets, as the outage ends: the records a failover strands.
    /// </summary>
    private void MeasureStranded(FaultWindow w)
    {
        var mm = _run.Simulation.MirrorMaker;
        if (mm is null) { _strandedAtFailover = 0; return; }
        long stranded = 0;
        SimTime? minAck = null;
        foreach (var source in FailedClusters(w))
        {
            var failover = _run.Failovers.Values.FirstOrDefault(f => f.Primary == source);
            var flows = mm.Flows.Where(f => f.Config.Source == source.Name && (failover is null || f == failover.Flow)).ToList();
            long best = 0;
            SimTime? bestMin = null;
            foreach (var flow in flows)
            {
                var target = mm.Clusters[flow.Config.Target];
                var held = RecordIdentity.InTopics(target, mm.ClusterId(target.Name),
                    source.Context.Partitions.Select(p => flow.RemoteTopic(p.Topic.Name)));
                long missing = 0;
                SimTime? min = null;
                int id = mm.ClusterId(source.Name);
                foreach (var r in _ledgers[source.Name].AckedRanges)
                {
                    if (r.FirstAckedAt >= w.Start) continue;
                    var root = new RootPartition(id, r.Partition);
                    long have = held.TryGetValue(root, out var set) ? set.CountIn(r.BaseOffset, r.NextOffset) : 0;
                    if (have == r.Count) continue;
                    missing += r.Count - have;
                    if (min is null || r.FirstAckedAt < min) min = r.FirstAckedAt;
                }
                if (missing > best) { best = missing; bestMin = min; }
            }
            stranded += best;
            if (bestMin is { } m && (minAck is null || m < minAck)) minAck = m;
        }
        _strandedAtFailover = stranded;
        _strandedFaultStart = w.Start;
        _strandedMinAck = minAck;
    }

    // ---- the result ----

    public RunResult Result()
    {
        var sim = _run.Simulation;
        var now = sim.Scheduler.Now;
        var firstOutage = _run.Faults.Windows.FirstOrDefault(w => FailedClusters(w).Count > 0);
        if (_strandedAtFailover < 0 && firstOutage is not null) MeasureStranded(firstOutage);
        var (permanent, permanentMin) = PermanentLoss();
        var faultStart = _run.Faults.Windows.Count > 0 ? _run.Faults.Windows[0].Start : (SimTime?)null;
        double rpo = 0;
        if (faultStart is { } fs)
        {
            var earliest = new[] { permanentMin, _strandedAtFailover > 0 ? _strandedMinAck : null }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(fs).Min();
            rpo = Math.Max(0, (fs - earliest).TotalSeconds);
        }
        long skipped = 0;
        foreach (var app in _run.Apps.Where(a => a.Placement.Role == AppRole.Consumer))
        {
            if (app.Consumer is not { } c) continue;
            var g = _deliveries.Group(app.Placement.Consumer!.GroupId);
            skipped += g.Skipped(app.Cluster, _clusterIds[app.Cluster.Name], c, SimTime.Zero);
        }
        long crossZone = sim.Network.CrossZoneBytes - _crossZoneAtWarmup, crossRegion = sim.Network.CrossRegionBytes - _crossRegionAtWarmup;
        double gb(long b) => b / 1e9;
        var lags = new LongHistogram(HighestMicros, 3);
        if (sim.MirrorMaker is { } mm)
        {
            foreach (var f in mm.Flows)
            {
                foreach (var ms in f.Metrics.HeartbeatLagMs(_warmupEnd, now)) lags.RecordValue(Math.Clamp((long)(ms * 1000), 0, HighestMicros));
            }
        }
        return new RunResult
        {
            Architecture = _plan.Architecture,
            Seed = _o.Seed,
            ProduceLatency = Summary(_latency),
            ProduceLatencyCdf = _latency.TotalCount == 0 ? [] : CdfPercentiles.Select(p => new LatencyPoint(p, Ms(_latency, p))).ToList(),
            ProduceLatencyBySite = _latencyBySite.ToDictionary(kv => kv.Key, kv => Summary(kv.Value), StringComparer.Ordinal),
            E2eLatencyP50Ms = Ms(_e2e, 50),
            E2eLatencyP99Ms = Ms(_e2e, 99),
            RecordsProduced = _producedAll,
            RecordsAcked = _ackedAll,
            RecordsFailed = _failedAll,
            Availability = _acked + _failed == 0 ? 1 : (double)_acked / (_acked + _failed),
            UnavailableS = _unavailableBuckets * _o.TimeseriesInterval.TotalSeconds,
            AckedRecordsLostPermanent = permanent,
            // Stranded records also lost on their own cluster are counted once, as permanent.
            AckedRecordsLostFailover = Math.Max(0, _strandedAtFailover - permanent),
            RpoS = rpo,
            ProducerRto = faultStart is { } f1 ? Recovery(_produceStreams, f1, producers: true) : RecoveryTime.None,
            ConsumerRto = faultStart is { } f2 ? Recovery(_consumeStreams, f2, producers: false) : RecoveryTime.None,
            Duplicates = _deliveries.Groups.Values.Sum(g => g.Reprocessed),
            RecordsSkipped = skipped,
            CrossZoneGb = gb(crossZone),
            CrossRegionGb = gb(crossRegion),
            TransferCostUsd = gb(crossZone - crossRegion) * _o.Prices.CrossZonePerGb + gb(crossRegion) * _o.Prices.CrossRegionPerGb,
            LeaderElections = _elections,
            IsrShrinks = _shrinks,
            MirrorLagMsP99 = lags.TotalCount == 0 ? 0 : lags.GetValueAtPercentile(99) / 1000.0,
            RemoteTierBytesUploaded = _run.RemoteTiers.Sum(t => t.BytesUploaded),
            RemoteTierBytesReplicated = _run.RemoteTiers.Sum(t => t.BytesReplicated),
            Faults = _run.Faults.Windows,
            Timeseries = _rows,
            Events = sim.Scheduler.EventsExecuted,
            Fingerprint = sim.Scheduler.Fingerprint.ToString(),
            Measured = now - _warmupEnd,
        };
    }

    /// <summary>Acknowledged application records found in no cluster's log at the end: gone for good.</summary>
    private (long Count, SimTime? EarliestAck) PermanentLoss()
    {
        long lost = 0;
        SimTime? earliest = null;
        foreach (var l in LostRanges())
        {
            if (l.LostEverywhere <= 0) continue;
            lost += l.LostEverywhere;
            if (earliest is null || l.Range.FirstAckedAt < earliest) earliest = l.Range.FirstAckedAt;
        }
        return (lost, earliest);
    }

    /// <summary>
    /// Every acknowledged range missing from its own cluster's log now, with its explanation, and how many
    /// of its records no other cluster holds either (a record lost on its own cluster may survive in a mirror).
    /// </summary>
    public IReadOnlyList<ClusterLoss> LostRanges()
    {
        var sim = _run.Simulation;
        var mm = sim.MirrorMaker;
        var result = new List<ClusterLoss>();
        Dictionary<RootPartition, OffsetIntervals>? everywhere = null;
        foreach (var (name, ledger) in _ledgers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var cluster = sim.Cluster(name);
            var audit = ledger.Audit(cluster.FinalLog);
            foreach (var range in audit.Lost)
            {
                long count = range.Count;
                if (mm is not null)
                {
                    everywhere ??= AllHoldings();
                    var root = new RootPartition(mm.ClusterId(name), range.Partition);
                    if (everywhere.TryGetValue(root, out var set)) count -= set.CountIn(range.BaseOffset, range.BaseOffset + range.Count);
                }
                result.Add(new ClusterLoss(name, cluster.Context.Partitions[range.Partition].Name, range, Math.Max(0, count)));
            }
        }
        return result;
    }

    private Dictionary<RootPartition, OffsetIntervals> AllHoldings()
    {
        var mm = _run.Simulation.MirrorMaker!;
        var all = new Dictionary<RootPartition, OffsetIntervals>();
        foreach (var (name, cluster) in _run.Simulation.Clusters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var topics = cluster.Context.Partitions.Select(p => p.Topic.Name).Where(t => !t.StartsWith("__", StringComparison.Ordinal));
            foreach (var (root, set) in RecordIdentity.InTopics(cluster, mm.ClusterId(name), topics))
            {
                if (!all.TryGetValue(root, out var into)) all[root] = into = new OffsetIntervals();
                foreach (var (a, b) in set.Intervals) into.Add(a, b);
            }
        }
        return all;
    }

    /// <summary>
    /// The time from the first fault to the first write (or delivery) of the slowest affected stream, and
    /// its parts: detection (to the fencing of a broker, or a failover declaration), election (to the
    /// partition's new leader), redirection (to the application's switch of cluster) and propagation (the
    /// rest: clients learning the new metadata and retrying).
    /// </summary>
    private RecoveryTime Recovery(Dictionary<(string App, int Partition), List<SimTime>> streams, SimTime fault, bool producers)
    {
        var end = _run.Simulation.Scheduler.Now;
        double worst = -1;
        (string App, int Partition) worstKey = default;
        SimTime worstAt = fault;
        bool recovered = true;
        int affected = 0;
        var log = producers ? ProducerStreams : ConsumerStreams;
        log.Clear();
        foreach (var (key, times) in streams.OrderBy(kv => kv.Key.App, StringComparer.Ordinal).ThenBy(kv => kv.Key.Partition))
        {
            int i = times.BinarySearch(fault);
            if (i < 0) i = ~i;
            bool activeBefore = i > 0 && fault - times[i - 1] < SimDuration.FromSeconds(5);
            if (!activeBefore) continue;
            var app = _run.Apps.First(a => a.Name == key.App);
            if (_appsDown.Contains(app.Name)) continue;  // the application itself went down with a fault
            // The stream was affected if, from its last event before the fault, a silence longer than
            // AffectedAfter began by then (responses already on the wire may still arrive just after it).
            int j = i - 1;
            while (j + 1 < times.Count && times[j] <= fault + AffectedAfter && times[j + 1] - times[j] <= AffectedAfter) j++;
            bool silent = times[j] <= fault + AffectedAfter && (j + 1 == times.Count ? end - times[j] > AffectedAfter : true);
            var first = j + 1 < times.Count ? times[j + 1] : (SimTime?)null;
            log.Add((key.App, key.Partition, silent ? first : null));
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
        // The parts, along the path of the slowest stream.
        var app0 = _run.Apps.First(a => a.Name == worstKey.App);
        double detection = 0, election = 0, redirection = 0;
        var mark = fault;
        if (app0.Failover is { } fc && fc.DeclaredAt is { } declared && declared <= worstAt)
        {
            detection = (declared - fault).TotalSeconds;
            mark = declared;
            var sw = fc.Switches.FirstOrDefault(s => s.App == app0.Name && s.ToStandby && s.At >= declared);
            if (sw.App is not null && sw.At <= worstAt) { redirection = (sw.At - declared).TotalSeconds; mark = sw.At; }
        }
        else
        {
            var cluster = app0.Cluster.Name;
            var fence = _fenced.FirstOrDefault(f => f.Cluster == cluster && f.At >= fault && f.At <= worstAt);
            if (fence.Cluster is not null) { detection = (fence.At - fault).TotalSeconds; mark = fence.At; }
            var partitions = _run.Cluster(cluster).Context.Partitions.Where(p => p.NumberInTopic == worstKey.Partition).Select(p => p.Index).ToHashSet();
            var change = _leaderChanges.LastOrDefault(c => c.Cluster == cluster && partitions.Contains(c.Partition) && c.At >= mark && c.At <= worstAt);
            if (change.Cluster is not null) { election = (change.At - mark).TotalSeconds; mark = change.At; }
        }
        double propagation = (worstAt - mark).TotalSeconds;
        return new RecoveryTime(worst, detection, election, propagation, redirection, affected, recovered);
    }

    /// <summary>Per application stream active at the first fault: its first write (or delivery) after it, if any.</summary>
    public List<(string App, int Partition, SimTime? FirstAfterFault)> ProducerStreams { get; } = [];

    public List<(string App, int Partition, SimTime? FirstAfterFault)> ConsumerStreams { get; } = [];

    private static LatencySummary Summary(LongHistogram h) =>
        h.TotalCount == 0 ? new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN, 0)
            : new LatencySummary(Ms(h, 50), Ms(h, 99), Ms(h, 99.9), h.GetMaxValue() / 1000.0, h.TotalCount);

    private static double Ms(LongHistogram h, double percentile) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;

    private static long Micros(SimDuration d) => Math.Clamp(d.Nanoseconds / 1000, 0, HighestMicros);

    private static void Track(Dictionary<(string, int), List<SimTime>> streams, string app, int partition, SimTime at)
    {
        if (!streams.TryGetValue((app, partition), out var list)) streams[(app, partition)] = list = [];
        if (list.Count == 0 || list[^1] != at) list.Add(at);
    }

    /// <summary>One cluster's events, attributed to the applications whose clients caused them.</summary>
    private sealed class ClusterView(RunMetrics m, string cluster, AckLedger ledger) : IKafkaObserver
    {
        private Application? App(int clientId) => m._clients.GetValueOrDefault((cluster, clientId));

        public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause)
        {
            m._partitions[(cluster, after.Partition)] = after;
            ledger.PartitionChanged(at, before, after, cause);
            if (before is null || !m.Measuring(at)) return;
            if (after.LeaderEpoch != before.LeaderEpoch)
            {
                m._elections++;
                m._bucketElections++;
                m._leaderChanges.Add((at, cluster, after.Partition));
            }
            if (after.Isr.Length < before.Isr.Length) m._shrinks++;
        }

        public void BrokerFenced(SimTime at, int brokerId, string cause) => m._fenced.Add((at, cluster, brokerId));

        public void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) =>
            ledger.Truncated(at, brokerId, partition, toOffset, removedRecords, cause);

        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader) =>
            ledger.Appended(at, brokerId, partition, batch, asLeader);

        public void Produced(SimTime at, int producerId, int records)
        {
            if (App(producerId) is not { } app) return;
            m._producedAll += records;
            m._bucketProduced += records;
            var b = m._appBucket.GetValueOrDefault(app.Name);
            m._appBucket[app.Name] = (b.Produced + records, b.Acked);
            ledger.Produced(at, producerId, records);
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (App(producerId) is not { } app) return;
            ledger.ProduceAcked(at, producerId, partition, batch, acks, latency);
            m._ackedAll += batch.Count;
            m._bucketAcked += batch.Count;
            var b = m._appBucket.GetValueOrDefault(app.Name);
            m._appBucket[app.Name] = (b.Produced, b.Acked + batch.Count);
            if (m.Measuring(at)) m._acked += batch.Count;
            Track(m._produceStreams, app.Name, m._run.Cluster(cluster).Context.Partitions[partition].NumberInTopic, at);
            if (!m.Measuring(at)) return;
            long us = Micros(latency);
            m._latency.RecordValue(us);
            var site = app.Placement.Zone;
            if (!m._latencyBySite.TryGetValue(site, out var h)) m._latencyBySite[site] = h = new LongHistogram(HighestMicros, 3);
            h.RecordValue(us);
        }

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (App(producerId) is null) return;
            ledger.ProduceFailed(at, producerId, partition, records, error);
            m._failedAll += records;
            m._bucketFailed += records;
            if (m.Measuring(at)) m._failed += records;
        }

        public void ProduceRetried(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (App(producerId) is not null) ledger.ProduceRetried(at, producerId, partition, records, error);
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (App(consumerId) is not { } app) return;
            m._consumedAll += batch.Count;
            m._bucketConsumed += batch.Count;
            Track(m._consumeStreams, app.Name, m._run.Cluster(cluster).Context.Partitions[partition].NumberInTopic, at);
            if (!m.Measuring(at)) return;
            // As a dashboard would: the consumer's clock minus the record's timestamp.
            var local = at + m._run.Simulation.Network.ClockOffset(app.Node);
            m._e2e.RecordValueWithCount(Micros(local - batch.CreateTime), batch.Count);
        }
    }
}

/// <summary>An acknowledged range missing from <see cref="Cluster"/>'s log, and how many of its records no cluster holds.</summary>
public sealed record ClusterLoss(string Cluster, string Partition, LostRange Range, long LostEverywhere);
