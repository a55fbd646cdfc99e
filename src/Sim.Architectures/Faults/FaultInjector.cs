using Sim.Architectures.Runtime;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Controller;
using Sim.Network.Faults;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Architectures.Faults;

/// <summary>A fault as it happened: what it resolved to, and when it began and ended (null: still on at the end).</summary>
public sealed record FaultWindow(FaultSpec Spec, string Resolved, SimTime Start, SimTime? End)
{
    public string Kind => FaultPlan.NameOf(Spec.Kind);
}

/// <summary>
/// Injects a fault plan into a run: stochastic faults are drawn up front from the fault stream and join
/// the scheduled ones; each fault resolves its target when it fires and is repaired after its duration.
/// Nodes hit by overlapping faults stay down until the last of them ends.
/// </summary>
public sealed class FaultInjector : IEventHandler
{
    private readonly DeploymentRun _run;
    private readonly Scheduler _s;
    private readonly RngStream _rng;
    private readonly int _kBegin, _kEnd;
    private readonly Dictionary<int, int> _downCount = [];
    private readonly List<FaultWindow> _windows = [];
    private readonly Dictionary<int, Action> _repairs = [];
    private int _nextRepair;

    public FaultInjector(DeploymentRun run, FaultPlan plan)
    {
        _run = run;
        _s = run.Simulation.Scheduler;
        _rng = run.Simulation.Streams.Get("faults");
        _kBegin = _s.Kinds.Register("fault:begin");
        _kEnd = _s.Kinds.Register("fault:end");
        var errors = FaultValidation.Check(plan, run.Plan);
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")));
        var all = plan.Scheduled.Concat(Draw(plan.Stochastic, run.End)).OrderBy(f => f.At).ToList();
        Faults = all;
        foreach (var f in all) _s.ScheduleAt(f.At, this, _kBegin, 0, f);
    }

    /// <summary>Every fault of the run, scheduled and drawn, in time order.</summary>
    public IReadOnlyList<FaultSpec> Faults { get; }

    /// <summary>The faults that fired, as they resolved.</summary>
    public IReadOnlyList<FaultWindow> Windows => _windows;

    /// <summary>Raised when a fault begins and when it ends.</summary>
    public event Action<FaultWindow, bool>? Changed;

    private IEnumerable<FaultSpec> Draw(IReadOnlyList<StochasticFaults> classes, SimTime end)
    {
        var drawn = new List<FaultSpec>();
        foreach (var c in classes)
        {
            var mttr = c.Mttr.Build();
            foreach (var component in ComponentsOf(c.ComponentClass))
            {
                var t = SimTime.Zero;
                while (true)
                {
                    t += SimDuration.FromSeconds(_rng.NextExponential(c.Mtbf.TotalSeconds));
                    if (t >= end) break;
                    var repair = SimDuration.Max(SimDuration.FromMilliseconds(1), mttr.SampleDuration(_rng));
                    var kind = c.ComponentClass switch
                    {
                        "broker" => FaultKind.BrokerCrash,
                        "controller" => FaultKind.ControllerCrash,
                        "mm2-worker" => FaultKind.WorkerCrash,
                        _ => FaultKind.ZoneOutage,
                    };
                    drawn.Add(new FaultSpec(kind, t, repair, new FaultTarget(component)) { Mode = c.Mode, Key = c.Key });
                    t += repair;
                }
            }
        }
        return drawn;
    }

    private IEnumerable<string> ComponentsOf(string componentClass)
    {
        var model = _run.Plan.Model;
        return componentClass switch
        {
            "broker" => model.Clusters.SelectMany(c => c.Brokers).Select(b => b.Name),
            "controller" => model.Clusters.SelectMany(c => c.Controllers).Select(b => b.Name),
            "mm2-worker" => model.MirrorMaker.SelectMany(c => c.Workers),
            _ => model.Network.Topology.Regions.SelectMany(r => r.Zones).Select(z => z.Name),
        };
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kBegin) Begin((FaultSpec)ev.State!);
        else if (ev.Kind == _kEnd && _repairs.Remove((int)ev.Arg, out var repair)) repair();
    }

    private void Begin(FaultSpec f)
    {
        var (what, repair) = Apply(f);
        var window = new FaultWindow(f, what, _s.Now, null);
        int index = _windows.Count;
        _windows.Add(window);
        Changed?.Invoke(window, true);
        if (f.Duration is not { } d || repair is null) return;
        int id = _nextRepair++;
        _repairs[id] = () =>
        {
            repair();
            _windows[index] = window with { End = _s.Now };
            Changed?.Invoke(_windows[index], false);
        };
        _s.Schedule(d, this, _kEnd, id);
    }

    // ---- applying faults ----

    private (string What, Action? Repair) Apply(FaultSpec f)
    {
        var net = _run.Simulation.Network;
        switch (f.Kind)
        {
            case FaultKind.BrokerCrash:
            {
                if (ResolveBroker(f) is not var (cluster, id)) return ("no broker to crash", null);
                var node = cluster.Broker(id).Node;
                if (!NodeDown(node)) return ($"{node.Name} (already down)", () => NodeUp(node));
                switch (f.Mode)
                {
                    case CrashMode.Clean: cluster.Broker(id).BeginControlledShutdown(); break;
                    default: cluster.CrashBroker(id, powerLoss: f.Mode == CrashMode.Hard); break;
                }
                return ($"{node.Name} ({f.Mode.ToString().ToLowerInvariant()})", () => { if (NodeUp(node)) cluster.RestartBroker(id); });
            }
            case FaultKind.ControllerCrash:
            {
                if (ResolveController(f) is not var (cluster, c)) return ("no controller to crash", null);
                var node = c.Node;
                if (!NodeDown(node)) return ($"{node.Name} (already down)", () => NodeUp(node));
                cluster.CrashController(c.Id);
                return ($"controller {c.Id} on {node.Name}", () => { if (NodeUp(node)) cluster.RestartController(c.Id); });
            }
            case FaultKind.ZoneOutage:
            case FaultKind.SiteOutage:
            case FaultKind.RegionOutage:
            {
                var zones = ResolveZones(f, f.Target);
                var nodes = net.Topology.Nodes.Where(n => zones.Contains(n.Zone)).ToList();
                if (f.Scope == OutageScope.Kafka) nodes = nodes.Where(n => (n.Roles & (NodeRole.Broker | NodeRole.Controller)) != 0).ToList();
                var downed = nodes.Where(NodeDown).ToList();
                foreach (var n in downed) PowerOff(n);
                NotifyFailovers(zones, began: true);
                return ($"{string.Join(", ", zones.Select(z => z.Name))} ({downed.Count} nodes)", () =>
                {
                    foreach (var n in downed.Where(NodeUp)) PowerOn(n);
                    NotifyFailovers(zones, began: false);
                });
            }
            case FaultKind.NetworkPartition:
            {
                var from = ResolveNodes(f, f.Target);
                var to = f.Peer is null ? net.Topology.Nodes.Where(n => !from.Contains(n)).ToList() : ResolveNodes(f, f.Peer);
                var cut = new Cut($"partition {f.Target}|{f.Peer?.Text ?? "rest"}", NodeSet.Of(net.Topology, [.. from]), NodeSet.Of(net.Topology, [.. to]), !f.OneWay);
                net.AddCut(cut);
                return ($"{Describe(from)} {(f.OneWay ? "->" : "<->")} {Describe(to)}", () => net.RemoveCut(cut));
            }
            case FaultKind.LinkDegradation:
            {
                var from = ResolveZones(f, f.Target);
                var to = f.Peer is null ? net.Topology.Zones.Where(z => !from.Contains(z)).ToList() : ResolveZones(f, f.Peer);
                net.Degrade(from, to, !f.OneWay, f.Degradation!);
                return ($"{string.Join(",", from.Select(z => z.Name))} {(f.OneWay ? "->" : "<->")} {string.Join(",", to.Select(z => z.Name))}",
                    () => net.Restore(from, to, !f.OneWay, f.Degradation!));
            }
            case FaultKind.SlowDisk:
            {
                if (ResolveBroker(f) is not var (cluster, id)) return ("no broker", null);
                var b = cluster.Broker(id);
                b.SlowDiskLatency += f.DiskLatency;
                return ($"{b.Node.Name} +{f.DiskLatency} per write", () => b.SlowDiskLatency -= f.DiskLatency);
            }
            case FaultKind.WorkerCrash:
            {
                var mm = _run.Simulation.MirrorMaker!;
                var worker = ResolveWorker(f);
                if (worker is null) return ("no worker", null);
                var node = net.Topology.Node(worker);
                if (!NodeDown(node)) return ($"{worker} (already down)", () => NodeUp(node));
                mm.CrashWorker(worker);
                return (worker, () => { if (NodeUp(node)) mm.RestartWorker(worker); });
            }
            case FaultKind.ClockSkew:
            {
                var zones = ResolveZones(f, f.Target);
                var nodes = net.Topology.Nodes.Where(n => zones.Contains(n.Zone)).ToList();
                foreach (var n in nodes) net.SetClockOffset(n, net.ClockOffset(n) + f.ClockOffset);
                return ($"{string.Join(", ", zones.Select(z => z.Name))} {f.ClockOffset}", () =>
                {
                    foreach (var n in nodes) net.SetClockOffset(n, net.ClockOffset(n) - f.ClockOffset);
                });
            }
        }
        throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "unknown fault kind");
    }

    /// <summary>Counts a fault on a node; true when the node was up (the caller takes it down).</summary>
    private bool NodeDown(Node n)
    {
        _downCount.TryGetValue(n.Index, out int c);
        _downCount[n.Index] = c + 1;
        return c == 0;
    }

    /// <summary>Ends a fault on a node; true when no other fault keeps it down (the caller brings it up).</summary>
    private bool NodeUp(Node n)
    {
        int c = _downCount[n.Index] - 1;
        if (c == 0) _downCount.Remove(n.Index);
        else _downCount[n.Index] = c;
        return c == 0;
    }

    /// <summary>Whether a fault currently holds <paramref name="node"/> down.</summary>
    public bool IsDown(Node node) => _downCount.ContainsKey(node.Index);

    private void PowerOff(Node n)
    {
        var sim = _run.Simulation;
        foreach (var c in sim.Clusters.Values) c.PowerOff(n);
        if ((n.Roles & NodeRole.ConnectWorker) != 0) sim.MirrorMaker?.CrashWorker(n.Name, powerLoss: true);
        foreach (var app in _run.Apps.Where(a => a.Node == n)) app.Suspend();
        sim.Network.SetState(n, NodeState.Dark);
    }

    private void PowerOn(Node n)
    {
        var sim = _run.Simulation;
        sim.Network.SetState(n, NodeState.Up);
        foreach (var c in sim.Clusters.Values) c.PowerOn(n);
        if ((n.Roles & NodeRole.ConnectWorker) != 0) sim.MirrorMaker?.RestartWorker(n.Name);
        foreach (var app in _run.Apps.Where(a => a.Node == n)) app.Resume();
    }

    /// <summary>Operators learn of outages that take a failover primary's brokers (operator detection).</summary>
    private void NotifyFailovers(IReadOnlyCollection<Zone> zones, bool began)
    {
        foreach (var fc in _run.Failovers.Values)
        {
            if (!fc.Primary.Brokers.Any(b => zones.Contains(b.Node.Zone))) continue;
            if (began) fc.OutageBegan();
            else fc.OutageEnded();
        }
    }

    private static string Describe(IReadOnlyCollection<Node> nodes)
    {
        var zones = nodes.Select(n => n.Zone.Name).Distinct().ToList();
        return nodes.Count <= 3 ? string.Join(",", nodes.Select(n => n.Name)) : $"{nodes.Count} nodes in {string.Join(",", zones)}";
    }

    // ---- resolving targets ----

    private KafkaCluster ClusterOf(FaultSpec f) =>
        f.Cluster is { } name ? _run.Simulation.Cluster(name) : _run.Simulation.Cluster(_run.Plan.Model.Clusters[0].Name);

    private (KafkaCluster, int)? ResolveBroker(FaultSpec f)
    {
        var part = f.Target.Parts[0];
        var role = FaultTarget.RoleOf(part);
        if (role is null)
        {
            foreach (var c in _run.Simulation.Clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var b = c.Brokers.FirstOrDefault(b => b.Node.Name == part);
                if (b is not null) return (c, b.Id);
            }
            return null;
        }
        var cluster = ClusterOf(f);
        switch (role.Value.Role)
        {
            case "leader-of":
            {
                int p = FaultValidation.PartitionIndex(cluster.Context.Partitions, role.Value.Argument!);
                int leader = cluster.PartitionState(p).Leader;
                return leader >= 0 ? (cluster, leader) : null;
            }
            case "random-broker":
            {
                var candidates = cluster.Brokers.Where(b => b.Alive && (role.Value.Argument is null || b.Node.Zone.Name == role.Value.Argument))
                    .OrderBy(b => b.Id).ToList();
                return candidates.Count == 0 ? null : (cluster, candidates[_rng.Next(candidates.Count)].Id);
            }
        }
        return null;
    }

    private (KafkaCluster, QuorumController)? ResolveController(FaultSpec f)
    {
        var part = f.Target.Parts[0];
        var role = FaultTarget.RoleOf(part);
        if (role is null)
        {
            foreach (var c in _run.Simulation.Clusters.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var q = c.Controllers.FirstOrDefault(q => q.Node.Name == part);
                if (q is not null) return (c, q);
            }
            return null;
        }
        var cluster = ClusterOf(f);
        if (role.Value.Role == "active-controller")
        {
            var active = cluster.Controllers.Where(c => c.Alive && c.IsActive).OrderBy(c => c.Id).FirstOrDefault();
            return active is null ? null : (cluster, active);
        }
        var alive = cluster.Controllers.Where(c => c.Alive).OrderBy(c => c.Id).ToList();
        return alive.Count == 0 ? null : (cluster, alive[_rng.Next(alive.Count)]);
    }

    private string? ResolveWorker(FaultSpec f)
    {
        var part = f.Target.Parts[0];
        if (FaultTarget.RoleOf(part) is null) return part;
        var net = _run.Simulation.Network;
        var workers = _run.Plan.Model.MirrorMaker.SelectMany(c => c.Workers).Where(w => net.StateOf(net.Topology.Node(w)) == NodeState.Up)
            .Order(StringComparer.Ordinal).ToList();
        return workers.Count == 0 ? null : workers[_rng.Next(workers.Count)];
    }

    private List<Zone> ResolveZones(FaultSpec f, FaultTarget target)
    {
        var t = _run.Simulation.Topology;
        var zones = new List<Zone>();
        foreach (var part in target.Parts)
        {
            if (FaultTarget.RoleOf(part) is { Role: "zone-with-most-leaders" })
            {
                var clusters = f.Cluster is null ? _run.Simulation.Clusters.Values : [ClusterOf(f)];
                var counts = t.Zones.ToDictionary(z => z, _ => 0);
                foreach (var c in clusters)
                {
                    foreach (var p in c.Context.Partitions)
                    {
                        int leader = c.PartitionState(p.Index).Leader;
                        if (leader >= 0) counts[c.Broker(leader).Node.Zone]++;
                    }
                }
                zones.Add(counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal).First().Key);
            }
            else if (_run.Plan.Sites.TryGetValue(part, out var siteZones)) zones.AddRange(siteZones.Select(t.Zone));
            else if (t.Regions.FirstOrDefault(r => r.Name == part) is { } region) zones.AddRange(region.Zones);
            else zones.Add(t.Zone(part));
        }
        return zones.Distinct().ToList();
    }

    private List<Node> ResolveNodes(FaultSpec f, FaultTarget target)
    {
        var t = _run.Simulation.Topology;
        var nodes = new List<Node>();
        foreach (var part in target.Parts)
        {
            var role = FaultTarget.RoleOf(part);
            if (role is { Role: "leader-of" or "random-broker" })
            {
                if (ResolveBroker(f with { Target = new FaultTarget(part) }) is var (c, id)) nodes.Add(c.Broker(id).Node);
            }
            else if (role is { Role: "active-controller" or "random-controller" })
            {
                if (ResolveController(f with { Target = new FaultTarget(part) }) is var (_, q)) nodes.Add(q.Node);
            }
            else if (t.Nodes.FirstOrDefault(n => n.Name == part) is { } node) nodes.Add(node);
            else
            {
                var zones = ResolveZones(f, new FaultTarget(part));
                nodes.AddRange(t.Nodes.Where(n => zones.Contains(n.Zone)));
            }
        }
        return nodes.Distinct().ToList();
    }
}
