using Sim.Architectures.Applications;
using Sim.Architectures.Faults;
using Sim.Architectures.Metrics;
using Sim.Architectures.Templates;
using Sim.Architectures.Tiering;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.MirrorMaker.Failover;

namespace Sim.Architectures.Runtime;

/// <summary>How long a run lasts, what it measures, and with which seed.</summary>
public sealed record RunOptions(ulong Seed, SimDuration Duration)
{
    /// <summary>Measurements start after the warm-up; faults may still be scheduled inside it.</summary>
    public SimDuration Warmup { get; init; } = SimDuration.FromSeconds(10);

    /// <summary>The width of one row of the time series.</summary>
    public SimDuration TimeseriesInterval { get; init; } = SimDuration.FromSeconds(1);

    public bool CheckInvariants { get; init; }

    public Prices Prices { get; init; } = Prices.AwsDefaults;

    /// <summary>A bound on events, so a run that would never end fails instead.</summary>
    public long EventCap { get; init; } = 2_000_000_000;

    /// <summary>Hybrid fidelity's windows (<c>fidelity: hybrid</c>); null simulates the whole run in detail.</summary>
    public HybridOptions? Hybrid { get; init; }
}

/// <summary>
/// One run of a deployment: the simulation built from a template's plan, its applications, failover
/// controllers and remote tiers, the fault plan, and the metrics. <see cref="Run"/> plays it to the end.
/// </summary>
public sealed class DeploymentRun
{
    private readonly List<Application> _apps = [];
    private readonly Dictionary<string, FailoverController> _failovers = new(StringComparer.Ordinal);
    private readonly List<StandbyFlowsFailover> _standbyFlows = [];
    private readonly List<RemoteTier> _tiers = [];
    private readonly SortedDictionary<string, Sim.Kafka.Access.AccessLayer> _access = new(StringComparer.Ordinal);
    private readonly List<Sim.Kafka.Access.BootstrapClient> _bootstraps = [];
    private readonly Dictionary<(string Cluster, int Client), Application> _clients = [];

    /// <param name="probes">More probes (a trace), built with the run's context after the measuring ones and called after them.</param>
    /// <param name="observersOf">More observers per cluster name (an invariant checker), registered after the probes' before anything starts.</param>
    public DeploymentRun(DeploymentPlan plan, FaultPlan faults, RunOptions options, IEnumerable<Func<RunContext, IRunProbe>>? probes = null,
        Func<string, IEnumerable<Sim.Kafka.Observation.IKafkaObserver>>? observersOf = null)
    {
        Plan = plan;
        Options = options;
        Probes = new RunProbes(new RunContext(this, _clients), probes ?? []);
        Simulation = Simulation.Build(plan.Model, plan.Settings, options.Seed, checkInvariants: options.CheckInvariants,
            observersOf: c => [.. Probes.ObserversOf(c), .. observersOf?.Invoke(c) ?? []]);
        Probes.ClustersBuilt();
        // Each failover controller's followers and probe draw ids from its own block; the other applications share one.
        var failoverIds = new Dictionary<string, Sim.Kafka.Clients.ClientIdBlock>(StringComparer.Ordinal);
        foreach (var fp in plan.Failovers)
        {
            var mm = Simulation.MirrorMaker ?? throw new ArgumentException($"failover '{fp.Name}' needs MirrorMaker 2 between '{fp.Primary}' and '{fp.Standby}'");
            failoverIds[fp.Name] = Simulation.ClientIds.Failover(failoverIds.Count);
            _failovers[fp.Name] = new FailoverController(Simulation.Scheduler, Simulation.Streams, Simulation.Cluster(fp.Primary), Simulation.Cluster(fp.Standby),
                mm.Flow(fp.Primary, fp.Standby), fp.Config, Simulation.ClientNode(fp.ProbeZone), failoverIds[fp.Name],
                mm.Flows.FirstOrDefault(f => f.Config.Source == fp.Standby && f.Config.Target == fp.Primary));
        }
        foreach (var sp in plan.StandbyFlows)
        {
            var mm = Simulation.MirrorMaker ?? throw new ArgumentException($"failover '{sp.Name}' needs MirrorMaker 2");
            var primary = Simulation.Cluster(sp.Primary);
            var failover = new StandbyFlowsFailover(sp.Name, Simulation.Scheduler, Simulation.Streams, primary, mm,
                sp.Flows.Select(f => mm.Flow(f.Source, f.Target)).ToList(), sp.Config, Simulation.ClientNode(sp.ProbeZone),
                Simulation.ClientIds.Failover(failoverIds.Count + _standbyFlows.Count));
            _standbyFlows.Add(failover);
        }
        var appIds = Simulation.ClientIds.Applications();
        foreach (var placement in plan.Apps)
        {
            var failover = placement.Failover is null ? null : _failovers[placement.Failover];
            var ids = placement.Failover is null ? appIds : failoverIds[placement.Failover];
            var app = new Application(placement, Simulation.ClientNode(placement.Zone), Simulation.Scheduler, Simulation.Cluster(placement.Cluster), ids, failover);
            app.ClientStarted += (a, id, cluster) => _clients[(cluster.Name, id)] = a;
            _apps.Add(app);
        }
        if (plan.Access is { } access) StartAccess(access);
        foreach (var app in _apps) app.Start();
        foreach (var fc in _failovers.Values) fc.Start();
        foreach (var sf in _standbyFlows) sf.Start();
        foreach (var tp in plan.RemoteTiers)
            _tiers.Add(new RemoteTier(Simulation, Simulation.Cluster(tp.Cluster), tp));
        Faults = new FaultInjector(this, faults);
        // Logs roll and expire by horizon time: in a hybrid run the spans skipped between windows count (HorizonClock).
        if (Faults.Hybrid is { } schedule)
            foreach (var c in Simulation.Clusters.Values) c.Context.Horizon.Attach(schedule);
        Probes.Start();
        // A fault that waits for a condition starts at a time not known in advance, so its windows keep their length.
        if (Faults.Hybrid is { } hybrid && options.Hybrid?.Settle is { } settle && !Faults.HasConditionalFaults)
            Closer = new HybridCloser(this, hybrid, settle, Probes.All.OfType<HorizonProbe>().Single(), Probes.Partitions);
    }

    /// <summary>What closes a hybrid run's detail windows once it has recovered (<c>hybrid.settle</c>); null otherwise.</summary>
    public HybridCloser? Closer { get; }

    public DeploymentPlan Plan { get; }
    public RunOptions Options { get; }
    public Simulation Simulation { get; }
    /// <summary>What measures the run: the probes, and the result they contribute to.</summary>
    public RunProbes Probes { get; }
    public FaultInjector Faults { get; }
    public IReadOnlyList<Application> Apps => _apps;

    public IReadOnlyDictionary<string, FailoverController> Failovers => _failovers;

    /// <summary>The failovers that resume a standby's MirrorMaker 2 flows (a hub standby), in plan order.</summary>
    public IReadOnlyList<StandbyFlowsFailover> StandbyFlowFailovers => _standbyFlows;

    /// <summary>The access layer of each client cluster (by name), when the plan has one.</summary>
    public IReadOnlyDictionary<string, Sim.Kafka.Access.AccessLayer> AccessLayers => _access;

    /// <summary>The bootstrap clients, one per application zone and cluster, in the order the applications were placed.</summary>
    public IReadOnlyList<Sim.Kafka.Access.BootstrapClient> BootstrapClients => _bootstraps;

    /// <summary>
    /// An access layer per cluster the applications start against, its health checks leaving from the first
    /// application zone of that cluster, and a bootstrap client in every application zone.
    /// </summary>
    private void StartAccess(Sim.Kafka.Access.AccessConfig config)
    {
        var ids = Simulation.ClientIds.Block(Sim.Kafka.Clients.ClientIds.AccessFirst);
        foreach (var (zone, cluster) in Plan.Apps.Select(a => (a.Zone, a.Cluster)).Distinct())
        {
            var ctx = Simulation.Cluster(cluster).Context;
            if (!_access.TryGetValue(cluster, out var layer))
            {
                _access[cluster] = layer = new Sim.Kafka.Access.AccessLayer(ctx, config, HealthChecks(ctx, config, zone, ids));
                // Application clients (producers, consumers, MirrorMaker 2's) rebootstrap through it too (KIP-899).
                var bootstrapLayer = layer;
                ctx.BootstrapServers = () => new Sim.Kafka.Access.AccessBootstrapServers(bootstrapLayer);
            }
            _bootstraps.Add(new Sim.Kafka.Access.BootstrapClient(ctx, ids.Next($"bootstrap of {cluster} from {zone}"), Simulation.ClientNode(zone), layer));
        }
    }
    /// <summary>
    /// A load balancer's checkers, one on its node in each zone holding brokers (in broker order), checking that zone's
    /// brokers or, with cross-zone load balancing, all of them; a VIP's or DNS's single checker in the first
    /// application zone of the cluster.
    /// </summary>
    private List<(string, Sim.Kafka.Access.TargetHealthCheck)> HealthChecks(ClusterContext ctx, Sim.Kafka.Access.AccessConfig config, string appZone, Sim.Kafka.Clients.ClientIdBlock ids)
    {
        if (config.Kind == Sim.Kafka.Access.AccessKind.Dns)
        {
            return CheckerZones(ctx.Name, config).Select(z => (z, new Sim.Kafka.Access.TargetHealthCheck(ctx,
                ids.Next(z == appZone ? $"health check of {ctx.Name}" : $"health check of {ctx.Name} from {z}"), Simulation.ClientNode(z), config))).ToList();
        }
        if (config.Kind == Sim.Kafka.Access.AccessKind.Vip)
            return [(appZone, new Sim.Kafka.Access.TargetHealthCheck(ctx, ids.Next($"health check of {ctx.Name}"), Simulation.ClientNode(appZone), config))];
        var checks = new List<(string, Sim.Kafka.Access.TargetHealthCheck)>();
        foreach (var zone in ctx.BrokerIds.Select(ctx.BrokerRack).Distinct())
        {
            var covered = config.CrossZone ? null : Enumerable.Range(0, ctx.BrokerIds.Count).Where(i => ctx.BrokerRack(ctx.BrokerIds[i]) == zone).ToList();
            checks.Add((zone, new Sim.Kafka.Access.TargetHealthCheck(ctx, ids.Next($"health check of {ctx.Name} from its load balancer node in {zone}"),
                Simulation.ClientNode(zone), config, covered)));
        }
        return checks;
    }

    /// <summary>
    /// Where Route 53's checkers of a cluster's DNS name run: <c>health.check.regions</c> (a region stands for its first
    /// zone), or by default the first application zone in each region that holds an application (of any cluster: Route 53's
    /// checkers are global), in placement order.
    /// </summary>
    private List<string> CheckerZones(string cluster, Sim.Kafka.Access.AccessConfig config)
    {
        var regions = Plan.Model.Network.Topology.Regions;
        if (config.HealthCheckRegions is { } named)
            return named.Select(n => regions.FirstOrDefault(g => g.Name == n) is { } g ? g.Zones[0].Name : n).Distinct().ToList();
        string RegionOf(string zone) => regions.First(g => g.Zones.Any(z => z.Name == zone)).Name;
        var zones = Plan.Apps.Where(a => a.Cluster == cluster).Concat(Plan.Apps).Select(a => a.Zone).Distinct();
        return zones.GroupBy(RegionOf).Select(g => g.First()).ToList();
    }

    public IReadOnlyList<RemoteTier> RemoteTiers => _tiers;

    /// <summary>Where the run's simulated horizon ends (<see cref="RunOptions.Duration"/> from zero).</summary>
    public SimTime Horizon => SimTime.Zero + Options.Duration;

    /// <summary>Where the detailed clock ends: the horizon, or in hybrid fidelity the detail windows laid end to end.</summary>
    public SimTime End => Faults?.Hybrid?.DetailEnd ?? Horizon;

    /// <summary>Runs to <paramref name="until"/> (default: the end of the run).</summary>
    public void RunUntil(SimTime until) => Simulation.Scheduler.Run(until, Options.EventCap);

    /// <summary>Plays the run to its end and measures it.</summary>
    public RunResult Run()
    {
        RunUntil(End);
        return Probes.Result();
    }

    public KafkaCluster Cluster(string name) => Simulation.Cluster(name);
}
