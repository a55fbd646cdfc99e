using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.MirrorMaker.Connect;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Failover;

/// <summary>
/// Decides when applications that run against a primary cluster move to a standby, and back when the
/// primary returns, as <see cref="FailoverConfig"/> says: detection (probe or operator), redirection (DNS
/// TTL or reconfiguration) and where consumers resume (checkpoint, synced offsets, or
/// <c>auto.offset.reset</c>). The applications own their clients (<see cref="IFailoverFollower"/>); the
/// controller tells each one where to go. A producer that moves writes the same topic name on the other
/// cluster; a consumer that moves reads the remote copy of its topic there, and the local topic of that
/// name, which the moved producers write. On failback consumers resume from what their group committed on
/// the primary before it failed. The times of each step are kept for RTO, and what each side was written
/// for reconciliation.
/// </summary>
public sealed class FailoverController : IEventHandler
{
    private readonly Scheduler _s;
    private readonly RngStream _rng;
    private readonly List<IFailoverFollower> _followers = [];
    private readonly ClientIdBlock _clientIds;
    private readonly int _kSwitch, _kDeclare, _kFailback;

    // Registered by the first switchover only, so runs without one keep their event kinds and fingerprints.
    private int _kDrain = -1, _kProducersCheck = -1;
    private ProbeStreak _streak;
    private readonly List<KafkaProducer> _draining = [];

    // The direction of the drain under way: to the standby (a switchover) or back to the primary (a planned failback).
    private bool _drainToStandby = true;
    private MirrorFlow DrainFlow => _drainToStandby ? Flow : ReverseFlow!;
    private KafkaCluster DrainTarget => _drainToStandby ? Standby : Primary;

    /// <param name="clientIds">Where the probe's client id comes from (the followers draw theirs from the same block).</param>
    /// <param name="reverseFlow">MirrorMaker 2's flow from the standby back to the primary, when there is one: failback is then planned.</param>
    public FailoverController(Scheduler scheduler, RngStreams streams, KafkaCluster primary, KafkaCluster standby, MirrorFlow flow, FailoverConfig config, Node probeNode,
        ClientIdBlock clientIds, MirrorFlow? reverseFlow = null)
    {
        ReverseFlow = reverseFlow;
        _s = scheduler;
        _clientIds = clientIds;
        _rng = streams.Get("failover");
        Primary = primary;
        Standby = standby;
        Flow = flow;
        Config = config;
        ProbeNode = probeNode;
        _kSwitch = scheduler.Kinds.Register("failover:switch-client");
        _kDeclare = scheduler.Kinds.Register("failover:declare");
        _kFailback = scheduler.Kinds.Register("failover:failback");
        Standby.Context.Events.Add(new AckCounter(this, onStandby: true));
        Primary.Context.Events.Add(new AckCounter(this, onStandby: false));
    }

    public KafkaCluster Primary { get; }
    public KafkaCluster Standby { get; }
    public MirrorFlow Flow { get; }

    /// <summary>MirrorMaker 2's flow from the standby back to the primary (null: none, so a failback leaves the standby's writes there).</summary>
    public MirrorFlow? ReverseFlow { get; }

    /// <summary>When, in a planned failback, the drained producers had stopped and the reverse flow had copied everything the standby acknowledged.</summary>
    public SimTime? ReverseCaughtUpAt { get; private set; }
    public FailoverConfig Config { get; }
    public Node ProbeNode { get; }

    /// <summary>When the disaster was declared (null: not yet).</summary>
    public SimTime? DeclaredAt { get; private set; }

    /// <summary>When a planned switchover began (null: none was asked for).</summary>
    public SimTime? SwitchoverBegan { get; private set; }

    /// <summary>When, in a planned switchover, the drained producers had stopped and the mirror had copied everything the primary acknowledged.</summary>
    public SimTime? MirrorCaughtUpAt { get; private set; }

    /// <summary>How often a planned switchover checks whether the producers have drained and the mirror lag is zero.</summary>
    public static readonly SimDuration DrainCheckInterval = SimDuration.FromSeconds(1);

    /// <summary>When the primary was seen healthy again after a declaration.</summary>
    public SimTime? RecoveredAt { get; private set; }

    /// <summary>When each application client started on the standby, and on the primary again.</summary>
    public List<(string App, SimTime At, bool ToStandby)> Switches { get; } = [];

    /// <summary>Records acknowledged to the applications' producers on the standby, and on the primary.</summary>
    public long AckedOnStandby { get; private set; }
    public long AckedOnPrimary { get; private set; }

    /// <summary>The applications that follow this controller, in the order they joined (the order switches are scheduled in).</summary>
    public IReadOnlyList<IFailoverFollower> Followers => _followers;

    /// <summary>An application running on the primary joins: it moves when a failover or failback is declared.</summary>
    public void Follow(IFailoverFollower app) => _followers.Add(app);

    /// <summary>Starts watching the primary (probe detection only).</summary>
    public void Start()
    {
        if (Config.Detection != DetectionKind.Probe) return;
        var watched = _followers.SelectMany(a => Partitions(Primary, a.Topic)).Distinct().Order().ToList();
        int probeId = _clientIds.Next($"failover probe of cluster {Primary.Name} (from {ProbeNode.Name})");
        _ = new HealthProbe(Primary.Context, probeId, ProbeNode, Config, watched, Probed);
    }

    /// <summary>The fault plan tells an operator that the primary's site is down (operator detection).</summary>
    public void OutageBegan()
    {
        if (Config.Detection == DetectionKind.Operator && DeclaredAt is null) _s.Schedule(Config.OperatorDelay, this, _kDeclare);
    }

    /// <summary>The fault plan tells the operator the primary is back.</summary>
    public void OutageEnded()
    {
        if (Config.Detection == DetectionKind.Operator && DeclaredAt is not null) Recovered();
    }

    /// <summary>
    /// A planned switchover (the controlled failover of Confluent's and MirrorMaker 2's runbooks, KIP-382's
    /// "planned migration"): the applications' producers are drained (closed, their requests on the wire still
    /// answered); once they have stopped and the mirror has copied every record up to each source partition's
    /// high watermark (MirrorSourceConnector's lag zero), the operator waits one
    /// <c>emit.checkpoints.interval.seconds</c> so that MirrorCheckpointConnector writes a checkpoint of what the
    /// consumers, still reading the primary, committed after the last record; then consumers move and resume at
    /// those translated offsets (RemoteClusterUtils.translateOffsets), and producers move after them. Nothing the
    /// primary acknowledged is left behind, unlike an unplanned failover, which strands the mirror lag.
    /// </summary>
    public void Switchover()
    {
        if (DeclaredAt is not null) return;
        SwitchoverBegan = DeclaredAt = _s.Now;
        BeginDrain(toStandby: true);
    }

    /// <summary>Closes the followers' producers and starts checking for the drain (<see cref="Switchover"/>, planned failback).</summary>
    private void BeginDrain(bool toStandby)
    {
        _drainToStandby = toStandby;
        _draining.Clear();
        if (_kDrain < 0)
        {
            _kDrain = _s.Kinds.Register("failover:drain-check");
            _kProducersCheck = _s.Kinds.Register("failover:producers-check");
        }
        foreach (var app in _followers)
        {
            if (app.StopProducing() is not { } p) continue;
            _closedProducers.Add(p.Id);
            _draining.Add(p);
        }
        _s.Schedule(DrainCheckInterval, this, _kDrain);
    }

    /// <summary>Whether the drained producers have stopped and the flow has copied every source partition up to its high watermark.</summary>
    private bool Drained()
    {
        if (_draining.Any(p => !p.Stopped)) return false;
        var flow = DrainFlow;
        foreach (int p in flow.SourcePartitions)
        {
            if (flow.Source.FinalLog(p) is not { } log) continue;
            if (Math.Max(flow.ReplicatedEnd(p), log.LogStartOffset) < log.HighWatermark) return false;
        }
        return true;
    }

    private void OnDrainCheck()
    {
        if (!Drained()) { _s.Schedule(DrainCheckInterval, this, _kDrain); return; }
        if (_drainToStandby) MirrorCaughtUpAt = _s.Now;
        else ReverseCaughtUpAt = _s.Now;
        var wait = DrainFlow.Config.EmitCheckpointsInterval;
        // Consumers first, at the checkpoint written after the drain. Producers follow once every consumer reads
        // the standby from known positions: a consumer still joining would otherwise place the local topic's
        // first records behind its auto.offset.reset=latest position and skip them.
        for (int i = 0; i < _followers.Count; i++)
            if (_followers[i].GroupId is not null) _s.Schedule(wait, this, _kSwitch, i, _drainToStandby);
        _s.Schedule(wait + DrainCheckInterval, this, _kProducersCheck);
    }

    private void OnProducersCheck()
    {
        if (_followers.Any(a => a.GroupId is not null && (a.Cluster != DrainTarget || !a.ConsumerPositioned)))
        {
            _s.Schedule(DrainCheckInterval, this, _kProducersCheck);
            return;
        }
        for (int i = 0; i < _followers.Count; i++)
            if (_followers[i].GroupId is null) _s.Schedule(SimDuration.Zero, this, _kSwitch, i, _drainToStandby);
    }

    private void Probed(bool healthy)
    {
        // A planned switchover leaves the primary healthy: its probes declare nothing and trigger no failback.
        if (SwitchoverBegan is not null) return;
        bool declared = DeclaredAt is not null;
        // Failures count towards a declaration; after one, successes count towards recovery.
        if (!_streak.Completes(healthy, declared, Config.ProbeFailures)) return;
        if (!declared) Declare();
        else if (RecoveredAt is null) Recovered();
    }

    private void Declare()
    {
        DeclaredAt = _s.Now;
        for (int i = 0; i < _followers.Count; i++) _s.Schedule(RedirectDelay(), this, _kSwitch, i, true);
    }

    private void Recovered()
    {
        RecoveredAt = _s.Now;
        if (Config.Failback) _s.Schedule(Config.FailbackDelay, this, _kFailback);
    }

    /// <summary>
    /// Back to the primary once it has been healthy for <c>failback.delay</c>. Without a reverse flow the clients are
    /// simply redirected, leaving what they wrote on the standby there (<see cref="Reconcile"/> counts it). With one,
    /// the failback is the planned switchover run backwards (Confluent's "Failback" runbook for MirrorMaker 2 and
    /// Cluster Linking): producers on the standby drained, the reverse flow caught up, one checkpoint interval, then
    /// consumers back on the primary reading its topic from their group's commits there and the standby's remote
    /// copy from the reverse flow's translated checkpoint, then producers.
    /// </summary>
    private void Failback()
    {
        if (ReverseFlow is null)
        {
            for (int i = 0; i < _followers.Count; i++) _s.Schedule(RedirectDelay(), this, _kSwitch, i, false);
            return;
        }
        BeginDrain(toStandby: false);
    }

    private SimDuration RedirectDelay() => ProbeStreak.RedirectDelay(Config, _rng);

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kDeclare) { if (DeclaredAt is null) Declare(); }
        else if (ev.Kind == _kFailback) Failback();
        else if (ev.Kind == _kDrain) OnDrainCheck();
        else if (ev.Kind == _kProducersCheck) OnProducersCheck();
        else if (ev.Kind == _kSwitch) Switch(_followers[(int)ev.Arg], (bool)ev.State!);
    }

    private void Switch(IFailoverFollower app, bool toStandby)
    {
        if ((app.Cluster == Standby) == toStandby) return;
        Switches.Add((app.Name, _s.Now, toStandby));
        // The producer the application closes still has its last requests answered: their acks still count.
        if (app.Producer is { } closing) _closedProducers.Add(closing.Id);
        app.MoveTo(toStandby ? Standby : Primary, ResumePointOf(app, toStandby));
    }

    /// <summary>
    /// Where a consumer reads after a switch: on the standby the remote copy of its topic and the local topic
    /// of that name, from the translated checkpoint, or its group's offsets there (synced by MirrorMaker 2, or
    /// none: then <c>auto.offset.reset</c>, applied when the consumer has joined its group on the standby);
    /// back on the primary its own topic from what its group committed there.
    /// </summary>
    private ResumePoint ResumePointOf(IFailoverFollower app, bool toStandby)
    {
        if (!toStandby && ReverseFlow is { } back)
        {
            // The primary's own topic from the group's commits there; the standby's copy from the reverse checkpoint.
            string copy = back.RemoteTopic(app.Topic);
            var both = Partitions(Primary, app.Topic).Concat(copy == app.Topic ? [] : Partitions(Primary, copy)).ToList();
            return app.GroupId is { } group
                ? new ResumePoint(both) { OffsetsGroup = ConnectCluster.CheckpointGroup(back.Config.Source, group), OwnGroupWhereNone = true }
                : new ResumePoint(both);
        }
        if (!toStandby) return new ResumePoint(Partitions(Primary, app.Topic));
        string remote = Flow.RemoteTopic(app.Topic);
        var partitions = Partitions(Standby, remote).Concat(remote == app.Topic ? [] : Partitions(Standby, app.Topic)).ToList();
        return Config.ConsumersResume switch
        {
            ResumeKind.Checkpoint when app.GroupId is { } g => new ResumePoint(partitions) { OffsetsGroup = ConnectCluster.CheckpointGroup(Flow.Config.Source, g) },
            _ => new ResumePoint(partitions),
        };
    }

    /// <summary>
    /// What must be reconciled after a failover, for <paramref name="topic"/>: records on the primary that
    /// never reached the standby (acknowledged, then stranded by the failure), and records written on the
    /// standby that the primary does not hold (without a reverse flow, everything written during failover).
    /// </summary>
    public Reconciliation Reconcile(MirrorMakerDeployment mirrorMaker, string topic)
    {
        int primaryId = mirrorMaker.ClusterId(Primary.Name), standbyId = mirrorMaker.ClusterId(Standby.Name);
        var onPrimary = Audit.RecordIdentity.InTopics(Primary, primaryId, [topic, .. ReverseTopics(mirrorMaker, topic)]);
        var onStandby = Audit.RecordIdentity.InTopics(Standby, standbyId, [topic, Flow.RemoteTopic(topic)]);
        return new Reconciliation(Audit.RecordIdentity.Missing(onPrimary, onStandby, primaryId), Audit.RecordIdentity.Missing(onStandby, onPrimary, standbyId));
    }

    private IEnumerable<string> ReverseTopics(MirrorMakerDeployment mm, string topic) =>
        mm.Flows.Where(f => f.Config.Source == Standby.Name && f.Config.Target == Primary.Name).Select(f => f.RemoteTopic(topic));

    private static List<int> Partitions(KafkaCluster cluster, string topic) =>
        cluster.Context.Partitions.Where(p => p.Topic.Name == topic).Select(p => p.Index).ToList();

    private readonly HashSet<int> _closedProducers = [];

    private bool IsApplicationProducer(int producerId) => _closedProducers.Contains(producerId) || _followers.Any(a => a.Producer?.Id == producerId);

    private sealed class AckCounter(FailoverController owner, bool onStandby) : IKafkaObserver
    {
        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (!owner.IsApplicationProducer(producerId)) return;
            if (onStandby) owner.AckedOnStandby += batch.Count;
            else owner.AckedOnPrimary += batch.Count;
        }
    }
}

/// <summary>Records only one side holds after a failover: stranded on the primary, and written only on the standby.</summary>
public sealed record Reconciliation(long PrimaryOnly, long StandbyOnly);
