using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// The run's time series: one row per <c>TimeseriesInterval</c> (its own event, <c>metrics:sample</c>) with
/// the application records produced, acknowledged, failed and consumed in it, the partitions' health at its
/// end (from <see cref="PartitionProbe"/>), MirrorMaker 2's time behind at its end (<see cref="MirrorLagProbe"/>), the faults active
/// and the fullest broker log directory's fill (<see cref="StorageProbe"/>); at the same instant every broker's utilisation over
/// the interval is sampled (<see cref="UtilisationProbe.Sample"/>), and so is the seed's monitoring dashboard
/// (<see cref="MonitoringProbe.Sample"/>). It also
/// counts the unavailable seconds: intervals after the warm-up in which some producer application whose host
/// was up produced but had nothing acknowledged, or could reach no broker of its cluster at the interval's end;
/// and the application-seconds down: applications whose host was down at an interval's end, times the interval.
/// </summary>
public sealed class TimeseriesProbe(RunContext context, PartitionProbe partitions, MirrorLagProbe mirrorLag, UtilisationProbe utilisation, StorageProbe storage, MonitoringProbe monitoring) : IRunProbe, IEventHandler
{
    private RunContext Context => context;

    private readonly List<TimeseriesRow> _rows = [];
    // Each application's records produced and acknowledged in the current interval (both zero: none), kept across
    // intervals so that observers hold on to their application's counts instead of hashing its name on every event.
    private readonly Dictionary<string, Bucket> _appBucket = new(StringComparer.Ordinal);

    private sealed class Bucket
    {
        public long Produced, Acked;
    }

    private Bucket BucketOf(Sim.Architectures.Applications.Application app)
    {
        if (!_appBucket.TryGetValue(app.Name, out var b)) _appBucket[app.Name] = b = new Bucket();
        return b;
    }
    private long _produced, _acked, _failed, _consumed;
    private int _electionsBefore, _unavailableBuckets, _appDownBuckets, _kSample;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public void Start()
    {
        var s = context.Simulation.Scheduler;
        _kSample = s.Kinds.Register("metrics:sample");
        s.Schedule(context.Options.TimeseriesInterval, this, _kSample);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        Sample(scheduler.Now);
        scheduler.Schedule(context.Options.TimeseriesInterval, this, _kSample);
    }

    private void Sample(SimTime now)
    {
        int under = 0, offline = 0;
        long isr = 0;
        foreach (var (_, ps) in partitions.Partitions)
        {
            if (ps.Exists && ps.Leader < 0) offline++;
            if (ps.Isr.Length < ps.Replicas.Length) under++;
            isr += ps.Isr.Length;
        }
        var interval = context.Options.TimeseriesInterval;
        var mirror = mirrorLag.Sample(now);
        double lag = mirror?.WorstMs ?? 0;
        bool unavailable = false;
        foreach (var (_, b) in _appBucket) unavailable |= b.Produced > 0 && b.Acked == 0;
        // A producer whose host is up but whose cluster is gone may not even get to produce (send() blocks on a
        // full buffer): it is unavailable all the same. One whose host is down is counted apart, as down.
        int down = 0;
        foreach (var app in context.Apps)
        {
            if (app.Suspended) down++;
            else if (app.Producer is not null && context.UnreachableNow(app.Cluster)) unavailable = true;
        }
        if (now - interval >= context.WarmupEnd)
        {
            if (unavailable) _unavailableBuckets++;
            _appDownBuckets += down;
        }
        foreach (var (_, b) in _appBucket) b.Produced = b.Acked = 0;
        int elections = partitions.LeaderChanges.Count;
        int count = partitions.Partitions.Count;
        utilisation.Sample(now);
        monitoring.Sample(now, under, offline, mirror);
        _rows.Add(new TimeseriesRow(now.TotalSeconds, _produced, _acked, _failed, _consumed, under, offline,
            count == 0 ? 0 : (double)isr / count, elections - _electionsBefore, lag, context.FaultWindows.Count(w => w.End is null), storage.UsedFractionNow()));
        _produced = _acked = _failed = _consumed = 0;
        _electionsBefore = elections;
    }

    public RunResult Contribute(RunResult result) =>
        result.With((MetricCatalog.UnavailableS, _unavailableBuckets * context.Options.TimeseriesInterval.TotalSeconds),
            (MetricCatalog.AppDownS, _appDownBuckets * context.Options.TimeseriesInterval.TotalSeconds)) with { Timeseries = _rows };

    private sealed class View(TimeseriesProbe p, string cluster) : IKafkaObserver
    {
        // The bucket of the application seen last.
        private Sim.Architectures.Applications.Application? _app;
        private Bucket? _bucket;

        private Bucket BucketOf(Sim.Architectures.Applications.Application app)
        {
            if (!ReferenceEquals(app, _app)) (_app, _bucket) = (app, p.BucketOf(app));
            return _bucket!;
        }

        public void Produced(SimTime at, int producerId, int records)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app) return;
            p._produced += records;
            BucketOf(app).Produced += records;
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is not { } app) return;
            p._acked += batch.Count;
            BucketOf(app).Acked += batch.Count;
        }

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (p.Context.AppOf(cluster, producerId) is not null) p._failed += records;
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (p.Context.AppOf(cluster, consumerId) is not null) p._consumed += batch.Count;
        }
    }
}
