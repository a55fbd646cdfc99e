using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.MirrorMaker.Connect;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Failover;

/// <summary>
/// Applications that run against a primary cluster and move to a standby when the primary fails, and back
/// when it returns, as <see cref="FailoverConfig"/> says: detection (probe or operator), redirection (DNS
/// TTL or reconfiguration) and where consumers resume (checkpoint, synced offsets, or
/// <c>auto.offset.reset</c>). A producer that moves closes its old client (records it still held are
/// reported failed) and writes the same topic name on the other cluster; a consumer that moves reads the
/// remote copy of its topic there, and the local topic of that name, which the moved producers write.
/// On failback consumers resume from what their group committed on the primary before it failed.
/// The times of each step are kept for RTO, and what each side was written for reconciliation.
/// </summary>
public sealed class FailoverController : IEventHandler
{
    /// <summary>Client ids of the applications and the probe, clear of MirrorMaker's and the tests'.</summary>
    public const int FirstClientId = 300_000;

    private readonly Scheduler _s;
    private readonly RngStream _rng;
    private readonly List<App> _apps = [];
    private readonly int _kSwitch, _kDeclare, _kFailback;
    private int _nextClientId;
    private int _consecutive;

    public FailoverController(Scheduler scheduler, RngStreams streams, KafkaCluster primary, KafkaCluster standby, MirrorFlow flow, FailoverConfig config, Node probeNode,
        int firstClientId = FirstClientId)
    {
        _s = scheduler;
        _nextClientId = firstClientId;
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
    public FailoverConfig Config { get; }
    public Node ProbeNode { get; }

    /// <summary>When the disaster was declared (null: not yet).</summary>
    public SimTime? DeclaredAt { get; private set; }

    /// <summary>When the primary was seen healthy again after a declaration.</summary>
    public SimTime? RecoveredAt { get; private set; }

    /// <summary>When each application client started on the standby, and on the primary again.</summary>
    public List<(string App, SimTime At, bool ToStandby)> Switches { get; } = [];

    /// <summary>Records acknowledged to the applications' producers on the standby, and on the primary.</summary>
    public long AckedOnStandby { get; private set; }
    public long AckedOnPrimary { get; private set; }

    /// <summary>An application's producer or consumer client was created (at start, on a switch, or on resuming).</summary>
    public event Action<string, KafkaProducer>? ProducerStarted;

    public event Action<string, KafkaConsumer>? ConsumerStarted;

    private sealed class App(string name, string topic, Node node)
    {
        public string Name { get; } = name;
        public string Topic { get; } = topic;
        public Node Node { get; } = node;
        public ProducerConfig? ProducerConfig;
        public WorkloadConfig? Workload;
        public ConsumerConfig? ConsumerConfig;
        public KafkaProducer? Producer;
        public KafkaConsumer? Consumer;
        public bool OnStandby;
        public bool Suspended;
    }

    /// <summary>The application's consumer now (on whichever cluster it runs).</summary>
    public KafkaConsumer? ConsumerOf(string app) => _apps.FirstOrDefault(a => a.Name == app)?.Consumer;

    /// <summary>The cluster an application runs against now.</summary>
    public KafkaCluster ClusterOf(string app) => _apps.First(a => a.Name == app).OnStandby ? Standby : Primary;

    public KafkaProducer AddProducer(string name, Node node, ProducerConfig config, WorkloadConfig workload)
    {
        var app = new App(name, workload.Topic, node) { ProducerConfig = config, Workload = workload };
        _apps.Add(app);
        app.Producer = Primary.AddProducer(_nextClientId++, node, config, workload);
        app.Producer.Start();
        ProducerStarted?.Invoke(name, app.Producer);
        return app.Producer;
    }

    public KafkaConsumer AddConsumer(string name, Node node, ConsumerConfig config, string topic)
    {
        var app = new App(name, topic, node) { ConsumerConfig = config };
        _apps.Add(app);
        app.Consumer = Primary.AddConsumer(_nextClientId++, node, config, Partitions(Primary, topic));
        app.Consumer.Start();
        ConsumerStarted?.Invoke(name, app.Consumer);
        return app.Consumer;
    }

    /// <summary>
    /// The application's host went down: its clients stop, and records its producer still held are lost
    /// with it (reported failed). A switch that comes due meanwhile only changes where it will resume.
    /// </summary>
    public void Suspend(string name)
    {
        var app = _apps.First(a => a.Name == name);
        if (app.Suspended) return;
        app.Suspended = true;
        app.Producer?.Stop(reportUnsent: true);
        app.Consumer?.Stop();
    }

    /// <summary>The host is back: the application starts new clients on the cluster it uses now; consumers resume from their group's committed offsets there.</summary>
    public void Resume(string name)
    {
        var app = _apps.First(a => a.Name == name);
        if (!app.Suspended) return;
        app.Suspended = false;
        StartClients(app, app.OnStandby ? Standby : Primary, fromCheckpoint: false);
    }

    /// <summary>Starts watching the primary (probe detection only).</summary>
    public void Start()
    {
        if (Config.Detection != DetectionKind.Probe) return;
        var watched = _apps.SelectMany(a => Partitions(Primary, a.Topic)).Distinct().Order().ToList();
        _ = new HealthProbe(Primary.Context, _nextClientId++, ProbeNode, Config, watched, Probed);
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

    private void Probed(bool healthy)
    {
        bool declared = DeclaredAt is not null;
        // Failures count towards a declaration; after one, successes count towards recovery.
        _consecutive = healthy == declared ? _consecutive + 1 : 0;
        if (_consecutive < Config.ProbeFailures) return;
        _consecutive = 0;
        if (!declared) Declare();
        else if (RecoveredAt is null) Recovered();
    }

    private void Declare()
    {
        DeclaredAt = _s.Now;
        for (int i = 0; i < _apps.Count; i++) _s.Schedule(RedirectDelay(), this, _kSwitch, i, true);
    }

    private void Recovered()
    {
        RecoveredAt = _s.Now;
        if (Config.Failback) _s.Schedule(Config.FailbackDelay, this, _kFailback);
    }

    private SimDuration RedirectDelay() => Config.Redirect == RedirectKind.Dns
        ? SimDuration.FromNanosecondsRounded(_rng.NextDouble() * Config.DnsTtl.Nanoseconds)
        : Config.ReconfigureDelay;

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kDeclare) { if (DeclaredAt is null) Declare(); }
        else if (ev.Kind == _kFailback)
        {
            for (int i = 0; i < _apps.Count; i++) _s.Schedule(RedirectDelay(), this, _kSwitch, i, false);
        }
        else if (ev.Kind == _kSwitch) Switch(_apps[(int)ev.Arg], (bool)ev.State!);
    }

    private void Switch(App app, bool toStandby)
    {
        if (app.OnStandby == toStandby) return;
        app.OnStandby = toStandby;
        Switches.Add((app.Name, _s.Now, toStandby));
        if (app.Suspended) return;
        app.Producer?.Stop(reportUnsent: true);
        app.Consumer?.Stop();
        StartClients(app, toStandby ? Standby : Primary, fromCheckpoint: true);
    }

    private void StartClients(App app, KafkaCluster cluster, bool fromCheckpoint)
    {
        bool toStandby = cluster == Standby;
        if (app.Producer is not null)
        {
            app.Producer = cluster.AddProducer(_nextClientId++, app.Node, app.ProducerConfig!, app.Workload! with { Start = _s.Now });
            app.Producer.Start();
            ProducerStarted?.Invoke(app.Name, app.Producer);
        }
        if (app.Consumer is not null)
        {
            var partitions = toStandby
                ? Partitions(Standby, Flow.RemoteTopic(app.Topic)).Concat(Flow.RemoteTopic(app.Topic) == app.Topic ? [] : Partitions(Standby, app.Topic)).ToList()
                : Partitions(Primary, app.Topic);
            var c = cluster.AddConsumer(_nextClientId++, app.Node, app.ConsumerConfig!, partitions);
            if (toStandby && fromCheckpoint)
            {
                switch (Config.ConsumersResume)
                {
                    case ResumeKind.Checkpoint: c.StartOffsetsGroup = ConnectCluster.CheckpointGroup(Flow.Config.Source, app.ConsumerConfig!.GroupId); break;
                    case ResumeKind.AutoOffsetReset: c.StartPositions = Enumerable.Repeat(-1L, partitions.Count).ToList(); break;
                }
            }
            app.Consumer = c;
            c.Start();
            ConsumerStarted?.Invoke(app.Name, c);
        }
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

    private bool IsApplicationProducer(int producerId) => producerId >= FirstClientId && _apps.Any(a => a.Producer?.Id == producerId);

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
