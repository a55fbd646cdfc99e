using System.Globalization;
using Sim.Architectures.Conflicts;
using Sim.Architectures.Faults;
using Sim.Architectures.Metrics;
using Sim.Architectures.Runtime;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;
using Sim.Network.Transport;
using Sim.Results;

namespace Sim.Experiments.Tracing;

/// <summary>What a trace keeps besides the narrated entries: how often partitions are sampled, and the window of messages.</summary>
public sealed record TraceOptions
{
    public SimDuration SampleInterval { get; init; } = SimDuration.FromMilliseconds(100);

    /// <summary>The start of the message window (null: half a window before the first fault, or the end of the warm-up).</summary>
    public SimTime? MessagesAt { get; init; }

    public SimDuration MessageWindow { get; init; } = SimDuration.FromMilliseconds(60);

    /// <summary>A bound on the messages kept, so a busy window stays drawable.</summary>
    public int MaxMessages { get; init; } = 400;

    /// <summary>A bound on the partitions sampled per cluster (topics in declaration order).</summary>
    public int MaxPartitions { get; init; } = 24;
}

/// <summary>
/// Tells what a run did in plain sentences as it happens: faults and repairs, fencing, controller and
/// leader elections, ISR changes, truncations, producer errors and recoveries, failovers, and at the end
/// every acknowledged range that was lost with the chain that explains it. It also samples each
/// partition's leader, ISR and high watermark, and copies the messages of one window of time for a
/// space-time diagram. It only reads the model: observers, a network tap and a sampling event.
/// </summary>
public sealed class TraceRecorder : IRunProbe, IEventHandler, INetworkTap
{
    private readonly TraceOptions _o;
    private readonly List<TraceEntry> _entries = [];
    private readonly Dictionary<(string Cluster, int Partition), List<PartitionSample>> _samples = [];
    private readonly List<(string Cluster, int Partition)> _sampled = [];
    private readonly List<MessageHop> _messages = [];
    private readonly Dictionary<(int Client, int Partition, ErrorCode Error), ErrorRun> _errorRuns = [];
    private readonly Dictionary<(int Client, int Partition), SimTime> _failingSince = [];
    private readonly RunContext _run;
    private readonly ConflictLedger _conflicts;
    private int _kSample;
    private SimTime _windowFrom, _windowTo;

    /// <summary>A recorder for the run of <paramref name="context"/>: pass <c>ctx => new TraceRecorder(ctx, options)</c> as one of the run's probes.</summary>
    public TraceRecorder(RunContext context, TraceOptions? options = null)
    {
        _run = context;
        _o = options ?? new TraceOptions();
        _conflicts = new ConflictLedger(context, maxVerdicts: 24);
    }

    /// <summary>Watches for write conflicts between partner sites, to tell how each was settled.</summary>
    public void ClustersBuilt() => _conflicts.ClustersBuilt();

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new ClusterTrace(this, cluster)];

    /// <summary>Starts watching faults, messages and partitions of the run.</summary>
    public void Start()
    {
        var run = _run;
        run.OnFaultChanged(FaultChanged);
        var firstFault = run.PlannedFaults.Count > 0 ? run.PlannedFaults[0].At : (SimTime?)null;
        var half = SimDuration.FromNanoseconds(_o.MessageWindow.Nanoseconds / 2);
        _windowFrom = _o.MessagesAt ?? (firstFault is { } f ? (f - SimTime.Zero > half ? f - half : SimTime.Zero) : run.WarmupEnd);
        _windowTo = _windowFrom + _o.MessageWindow;
        run.Simulation.Network.Tap = this;
        foreach (var (name, cluster) in run.Simulation.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var p in cluster.Context.Partitions.Where(p => Traced(p)).Take(_o.MaxPartitions))
            {
                _sampled.Add((name, p.Index));
                _samples[(name, p.Index)] = [];
            }
        }
        _kSample = run.Simulation.Scheduler.Kinds.Register("trace:sample");
        run.Simulation.Scheduler.Schedule(SimDuration.Zero, this, _kSample, priority: 127);
    }

    private static bool Traced(PartitionInfo p) =>
        !p.Topic.Name.StartsWith("__", StringComparison.Ordinal) && !p.Topic.Name.EndsWith("heartbeats", StringComparison.Ordinal);

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        foreach (var (name, index) in _sampled)
        {
            var cluster = _run.Cluster(name);
            var ps = cluster.PartitionState(index);
            long hw = -1, leo = -1;
            if (ps.Leader >= 0 && cluster.Broker(ps.Leader) is { Alive: true } b && b.Replica(index) is { IsLeader: true } r)
            {
                hw = r.Log.HighWatermark;
                leo = r.Log.LogEndOffset;
            }
            _samples[(name, index)].Add(new PartitionSample(S(scheduler.Now), ps.Leader, ps.Isr, hw, leo));
        }
        if (scheduler.Now + _o.SampleInterval <= _run.End) scheduler.Schedule(_o.SampleInterval, this, _kSample, priority: 127);
    }

    void INetworkTap.Delivered(NetMessage message, Node from, Node to, SimTime at)
    {
        if (message.SentAt < _windowFrom || message.SentAt > _windowTo || _messages.Count >= _o.MaxMessages) return;
        _messages.Add(new MessageHop(MessageName(message), from.Name, to.Name, S(message.SentAt), S(at)));
    }

    private static string MessageName(NetMessage m)
    {
        string n = m.GetType().Name;
        return m is FetchRequest { ReplicaId: >= 0 } ? "FetchRequest (replica)" : n;
    }

    /// <summary>The trace of the run so far, with its failovers and the <paramref name="losses"/> measured now (call at the end).</summary>
    public RunTrace Finish(string experiment, int runId, IReadOnlyList<ClusterLoss> losses)
    {
        var run = _run;
        FlushErrorRuns();
        foreach (var (name, fc) in run.Failovers.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (fc.DeclaredAt is { } d)
                Add(d, "failover", $"failover '{name}' declares {fc.Primary.Name} lost and moves its applications to {fc.Standby.Name}");
            foreach (var (app, at, toStandby) in fc.Switches)
            {
                bool consumer = run.Apps.Any(a => a.Name == app && a.Placement.Role == Sim.Architectures.Templates.AppRole.Consumer);
                string target = toStandby ? fc.Standby.Name : fc.Primary.Name;
                Add(at, "failover", consumer
                    ? $"consumer application '{app}' switches to {target} and resumes from the offsets MirrorMaker 2 last translated for its group (auto.offset.reset where none were)"
                    : $"producer application '{app}' switches to {target}");
            }
        }
        foreach (var v in _conflicts.Verdicts)
            _entries.Add(new TraceEntry(v.TimeS, "conflict", v.Text) { Partition = v.Partition });
        foreach (var loss in MergedLosses(losses))
        {
            var r = loss.Range;
            string where = loss.LostEverywhere < r.Count ? $" ({r.Count - loss.LostEverywhere} of them survive in a mirror)" : "";
            _entries.Add(new TraceEntry(S(run.Simulation.Scheduler.Now), "lost",
                $"offsets {r.BaseOffset}-{r.BaseOffset + r.Count - 1} of {loss.Partition} ({r.Count} records acknowledged with acks={Acks(r.Acks)}) are lost on {loss.Cluster}{where}")
            {
                Cluster = loss.Cluster, Partition = loss.Partition, FirstOffset = r.BaseOffset, LastOffset = r.BaseOffset + r.Count - 1,
                LeaderEpoch = r.LeaderEpoch, Because = r.Steps,
            });
        }
        // A fault is applied before it is announced, so its first consequences share its instant: tell the fault first.
        var entries = _entries.Select((e, i) => (e, i)).OrderBy(x => x.e.TimeS).ThenBy(x => x.e.Kind is "fault" or "repair" ? 0 : 1).ThenBy(x => x.i)
            .Select(x => x.e).ToList();
        var partitions = _sampled.Select(k =>
        {
            var cluster = run.Cluster(k.Cluster);
            return new PartitionHistory(k.Cluster, cluster.Context.Partitions[k.Partition].Name, cluster.PartitionState(k.Partition).Replicas, _samples[k]);
        }).ToList();
        var faults = run.FaultOutcomes.Select(w => new FaultInterval(w.Kind, w.Resolved, S(w.Start), w.End is { } e ? S(e) : null)).ToList();
        var used = _messages.SelectMany(m => new[] { m.From, m.To }).ToHashSet(StringComparer.Ordinal);
        var hosts = run.Simulation.Topology.Nodes.Where(n => used.Contains(n.Name))
            .OrderBy(n => n.Zone.Name, StringComparer.Ordinal).ThenBy(n => RoleOrder(n)).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => new TraceHost(n.Name, n.Zone.Name, RoleName(n))).ToList();
        return new RunTrace(experiment, runId, S(run.Simulation.Scheduler.Now), entries, partitions, faults, hosts, _messages, S(_windowFrom), S(_windowTo));
    }

    /// <summary>
    /// Joins lost ranges that continue each other (same cluster, partition, epoch and acks; the ledger cuts its
    /// ranges every 100 ms of acknowledgements to date losses precisely), so one truncation reads as one loss.
    /// </summary>
    private static IEnumerable<ClusterLoss> MergedLosses(IReadOnlyList<ClusterLoss> losses)
    {
        ClusterLoss? open = null;
        foreach (var l in losses)
        {
            if (open is not null && open.Cluster == l.Cluster && open.Range.Partition == l.Range.Partition && open.Range.LeaderEpoch == l.Range.LeaderEpoch &&
                open.Range.Acks == l.Range.Acks && open.Range.BaseOffset + open.Range.Count == l.Range.BaseOffset)
            {
                var r = open.Range;
                long count = r.Count + l.Range.Count;
                var merged = r with
                {
                    Count = count, LastAckedAt = l.Range.LastAckedAt,
                    Steps = [AckLedger.AcknowledgedStep(r.BaseOffset, count, r.LeaderEpoch, r.Acks, r.FirstAckedAt, l.Range.LastAckedAt), .. r.Steps.Skip(1)],
                };
                open = open with { Range = merged, LostEverywhere = open.LostEverywhere + l.LostEverywhere };
                continue;
            }
            if (open is not null) yield return open;
            open = l;
        }
        if (open is not null) yield return open;
    }

    private static int RoleOrder(Node n) => n.Is(NodeRole.Client) ? 0 : n.Is(NodeRole.Broker) ? 1 : n.Is(NodeRole.Controller) ? 2 : 3;

    private static string RoleName(Node n) =>
        n.Is(NodeRole.Client) ? "client" : n.Is(NodeRole.Broker) ? "broker" : n.Is(NodeRole.Controller) ? "controller" : "worker";

    // ---- narration ----

    private static double S(SimTime t) => Math.Round(t.Nanoseconds / 1e9, 6);

    private static string Acks(short acks) => acks == -1 ? "all" : acks.ToString(CultureInfo.InvariantCulture);

    private void Add(SimTime at, string kind, string text, string? cluster = null) =>
        _entries.Add(new TraceEntry(S(at), kind, text) { Cluster = cluster });

    private string PartitionName(string cluster, int partition) =>
        _run.Simulation.Clusters.TryGetValue(cluster, out var c) == true ? c.Context.Partitions[partition].Name : $"p{partition}";

    private string ClientName(int client) => _run.Simulation.ClientIds.NameOf(client);

    private void FaultChanged(FaultWindow w, bool began)
    {
        string consequence = w.Spec switch
        {
            BrokerCrash => began ? ": the broker stops heartbeating to the controller and stops answering" : ": the broker starts again and catches up",
            Outage =>
                began ? ": its brokers stop heartbeating to the controller and stop answering" : ": its brokers start again and catch up",
            NetworkPartition => began ? ": messages across the cut are dropped" : ": messages flow again",
            _ => "",
        };
        if (began) Add(w.Start, "fault", $"fault begins: {w.Kind} of {w.Resolved}{consequence}");
        else Add(w.End ?? w.Start, "repair", $"fault ends: {w.Kind} of {w.Resolved}{consequence}");
    }

    private void PartitionChanged(string cluster, SimTime at, PartitionState? before, PartitionState after, string cause)
    {
        if (before is null) return;
        string name = PartitionName(cluster, after.Partition);
        var brokers = before.Isr.Concat(after.Isr).Append(before.Leader).Append(after.Leader).Where(b => b >= 0).Distinct().Order().ToList();
        string isrPart = Same(before.Isr, after.Isr) ? "" :
            after.Isr.Length < before.Isr.Length ? $"the ISR shrinks from {PartitionState.Format(before.Isr)} to {PartitionState.Format(after.Isr)}"
            : after.Isr.Length > before.Isr.Length ? $"the ISR expands from {PartitionState.Format(before.Isr)} to {PartitionState.Format(after.Isr)}"
            : $"the ISR changes from {PartitionState.Format(before.Isr)} to {PartitionState.Format(after.Isr)}";
        string kind, text;
        if (after.Leader != before.Leader || after.LeaderEpoch != before.LeaderEpoch)
        {
            kind = "leader";
            string lead = after.Leader < 0
                ? $"{name} has no leader from epoch {after.LeaderEpoch} (offline; broker {before.Leader} led epoch {before.LeaderEpoch})"
                : before.Leader < 0
                    ? $"{name} gets a leader again: broker {after.Leader} at epoch {after.LeaderEpoch}"
                    : before.Leader == after.Leader
                        ? $"{name}: broker {after.Leader} stays leader in a new epoch {after.LeaderEpoch}"
                        : $"{name}: the leader moves from broker {before.Leader} to broker {after.Leader} at epoch {after.LeaderEpoch}";
            text = isrPart.Length > 0 ? $"{lead}, and {isrPart}" : lead;
        }
        else if (isrPart.Length > 0)
        {
            kind = "isr";
            text = $"{name}: {isrPart}";
        }
        else if (!Same(before.Elr, after.Elr))
        {
            kind = "elr";
            text = $"{name}: the eligible leader replicas (KIP-966) change from {PartitionState.Format(before.Elr)} to {PartitionState.Format(after.Elr)}";
        }
        else return;
        _entries.Add(new TraceEntry(S(at), kind, $"{text} ({cause})")
        {
            Cluster = cluster, Partition = name, Brokers = brokers, Leader = after.Leader, LeaderEpoch = after.LeaderEpoch, Isr = after.Isr,
        });
    }

    private static bool Same(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);

    private void Truncated(string cluster, SimTime at, int broker, int partition, long to, long removed, string cause)
    {
        string name = PartitionName(cluster, partition);
        _entries.Add(new TraceEntry(S(at), "truncation",
            $"broker {broker} truncates {name} to offset {to}, removing {removed} records (offsets {to}-{to + removed - 1}): {cause}")
        {
            Cluster = cluster, Partition = name, Brokers = [broker], FirstOffset = to, LastOffset = to + removed - 1,
        });
    }

    /// <summary>Producer errors of one client, partition and error, merged while they keep coming within a second.</summary>
    private sealed class ErrorRun
    {
        public required string Cluster;
        public required SimTime First;
        public SimTime Last;
        public int Requests;
        public long Records;
        public bool Final;
    }

    private static readonly SimDuration ErrorMerge = SimDuration.FromSeconds(1);

    private void ProduceError(string cluster, SimTime at, int client, int partition, int records, ErrorCode error, bool final)
    {
        var key = (client, partition, error);
        if (_errorRuns.TryGetValue(key, out var run) && run.Final == final && at - run.Last <= ErrorMerge)
        {
            run.Last = at;
            run.Requests++;
            run.Records += records;
        }
        else
        {
            if (run is not null) Flush(key, run);
            _errorRuns[key] = new ErrorRun { Cluster = cluster, First = at, Last = at, Requests = 1, Records = records, Final = final };
        }
        _failingSince.TryAdd((client, partition), at);
    }

    private void Flush((int Client, int Partition, ErrorCode Error) key, ErrorRun run)
    {
        string name = PartitionName(run.Cluster, key.Partition);
        string times = run.Requests == 1 ? "" : $" {run.Requests} times until {S(run.Last).ToString("0.000", CultureInfo.InvariantCulture)} s";
        string text = run.Final
            ? $"{ClientName(key.Client)} gives up on {run.Records} records for {name}: {key.Error.KafkaName()}{times}"
            : $"{ClientName(key.Client)}: a produce to {name} fails with {key.Error.KafkaName()} and is retried{times} ({run.Records} records)";
        _entries.Add(new TraceEntry(S(run.First), run.Final ? "failure" : "retry", text) { Cluster = run.Cluster, Partition = name, Client = key.Client });
    }

    private void FlushErrorRuns()
    {
        foreach (var (key, run) in _errorRuns.OrderBy(k => k.Value.First).ThenBy(k => k.Key.Client).ThenBy(k => k.Key.Partition)) Flush(key, run);
        _errorRuns.Clear();
    }

    private void Acked(string cluster, SimTime at, int client, int partition, in RecordBatch batch, short acks)
    {
        if (!_failingSince.Remove((client, partition), out var since)) return;
        foreach (var key in _errorRuns.Keys.Where(k => k.Client == client && k.Partition == partition).OrderBy(k => _errorRuns[k].First).ThenBy(k => k.Error).ToList())
        {
            Flush(key, _errorRuns[key]);
            _errorRuns.Remove(key);
        }
        string name = PartitionName(cluster, partition);
        string offsets = batch.BaseOffset >= 0 ? $" at offset {batch.BaseOffset} in epoch {batch.LeaderEpoch}" : "";
        _entries.Add(new TraceEntry(S(at), "recovered",
            $"{ClientName(client)}: writes to {name} are acknowledged again{offsets} (acks={Acks(acks)}), {(at - since).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s after the first error")
        {
            Cluster = cluster, Partition = name, Client = client,
        });
    }

    /// <summary>The observer of one cluster: forwards to the recorder with the cluster's name.</summary>
    private sealed class ClusterTrace(TraceRecorder t, string cluster) : IKafkaObserver
    {
        public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause) => t.PartitionChanged(cluster, at, before, after, cause);

        public void BrokerFenced(SimTime at, int brokerId, string cause) =>
            t._entries.Add(new TraceEntry(S(at), "fenced", $"the controller fences broker {brokerId}: {cause}") { Cluster = cluster, Brokers = [brokerId] });

        public void BrokerUnfenced(SimTime at, int brokerId) =>
            t._entries.Add(new TraceEntry(S(at), "unfenced", $"broker {brokerId} is unfenced: it heartbeats again and has caught up with the metadata") { Cluster = cluster, Brokers = [brokerId] });

        public void LogDirFailed(SimTime at, int brokerId, int dir, string cause) =>
            t._entries.Add(new TraceEntry(S(at), "log-dir", $"broker {brokerId} takes log directory {dir} offline (KIP-112): {cause}") { Cluster = cluster, Brokers = [brokerId] });

        public void ControllerElected(SimTime at, int controllerId, int epoch) =>
            t._entries.Add(new TraceEntry(S(at), "controller", $"controller {controllerId} wins the quorum election and becomes the active controller at epoch {epoch}")
            { Cluster = cluster, Brokers = [controllerId] });

        public void ControllerResigned(SimTime at, int controllerId, int epoch, string cause) =>
            t._entries.Add(new TraceEntry(S(at), "controller", $"controller {controllerId} stops leading the quorum (epoch {epoch}): {cause}")
            { Cluster = cluster, Brokers = [controllerId] });

        public void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) =>
            t.Truncated(cluster, at, brokerId, partition, toOffset, removedRecords, cause);

        public void ProduceRetried(SimTime at, int producerId, int partition, int records, ErrorCode error) =>
            t.ProduceError(cluster, at, producerId, partition, records, error, final: false);

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error) =>
            t.ProduceError(cluster, at, producerId, partition, records, error, final: true);

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
            t.Acked(cluster, at, producerId, partition, batch, acks);
    }
}
