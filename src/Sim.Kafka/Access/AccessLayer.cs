using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Kafka.Access;

/// <summary>
/// The bootstrap address of one cluster and what it answers, per <see cref="AccessKind"/>:
/// <list type="bullet">
/// <item>Load balancer: each new connection goes to the next broker the target group holds healthy (round
/// robin); with none healthy, to every registered broker ("If a target group contains only unhealthy targets,
/// the load balancer routes requests to all those targets", ELB fail-open). The client then talks to brokers
/// directly, as <c>advertised.listeners</c> name them.</item>
/// <item>Virtual IP: the address answers in the zone that holds it. Once every broker of that zone is out of
/// service, the VIP moves to the zone with the most healthy brokers after <see cref="AccessConfig.VipMove"/>.</item>
/// <item>DNS: the authoritative answer lists the healthy brokers (all of them when none is, as Route 53 does
/// when every record's health check fails); the client's resolver and its JVM cache it (<see cref="DnsCache"/>).</item>
/// </list>
/// </summary>
public sealed class AccessLayer : IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly int _kMove;
    private int _roundRobin;
    private string? _pendingZone;

    public AccessLayer(ClusterContext ctx, AccessConfig config, TargetHealthCheck health)
    {
        _ctx = ctx;
        Config = config;
        Health = health;
        VipZone = config.VipZone ?? ctx.BrokerRack(ctx.BrokerIds[0]);
        if (config.Kind == AccessKind.Vip && AllInZone(VipZone).Count == 0)
            throw new ArgumentException($"access.vip.zone '{VipZone}' holds no broker of cluster '{ctx.Name}'");
        _kMove = ctx.Scheduler.Kinds.Register("access:vip-move");
        if (config.Kind == AccessKind.Vip) health.Changed += (_, _) => CheckVip();
    }

    public AccessConfig Config { get; }
    public TargetHealthCheck Health { get; }

    /// <summary>The zone whose brokers answer on the virtual IP now.</summary>
    public string VipZone { get; private set; }

    /// <summary>When the VIP last moved, or null if it never did.</summary>
    public SimTime? VipMovedAt { get; private set; }

    /// <summary>When the VIP's holding zone was last detected down, or null.</summary>
    public SimTime? VipDetectedAt { get; private set; }

    /// <summary>Where a new connection to the load balancer or the VIP lands (a broker id).</summary>
    public int Route()
    {
        var candidates = Config.Kind == AccessKind.Vip ? InZone(VipZone) : Healthy();
        if (candidates.Count == 0) candidates = Config.Kind == AccessKind.Vip ? AllInZone(VipZone) : [.. _ctx.BrokerIds];
        return candidates[_roundRobin++ % candidates.Count];
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
            if (Health.IsHealthy(i)) ids.Add(_ctx.BrokerIds[i]);
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
