using System.Globalization;
using Sim.Architectures.Metrics;
using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Architectures.Conflicts;

/// <summary>
/// Finds the write conflicts of a multi-writer design as its clusters append batches. Two clusters are
/// <em>partners</em> on a topic when producers write that topic with keys on both and MirrorMaker 2 carries
/// each one's writes to the other (directly or through a hub: a mirrored batch keeps its origin). A conflict
/// (seed, "Conflict Resolution", type 1) is a pair of writes of the same keys, one per site, neither of which
/// had reached the other site when the other was written: when a site appends a local batch, every batch of
/// its partner not yet arrived there is concurrent with it, and each key of the new batch that those batches
/// also wrote is one conflict (counted once, by the later write). Keys are counts over the partition's key
/// domain (<see cref="KeyDomain"/>): the conflicting keys are the expected share of the new batch's keys
/// that the union of the partner's unseen batches covers.
/// Each pair is settled under the guide's strategies. Last-write-wins compares the batches' CreateTime, which
/// carries each producer's clock offset, so clock skew decides; it also loses a sequential write whose
/// timestamp is below that of an earlier write it followed (the skew reverses their order). Site priority
/// keeps the partner listed first in the plan. Vector clocks (a version vector per key) detect every conflict
/// and lose nothing; a CRDT counter merges both increments. Convergence is when both writes of a conflict are
/// in both sites. The ledger only reads observer events.
/// </summary>
public sealed class ConflictLedger
{
    /// <summary>How long an arrived write is kept for the skew check: clock offsets beyond it are not compared.</summary>
    private static readonly SimDuration ReversalHorizon = SimDuration.FromSeconds(60);

    /// <summary>CreateTime is not monotone in arrival order (batches and retries reorder it by up to a few seconds); the scan stops this far below.</summary>
    private static readonly SimDuration TimestampSlack = SimDuration.FromSeconds(5);

    /// <summary>A narration keeps at most one settled pair of each kind (conflict, reversal) per this much time, so it spans the run.</summary>
    private static readonly SimDuration VerdictSpacing = SimDuration.FromSeconds(4);

    private readonly RunContext _run;
    private SimTime? _lastConflictVerdict, _lastReversalVerdict;
    private readonly int _maxVerdicts;
    private readonly Dictionary<(string Cluster, string Topic), int> _keys = [];
    private readonly Dictionary<(string Cluster, string Topic), List<string>> _partners = [];
    private readonly Dictionary<string, int> _rank = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _byId = [];
    private readonly Dictionary<(int Keys, int Partitions), int[]> _domains = [];
    private readonly Dictionary<(string Receiver, string Writer, string Topic, int Partition), Queue<ConflictWrite>> _unseen = [];
    private readonly Dictionary<(string Receiver, string Writer, string Topic, int Partition), List<ConflictWrite>> _seen = [];
    private readonly List<ConflictVerdict> _verdicts = [];
    private readonly Dictionary<((string, string) Sites, string Topic, int Q), double> _open = [];
    private readonly Dictionary<((string, string) Sites, string Topic, int Q), int> _shared = [];
    private double _openKeys;

    /// <param name="maxVerdicts">How many settled pairs to keep for a narration (0: none).</param>
    public ConflictLedger(RunContext run, int maxVerdicts = 0)
    {
        _run = run;
        _maxVerdicts = maxVerdicts;
    }

    /// <summary>Conflicting keys after the warm-up (expected count over batch pairs).</summary>
    public double ConflictKeys { get; private set; }

    /// <summary>Updates lost under last-write-wins by CreateTime after the warm-up: conflict losers and sequential writes the skew reversed.</summary>
    public double LostLastWriteWins { get; private set; }

    /// <summary>Updates lost under site priority after the warm-up: the lower-ranked site's side of each conflict.</summary>
    public double LostSitePriority { get; private set; }

    /// <summary>The longest time from a conflict's later write until both writes were in both sites (to the run's end if never).</summary>
    public SimDuration ConvergenceMax { get; private set; }

    /// <summary>The most keys in conflict and not yet settled in both sites at any moment.</summary>
    public double DivergedKeysMax { get; private set; }

    /// <summary>Settled pairs kept for a narration, in time order.</summary>
    public IReadOnlyList<ConflictVerdict> Verdicts => _verdicts;

    /// <summary>Whether the plan has any partners at all (otherwise the ledger watches nothing).</summary>
    public bool Watching => _partners.Count > 0;

    /// <summary>Finds the partners from the plan's flows and producers and watches every cluster that has one.</summary>
    public void ClustersBuilt()
    {
        var plan = _run.Plan;
        for (int i = 0; i < plan.Model.Clusters.Count; i++) _rank[plan.Model.Clusters[i].Name] = i;
        foreach (var app in plan.Apps.Where(a => a.Role == AppRole.Producer && a.Workload is { Keys: > 0 }))
            _keys[(app.Cluster, app.Topic)] = Math.Max(_keys.GetValueOrDefault((app.Cluster, app.Topic)), app.Workload!.Keys);
        var reach = Reach(plan);
        foreach (var (x, topic) in _keys.Keys.OrderBy(k => k.Cluster, StringComparer.Ordinal).ThenBy(k => k.Topic, StringComparer.Ordinal))
        {
            var partners = _keys.Keys.Where(k => k.Topic == topic && k.Cluster != x && reach.Contains((x, k.Cluster)) && reach.Contains((k.Cluster, x)))
                .Select(k => k.Cluster).Order(StringComparer.Ordinal).ToList();
            if (partners.Count > 0) _partners[(x, topic)] = partners;
        }
        if (!Watching) return;
        var sim = _run.Simulation;
        foreach (var name in plan.Model.Clusters.Select(c => c.Name))
        {
            if (sim.MirrorMaker is { } mm) _byId[mm.ClusterId(name)] = name;
            sim.EventsOf(name).Add(new Watch(this, name));
        }
    }

    /// <summary>Pairs (from, to) such that what is written on <c>from</c> reaches <c>to</c> through MirrorMaker 2 flows.</summary>
    private static HashSet<(string, string)> Reach(DeploymentPlan plan)
    {
        var edges = plan.Model.MirrorMaker.SelectMany(c => c.Flows).Select(f => (f.Source, f.Target)).ToHashSet();
        var reach = new HashSet<(string, string)>(edges);
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (a, b) in reach.ToList())
            {
                foreach (var (c, d) in edges.Where(e => e.Source == b && e.Target != a))
                    grew |= reach.Add((a, d));
            }
        }
        return reach;
    }

    /// <summary>At the end of the run: conflicts whose writes never both arrived converge at the end.</summary>
    public void Finish(SimTime end)
    {
        foreach (var q in _unseen.Values)
        {
            foreach (var w in q)
            {
                if (w.ConflictSince is { } since && since >= _run.WarmupEnd && end - since > ConvergenceMax) ConvergenceMax = end - since;
            }
        }
    }

    private int[] Domain(int keys, int partitions)
    {
        if (!_domains.TryGetValue((keys, partitions), out var d)) _domains[(keys, partitions)] = d = KeyDomain.PerPartition(keys, partitions);
        return d;
    }

    private void LocalWrite(string site, SimTime at, int partitionIndex, in RecordBatch batch)
    {
        var p = _run.Cluster(site).Context.Partitions[partitionIndex];
        string topic = p.Topic.Name;
        if (!_partners.TryGetValue((site, topic), out var partners)) return;
        int q = p.NumberInTopic, parts = p.Topic.Partitions;
        int keys = _keys[(site, topic)];
        int domain = Domain(keys, parts)[q];
        // The batch followed what had reached its site when the application made it, not when it was appended.
        var created = batch.CreateTime - ClockOffset(site);
        if (created > at) created = at;
        var w = new ConflictWrite(site, batch.BaseOffset, batch.Count, created, at, batch.CreateTime, KeyDomain.Distinct(batch.Count, domain));
        bool measuring = _run.Measuring(at);
        foreach (var other in partners)
        {
            int otherKeys = _keys[(other, topic)];
            var space = new PairSpace(domain, Domain(otherKeys, parts)[q], Domain(Math.Min(keys, otherKeys), parts)[q]);
            var key = (site, other, topic, q);
            _unseen.TryGetValue(key, out var unseen);
            _seen.TryGetValue(key, out var seen);
            Concurrent(w, unseen, seen, space, (Pair(site, other), topic, q), measuring);
            if (seen is not null) Reversals(w, seen, space, $"{topic}-{q}", measuring);
            Queue(other, site, topic, q).Enqueue(w);
        }
    }

    /// <summary>The key domains of one partition at two partner sites: each site's own, and the keys both draw from.</summary>
    private readonly record struct PairSpace(int Mine, int Theirs, int Shared)
    {
        /// <summary>
        /// Expected keys of a batch with <paramref name="distinct"/> keys (from <see cref="Mine"/>) that the partner's
        /// batches also wrote, given the product of those batches' miss probabilities: each covers d/Theirs of its
        /// domain uniformly, so the union covers 1 - Π(1 - d/Theirs) of the shared keys.
        /// </summary>
        public double Hit(double distinct, double missProduct) =>
            Mine <= 0 || Shared <= 0 ? 0 : distinct * Shared / Mine * (1 - missProduct);

        public double Miss(ConflictWrite other) => Theirs <= 0 ? 1 : 1 - other.DistinctKeys / Theirs;
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    private Queue<ConflictWrite> Queue(string receiver, string writer, string topic, int q)
    {
        if (!_unseen.TryGetValue((receiver, writer, topic, q), out var queue)) _unseen[(receiver, writer, topic, q)] = queue = new Queue<ConflictWrite>();
        return queue;
    }

    /// <summary>
    /// <paramref name="w"/> is appended while the partner's <paramref name="unseen"/> writes have not reached this site:
    /// each key of <paramref name="w"/> that one of them also wrote is a conflict, settled against the partner's newest
    /// write (the value the partner holds now). One conflicting key loses one update under LWW and under site priority.
    /// </summary>
    private void Concurrent(ConflictWrite w, Queue<ConflictWrite>? unseen, List<ConflictWrite>? seen, PairSpace space, ((string, string) Sites, string Topic, int Q) where, bool measuring)
    {
        double miss = 1;
        int count = 0;
        ConflictWrite? newest = null;
        // Writes that arrived after the application made its batch but before the append are concurrent too.
        for (int i = (seen?.Count ?? 0) - 1; i >= 0 && seen![i].Arrived > w.Created; i--)
        {
            miss *= space.Miss(seen[i]);
            newest ??= seen[i];
            count++;
        }
        foreach (var e in unseen ?? (IEnumerable<ConflictWrite>)[])
        {
            miss *= space.Miss(e);
            newest = e;
            count++;
        }
        double c = space.Hit(w.DistinctKeys, miss);
        if (c <= 0 || newest is null) return;
        w.ConflictSince ??= w.Appended;
        newest.ConflictSince ??= w.Appended;
        // Each conflicting key is settled when both writes are in both sites: half with each arrival, all with w's if the other is already here.
        w.ConflictKeys += newest.Arrived is null ? c : 2 * c;
        if (newest.Arrived is null) newest.ConflictKeys += c;
        Open(where, space.Shared, c);
        if (!measuring) return;
        ConflictKeys += c;
        LostLastWriteWins += c;
        LostSitePriority += c;
        if (_verdicts.Count >= _maxVerdicts || (_lastConflictVerdict is { } lc && w.Appended - lc < VerdictSpacing)) return;
        _lastConflictVerdict = w.Appended;
        var lww = LwwWinner(w, newest);
        var loser = ReferenceEquals(lww, w) ? newest : w;
        var priority = _rank[w.Site] < _rank[newest.Site] ? w : newest;
        string why = lww.CreateTime == loser.CreateTime ? "equal timestamps, broken by site order" : $"its timestamp {Ts(lww.CreateTime)} is later than {Ts(loser.CreateTime)}";
        string partition = $"{where.Topic}-{where.Q}";
        _verdicts.Add(new ConflictVerdict(w.Appended.TotalSeconds, partition, true, c,
            $"{partition}: {w.Site} wrote {w.Count} record{(w.Count == 1 ? "" : "s")} at {Ts(w.Appended)} (timestamp {Ts(w.CreateTime)}) while {newest.Site}'s write of {Ts(newest.Appended)} " +
            $"(timestamp {Ts(newest.CreateTime)}) and {count - 1} earlier had not reached {w.Site}: a conflict on ~{Num(c)} keys. " +
            $"Last-write-wins keeps {lww.Site}'s ({why}); site priority keeps {priority.Site}'s ({priority.Site} ranks first); " +
            "vector clocks find the versions concurrent and keep both for the application; a CRDT counter adds both increments."));
    }

    /// <summary>Adds (or with a negative count settles) conflicting keys of one partition of a pair; disagreement is capped by the keys they share.</summary>
    private void Open(((string, string) Sites, string Topic, int Q) where, int shared, double keys)
    {
        double before = _open.GetValueOrDefault(where);
        double after = Math.Max(0, before + keys);
        _open[where] = after;
        _openKeys += Math.Min(after, shared) - Math.Min(before, shared);
        _shared[where] = shared;
        DivergedKeysMax = Math.Max(DivergedKeysMax, _openKeys);
    }

    /// <summary>LWW's winner: the later CreateTime; on a tie the higher-ranked site (a deterministic tie-break).</summary>
    private ConflictWrite LwwWinner(ConflictWrite a, ConflictWrite b) =>
        a.CreateTime != b.CreateTime ? (a.CreateTime > b.CreateTime ? a : b) : (_rank[a.Site] < _rank[b.Site] ? a : b);

    /// <summary>Sequential writes LWW reverses: <paramref name="w"/> follows writes of the partner that already arrived here, yet carries an earlier timestamp.</summary>
    private void Reversals(ConflictWrite w, List<ConflictWrite> seen, PairSpace space, string partition, bool measuring)
    {
        double miss = 1;
        ConflictWrite? latest = null;
        for (int i = seen.Count - 1; i >= 0; i--)
        {
            var a = seen[i];
            if (a.CreateTime + TimestampSlack < w.CreateTime) break;
            if (a.CreateTime <= w.CreateTime || a.Arrived > w.Created) continue;
            miss *= space.Miss(a);
            latest ??= a;
        }
        double lost = space.Hit(w.DistinctKeys, miss);
        if (!measuring || latest is null || lost <= 0) return;
        LostLastWriteWins += lost;
        if (_verdicts.Count >= _maxVerdicts || (_lastReversalVerdict is { } lr && w.Appended - lr < VerdictSpacing)) return;
        _lastReversalVerdict = w.Appended;
        _verdicts.Add(new ConflictVerdict(w.Appended.TotalSeconds, partition, false, lost,
            $"{partition}: {w.Site} wrote at {Ts(w.Appended)} after {latest.Site}'s write of {Ts(latest.Appended)} had reached it (at {Ts(latest.Arrived ?? latest.Appended)}), " +
            $"but {latest.Site}'s timestamp {Ts(latest.CreateTime)} is later than {w.Site}'s {Ts(w.CreateTime)} (the clocks disagree by more than the gap): " +
            $"last-write-wins keeps {latest.Site}'s older value and loses ~{Num(lost)} updates of {w.Site}; " +
            "site priority, vector clocks and a CRDT counter keep the later write (it is no conflict: it happened after)."));
    }

    private static string Num(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);

    private void Arrival(string receiver, SimTime at, in RecordBatch batch)
    {
        if (!_byId.TryGetValue(batch.Origin.Cluster, out var writer)) return;
        var p = _run.Cluster(writer).Context.Partitions[batch.Origin.Partition];
        var key = (receiver, writer, p.Topic.Name, p.NumberInTopic);
        if (!_unseen.TryGetValue(key, out var unseen)) return;
        long end = batch.Origin.Offset + batch.Count;
        if (!_seen.TryGetValue(key, out var seen)) _seen[key] = seen = [];
        while (unseen.Count > 0 && unseen.Peek().EndOffset <= end)
        {
            var w = unseen.Dequeue();
            w.Arrived = at;
            if (w.ConflictSince is { } since)
            {
                var where = (Pair(receiver, writer), p.Topic.Name, p.NumberInTopic);
                Open(where, _shared.GetValueOrDefault(where), -w.ConflictKeys / 2);
                if (since >= _run.WarmupEnd && at - since > ConvergenceMax) ConvergenceMax = at - since;
            }
            seen.Add(w);
        }
        int old = 0;
        while (old < seen.Count && seen[old].Arrived is { } arrived && at - arrived > ReversalHorizon) old++;
        if (old > 0) seen.RemoveRange(0, old);
    }

    /// <summary>The clock offset of the site's producers now (the network's per-node offset, which clock-skew faults move).</summary>
    private SimDuration ClockOffset(string site)
    {
        foreach (var app in _run.Apps)
        {
            if (app.Placement.Role == AppRole.Producer && app.Cluster.Name == site) return _run.Simulation.Network.ClockOffset(app.Node);
        }
        return SimDuration.Zero;
    }

    private static string Ts(SimTime t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    /// <summary>One cluster's leader appends: local batches are writes, mirrored ones are arrivals of a partner's writes.</summary>
    private sealed class Watch(ConflictLedger ledger, string cluster) : IKafkaObserver
    {
        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
        {
            if (!asLeader) return;
            if (batch.Origin.IsSet) ledger.Arrival(cluster, at, batch);
            else ledger.LocalWrite(cluster, at, partition, batch);
        }
    }
}
