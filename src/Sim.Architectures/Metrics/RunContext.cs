using Sim.Architectures.Applications;
using Sim.Architectures.Faults;
using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Architectures.Tiering;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Broker;
using Sim.MirrorMaker.Failover;

namespace Sim.Architectures.Metrics;

/// <summary>
/// What a run's probes may read: the simulation, the plan, the options, the applications and the client ids
/// they started, the failover controllers, the remote tiers, the fault windows and the end of the warm-up.
/// It has no setters and hands out read-only views. Probes are built with it before the simulation exists,
/// so that their observers see every event the clusters emit; they read it while the run plays and at its end.
/// </summary>
public sealed class RunContext
{
    private readonly DeploymentRun _run;
    private readonly IReadOnlyDictionary<(string Cluster, int Client), Application> _clients;

    internal RunContext(DeploymentRun run, IReadOnlyDictionary<(string Cluster, int Client), Application> clients)
    {
        _run = run;
        _clients = clients;
        WarmupEnd = SimTime.Zero + run.Options.Warmup;
    }

    public Simulation Simulation => _run.Simulation;
    public DeploymentPlan Plan => _run.Plan;
    public RunOptions Options => _run.Options;
    public IReadOnlyList<Application> Apps => _run.Apps;
    public IReadOnlyDictionary<string, FailoverController> Failovers => _run.Failovers;
    public IReadOnlyList<RemoteTier> RemoteTiers => _run.RemoteTiers;

    /// <summary>The clients that bootstrap through an access layer (none without one).</summary>
    public IReadOnlyList<Sim.Kafka.Access.BootstrapClient> Bootstraps => _run.BootstrapClients;

    /// <summary>The faults the plan schedules, in plan order.</summary>
    public IReadOnlyList<Fault> PlannedFaults => _run.Faults.Faults;

    /// <summary>The faults that began so far, in the order they began.</summary>
    public IReadOnlyList<FaultWindow> FaultWindows => _run.Faults.Windows;

    /// <summary>The faults that began, and the conditional ones that never did (for faults.csv and traces).</summary>
    public IReadOnlyList<FaultWindow> FaultOutcomes => _run.Faults.Outcomes;

    /// <summary>Measurements start here; faults may still be scheduled before it.</summary>
    public SimTime WarmupEnd { get; }

    public SimTime End => _run.End;

    /// <summary>The detail windows and skipped spans of a hybrid run; null when it is simulated in detail throughout.</summary>
    public HybridSchedule? Hybrid => _run.Faults.Hybrid;
    public SimTime Now => _run.Simulation.Scheduler.Now;

    public bool Measuring(SimTime at) => at >= WarmupEnd;

    public KafkaCluster Cluster(string name) => _run.Simulation.Cluster(name);

    // The last client found: every probe's observer asks for the client of the same event in turn, and a client's
    // application never changes once it started (client ids are handed out once), so a hit needs no hashing.
    private string? _lastCluster;
    private int _lastClient;
    private Application? _lastApp;

    /// <summary>The application whose client <paramref name="clientId"/> of <paramref name="cluster"/> is, or null (MirrorMaker 2's own clients).</summary>
    public Application? AppOf(string cluster, int clientId)
    {
        if (clientId == _lastClient && ReferenceEquals(cluster, _lastCluster)) return _lastApp;
        var app = _clients.GetValueOrDefault((cluster, clientId));
        // Only a found application is remembered: a client not (yet) started may be later.
        if (app is not null) (_lastCluster, _lastClient, _lastApp) = (cluster, clientId, app);
        return app;
    }

    /// <summary>
    /// Whether a client can no longer reach <paramref name="cluster"/> at all: every broker of it is down
    /// (crashed, or dark with its zone). Applications without failover have nowhere else to go.
    /// </summary>
    public static bool Unreachable(KafkaCluster cluster) => cluster.Brokers.All(b => !b.Alive);

    private readonly Dictionary<KafkaCluster, KafkaBroker[]> _brokers = [];

    /// <summary>
    /// The brokers of <paramref name="cluster"/> indexed by id (null where no broker has that id), for probes that look
    /// brokers up on every event or partition; a cluster's brokers are fixed once it is built.
    /// </summary>
    public KafkaBroker?[] BrokersById(KafkaCluster cluster)
    {
        if (ReferenceEquals(cluster, _lastBrokersOf)) return _lastBrokers!;
        if (!_brokers.TryGetValue(cluster, out var byId))
        {
            byId = new KafkaBroker[cluster.Brokers.Count == 0 ? 0 : cluster.Brokers.Max(b => b.Id) + 1];
            foreach (var b in cluster.Brokers) byId[b.Id] = b;
            _brokers[cluster] = byId;
        }
        (_lastBrokersOf, _lastBrokers) = (cluster, byId);
        return byId;
    }

    private KafkaCluster? _lastBrokersOf;
    private KafkaBroker?[]? _lastBrokers;

    /// <summary>As <see cref="Unreachable(KafkaCluster)"/>, without allocating.</summary>
    public bool UnreachableNow(KafkaCluster cluster)
    {
        foreach (var b in BrokersById(cluster))
        {
            if (b is not null && b.Alive) return false;
        }
        return true;
    }

    /// <summary>Calls <paramref name="handler"/> as each fault begins (true) and ends (false).</summary>
    public void OnFaultChanged(Action<FaultWindow, bool> handler) => _run.Faults.Changed += handler;
}
