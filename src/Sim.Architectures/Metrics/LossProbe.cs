using Sim.Architectures.Faults;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.MirrorMaker.Audit;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Acknowledged records that were lost: for good (in no cluster's final log), stranded by a failover (on a
/// cluster an outage took but not on its MirrorMaker 2 target when the outage ended), and the RPO. Each
/// cluster keeps an <see cref="AckLedger"/> of what its application producers had acknowledged.
/// </summary>
public sealed class LossProbe(RunContext context) : IRunProbe
{
    private RunContext Context => context;

    private readonly Dictionary<string, AckLedger> _ledgers = new(StringComparer.Ordinal);
    private (long Records, SimTime? EarliestAck)? _stranded;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster)
    {
        // Ranges below every replica's log start are expired whatever happens later: the ledger may forget them.
        var ledger = new AckLedger { EarliestLogStart = p => EarliestLogStart(context.Simulation.Cluster(cluster), p) };
        _ledgers[cluster] = ledger;
        return [new View(this, cluster, ledger)];
    }

    public void Start() => context.OnFaultChanged(FaultChanged);

    /// <summary>The earliest log start offset of <paramref name="partition"/> over the cluster's replicas, running or not; 0 without one.</summary>
    private static long EarliestLogStart(KafkaCluster cluster, int partition)
    {
        long min = long.MaxValue;
        foreach (var b in cluster.Brokers)
            if (b.Replica(partition) is { } r) min = Math.Min(min, r.Log.LogStartOffset);
        return min == long.MaxValue ? 0 : min;
    }

    private void FaultChanged(FaultWindow w, bool began)
    {
        if (began || _stranded is not null || FailedClusters(w).Count == 0) return;
        _stranded = Stranded(w);
    }

    public RunResult Contribute(RunResult result)
    {
        var firstOutage = context.FaultWindows.FirstOrDefault(w => FailedClusters(w).Count > 0);
        if (_stranded is null && firstOutage is not null) _stranded = Stranded(firstOutage);
        var (stranded, strandedMin) = _stranded ?? (-1, null);
        var (permanent, permanentMin) = PermanentLoss();
        double rpo = 0;
        if (context.FaultWindows.Count > 0)
        {
            var fs = context.FaultWindows[0].Start;
            var earliest = new[] { permanentMin, stranded > 0 ? strandedMin : null }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(fs).Min();
            rpo = Math.Max(0, (fs - earliest).TotalSeconds);
        }
        // Stranded records also lost on their own cluster are counted once, as permanent.
        long failover = Math.Max(0, stranded - permanent);
        return result.With((MetricCatalog.AckedRecordsLost, permanent + failover), (MetricCatalog.AckedRecordsLostPermanent, permanent),
            (MetricCatalog.AckedRecordsLostFailover, failover), (MetricCatalog.RpoS, rpo));
    }

    /// <summary>
    /// The clusters with a broker in the zones an outage took (the window's typed zones), by name.
    /// </summary>
    private List<KafkaCluster> FailedClusters(FaultWindow w)
    {
        if (w.Spec is not Outage) return [];
        return context.Simulation.Clusters.Values.Where(c => c.Brokers.Any(b => w.Zones.Contains(b.Node.Zone))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Acknowledged application records on a cluster the outage took that are not on the cluster its
    /// MirrorMaker 2 flow (or failover) targets, as the outage ends: the records a failover strands.
    /// </summary>
    private (long Records, SimTime? EarliestAck) Stranded(FaultWindow w)
    {
        var mm = context.Simulation.MirrorMaker;
        if (mm is null) return (0, null);
        long stranded = 0;
        SimTime? minAck = null;
        foreach (var source in FailedClusters(w))
        {
            var failover = context.Failovers.Values.FirstOrDefault(f => f.Primary == source);
            long best = 0;
            SimTime? bestMin = null;
            foreach (var flow in mm.Flows.Where(f => f.Config.Source == source.Name && (failover is null || f == failover.Flow)).ToList())
            {
                var target = mm.Clusters[flow.Config.Target];
                var held = RecordIdentity.InTopics(target, mm.ClusterId(target.Name), source.Context.Partitions.Select(p => flow.RemoteTopic(p.Topic.Name)));
                var (missing, min) = Missing(source.Name, mm.ClusterId(source.Name), held, w.Start);
                if (missing > best) { best = missing; bestMin = min; }
            }
            stranded += best;
            if (bestMin is { } m && (minAck is null || m < minAck)) minAck = m;
        }
        return (stranded, minAck);
    }

    private (long Missing, SimTime? EarliestAck) Missing(string source, int sourceId, Dictionary<RootPartition, OffsetIntervals> held, SimTime before)
    {
        long missing = 0;
        SimTime? min = null;
        foreach (var r in _ledgers[source].AckedRanges)
        {
            if (r.FirstAckedAt >= before) continue;
            long have = held.TryGetValue(new RootPartition(sourceId, r.Partition), out var set) ? set.CountIn(r.BaseOffset, r.NextOffset) : 0;
            if (have == r.Count) continue;
            missing += r.Count - have;
            if (min is null || r.FirstAckedAt < min) min = r.FirstAckedAt;
        }
        return (missing, min);
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
        // Asked for several times at the end of a run (the loss figures, the horizon's incidents, the trace): the audit,
        // which walks every acknowledged range, runs once while no event ran in between.
        var asOf = (context.Simulation.Scheduler.EventsExecuted, context.Now);
        if (_lost is { } known && known.AsOf == asOf) return known.Ranges;
        var ranges = Audit();
        _lost = (asOf, ranges);
        return ranges;
    }

    private ((long Events, SimTime At) AsOf, IReadOnlyList<ClusterLoss> Ranges)? _lost;

    private List<ClusterLoss> Audit()
    {
        var sim = context.Simulation;
        var mm = sim.MirrorMaker;
        var result = new List<ClusterLoss>();
        Dictionary<RootPartition, OffsetIntervals>? everywhere = null;
        foreach (var (name, ledger) in _ledgers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var cluster = sim.Cluster(name);
            foreach (var range in ledger.Audit(cluster.FinalLog).Lost)
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
        var mm = context.Simulation.MirrorMaker!;
        var all = new Dictionary<RootPartition, OffsetIntervals>();
        foreach (var (name, cluster) in context.Simulation.Clusters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
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

    /// <summary>One cluster's ledger fed with its events (application producers' records only).</summary>
    private sealed class View(LossProbe p, string cluster, AckLedger ledger) : IKafkaObserver
    {
        private bool App(int clientId) => p.Context.AppOf(cluster, clientId) is not null;

        public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause) => ledger.PartitionChanged(at, before, after, cause);

        public void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) =>
            ledger.Truncated(at, brokerId, partition, toOffset, removedRecords, cause);

        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader) => ledger.Appended(at, brokerId, partition, batch, asLeader);

        public void Produced(SimTime at, int producerId, int records)
        {
            if (App(producerId)) ledger.Produced(at, producerId, records);
        }

        // Other clients' batches (MirrorMaker 2 tasks') are not audited, but their appends are checked for duplicates:
        // the ledger forgets such a batch's identity at its acknowledgement unless it was sent again.
        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (App(producerId)) ledger.ProduceAcked(at, producerId, partition, batch, acks, latency);
            else ledger.UnauditedBatchAcked(batch.ClientBatchId);
        }

        public void BatchSentAgain(SimTime at, int producerId, long clientBatchId)
        {
            if (!App(producerId)) ledger.BatchSentAgain(at, producerId, clientBatchId);
        }

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (App(producerId)) ledger.ProduceFailed(at, producerId, partition, records, error);
        }

        public void ProduceRetried(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (App(producerId)) ledger.ProduceRetried(at, producerId, partition, records, error);
        }
    }
}
