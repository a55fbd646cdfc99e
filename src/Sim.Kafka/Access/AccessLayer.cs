using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Kafka.Access;

/// <summary>
/// The bootstrap address of one cluster and what it answers, per <see cref="AccessKind"/>:
/// <list type="bullet">
/// <item>Load balancer (a Network Load Balancer): a node in every zone that holds brokers, each running its own
/// health checks. Without cross-zone load balancing (<c>load_balancing.cross_zone.enabled</c>, off by default for
/// an NLB) a node checks and routes to the brokers of its own zone only, and the load balancer's name answers with
/// the nodes that have a healthy target ("each load balancer node routes requests only to the healthy targets in
/// its Availability Zone"; DNS fail-away); with it, each node checks and routes to every broker. Each new
/// connection goes to the next such node and the next broker that node holds healthy (round robin); with none
/// healthy anywhere, to every node and every registered broker (ELB fail-open: "If a target group contains only
/// unhealthy targets, the load balancer routes requests to all those targets"). The client then talks to brokers
/// directly, as <c>advertised.listeners</c> name them.</item>
/// <item>Virtual IP: the address answers in the zone that holds it. Once every broker of that zone is out of
/// service, the VIP moves to the zone with the most healthy brokers after <see cref="AccessConfig.VipMove"/>.</item>
/// <item>DNS: the authoritative answer lists the healthy brokers (all of them when none is, as Route 53 does
/// when every record's health check fails); the client's resolver and its JVM cache it (<see cref="DnsCache"/>).
/// Route 53 checks from several regions and counts a broker healthy while more than 18 % of its checkers pass it
/// (<see cref="AccessConfig.HealthyCheckerShare"/>).</item>
/// </list>
/// </summary>
public sealed class AccessLayer : IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly int _kMove;
    private readonly bool[] _inService;
    private readonly List<(SimTime At, int Broker, bool Healthy)> _verdicts = [];
    private int _roundRobin, _nodeRoundRobin;
    private string? _pendingZone;

    /// <param name="checks">the health checkers: for a load balancer one per zone holding brokers (its node's), for DNS one
    /// per checker region, for a VIP one</param>
    public AccessLayer(ClusterContext ctx, AccessConfig config, IReadOnlyList<(string Zone, TargetHealthCheck Check)> checks)
    {
        _ctx = ctx;
        Config = config;
        Checks = checks;
        Health = checks[0].Check;
        VipZone = config.VipZone ?? ctx.BrokerRack(ctx.BrokerIds[0]);
        if (config.Kind == AccessKind.Vip && AllInZone(VipZone).Count == 0)
            throw new ArgumentException($"access.vip.zone '{VipZone}' holds no broker of cluster '{ctx.Name}'");
        _kMove = ctx.Scheduler.Kinds.Register("access:vip-move");
        if (config.Kind == AccessKind.Vip) Health.Changed += (_, _) => CheckVip();
        _inService = Enumerable.Repeat(true, ctx.BrokerIds.Count).ToArray();
        if (config.Kind == AccessKind.Dns)
        {
            foreach (var (_, check) in checks) check.Changed += (i, _) => Aggregate(i);
        }
    }

    /// <summary>
    /// Route 53's verdict on the broker at <paramref name="index"/>: in service while more than 18 % of the checkers
    /// pass it; a change of verdict is recorded in <see cref="Changes"/>.
    /// </summary>
    private void Aggregate(int index)
    {
        int passing = Checks.Count(c => c.Check.IsHealthy(index));
        bool healthy = passing > AccessConfig.HealthyCheckerShare * Checks.Count;
        if (healthy == _inService[index]) return;
        _inService[index] = healthy;
        _verdicts.Add((_ctx.Scheduler.Now, _ctx.BrokerIds[index], healthy));
    }

    public AccessConfig Config { get; }

    /// <summary>The single checker of a VIP; the first checker of DNS or of a load balancer.</summary>
    public TargetHealthCheck Health { get; }

    /// <summary>Every checker with the zone its node is in.</summary>
    public IReadOnlyList<(string Zone, TargetHealthCheck Check)> Checks { get; }

    /// <summary>
    /// Every broker taken out of or put back in service: by any checker of a load balancer or VIP, in time order (then
    /// checker order); for DNS, Route 53's aggregated verdict.
    /// </summary>
    public IReadOnlyList<(SimTime At, int Broker, bool Healthy)> Changes => Config.Kind == AccessKind.Dns
        ? _verdicts
        : Checks.SelectMany(c => c.Check.Changes).OrderBy(c => c.At).ToList();

    /// <summary>The zone whose brokers answer on the virtual IP now.</summary>
    public string VipZone { get; private set; }

    /// <summary>When the VIP last moved, or null if it never did.</summary>
    public SimTime? VipMovedAt { get; private set; }

    /// <summary>When the VIP's holding zone was last detected down, or null.</summary>
    public SimTime? VipDetectedAt { get; private set; }

    /// <summary>Where a new connection to the load balancer or the VIP lands (a broker id).</summary>
    public int Route()
    {
        if (Config.Kind == AccessKind.LoadBalancer) return RouteThroughNode();
        var candidates = InZone(VipZone);
        if (candidates.Count == 0) candidates = AllInZone(VipZone);
        return candidates[_roundRobin++ % candidates.Count];
    }

    private int RouteThroughNode()
    {
        var nodes = new List<(TargetHealthCheck Check, List<int> Healthy)>();
        foreach (var (_, check) in Checks)
        {
            var healthy = Covered(check, onlyHealthy: true);
            if (healthy.Count > 0) nodes.Add((check, healthy));
        }
        if (nodes.Count == 0)
        {
            foreach (var (_, check) in Checks) nodes.Add((check, Covered(check, onlyHealthy: false)));
        }
        var (_, targets) = nodes[_nodeRoundRobin++ % nodes.Count];
        return targets[_roundRobin++ % targets.Count];
    }

    private List<int> Covered(TargetHealthCheck check, bool onlyHealthy)
    {
        var ids = new List<int>();
        for (int i = 0; i < _ctx.BrokerIds.Count; i++)
        {
            if (check.Checks(i) && (!onlyHealthy || check.IsHealthy(i))) ids.Add(_ctx.BrokerIds[i]);
        }
        return ids;
    }

    /// <summary>The authoritative DNS answer now: the healthy brokers, or all when none is.</summary>
    public IReadOnlyList<int> Answer()
    {
        var healthy = Healthy();
        return healthy.Count > 0 ? healthy : [.. _ctx.BrokerIds];
    }

    private List<int> Healthy()
    {
        var ids = new List<int>();
        for (int i = 0; i < _ctx.BrokerIds.Count; i++)
        {
            if (Config.Kind == AccessKind.Dns ? _inService[i] : Health.IsHealthy(i)) ids.Add(_ctx.BrokerIds[i]);
        }
        return ids;
    }

    private List<int> InZone(string zone) => Healthy().Where(b => _ctx.BrokerRack(b) == zone).ToList();

    private List<int> AllInZone(string zone) => _ctx.BrokerIds.Where(b => _ctx.BrokerRack(b) == zone).ToList();

    private void CheckVip()
    {
        if (_pendingZone is not null || InZone(VipZone).Count > 0) return;
        // The zone with the most healthy brokers takes over; ties go to the zone named first, so the move is deterministic.
        var target = Healthy().GroupBy(b => _ctx.BrokerRack(b)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        if (target is null) return;
        _pendingZone = target.Key;
        VipDetectedAt = _ctx.Scheduler.Now;
        _ctx.Scheduler.Schedule(Config.VipMove, this, _kMove);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind != _kMove || _pendingZone is null) return;
        VipZone = _pendingZone;
        _pendingZone = null;
        VipMovedAt = scheduler.Now;
        CheckVip();
    }
}
