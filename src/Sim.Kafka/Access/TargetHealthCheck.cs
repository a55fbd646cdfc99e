using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Access;

/// <summary>
/// The health checks of an access layer, as an ELB target group or a Route 53 health checker runs them: every
/// interval a TCP-level check of each broker (here the ApiVersions exchange, which a broker answers at once),
/// failing when it is refused or not answered within the timeout. A broker is taken out after
/// <see cref="AccessConfig.Unhealthy"/> consecutive failures and put back after <see cref="AccessConfig.Healthy"/>
/// consecutive passes, so detection takes between (threshold - 1) and threshold intervals plus the timeout.
/// Every broker starts healthy. A load balancer has one such checker per zone, its node in that zone checking the
/// targets it routes to (<see cref="AccessLayer"/>); a VIP's detector has one, leaving from the first application
/// zone; Route 53 has one per checker region, whose verdicts the access layer aggregates (the 18 % rule).
/// </summary>
public sealed class TargetHealthCheck : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly AccessConfig _config;
    private readonly int _kCheck, _kTimeout;
    private readonly long[] _awaiting;
    private readonly int[] _passes, _failures;
    private readonly bool[] _healthy, _checked;
    private readonly List<(SimTime At, int Broker, bool Healthy)> _changes = [];
    private long _correlation;

    /// <param name="indexes">the brokers checked, by index in <see cref="ClusterContext.BrokerIds"/> (null: every broker)</param>
    public TargetHealthCheck(ClusterContext ctx, int clientId, Node node, AccessConfig config, IReadOnlyList<int>? indexes = null)
    {
        _ctx = ctx;
        Id = clientId;
        Node = node;
        _config = config;
        int n = ctx.BrokerIds.Count;
        _awaiting = Enumerable.Repeat(-1L, n).ToArray();
        _passes = new int[n];
        _failures = new int[n];
        _healthy = Enumerable.Repeat(true, n).ToArray();
        _checked = new bool[n];
        for (int i = 0; i < n; i++) _checked[i] = indexes is null || indexes.Contains(i);
        _kCheck = ctx.Scheduler.Kinds.Register("access:health-check");
        _kTimeout = ctx.Scheduler.Kinds.Register("access:health-check-timeout");
        ctx.Host(node).AddClient(clientId, this);
        ctx.Scheduler.Schedule(config.HealthCheckInterval, this, _kCheck);
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>Called with the broker's index and its new state whenever a broker is taken out or put back.</summary>
    public event Action<int, bool>? Changed;

    /// <summary>Every broker taken out (false) or put back (true), with when.</summary>
    public IReadOnlyList<(SimTime At, int Broker, bool Healthy)> Changes => _changes;

    /// <summary>Whether the broker at <paramref name="index"/> (in <see cref="ClusterContext.BrokerIds"/> order) is checked here and in service.</summary>
    public bool IsHealthy(int index) => _checked[index] && _healthy[index];

    /// <summary>Whether this checker checks the broker at <paramref name="index"/>.</summary>
    public bool Checks(int index) => _checked[index];

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kCheck)
        {
            for (int i = 0; i < _awaiting.Length; i++)
            {
                if (!_checked[i]) continue;
                if (_awaiting[i] >= 0) Conclude(i, false);
                _awaiting[i] = ++_correlation;
                _ctx.Send(Node, _ctx.BrokerNode(_ctx.BrokerIds[i]), new ApiVersionsRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _correlation });
                scheduler.Schedule(_config.HealthCheckTimeout, this, _kTimeout, _correlation);
            }
            scheduler.Schedule(_config.HealthCheckInterval, this, _kCheck);
        }
        else if (ev.Kind == _kTimeout && IndexAwaiting(ev.Arg) is var i and >= 0) Conclude(i, false);
    }

    public void Receive(KafkaMessage message)
    {
        if (message is ApiVersionsResponse && IndexAwaiting(message.CorrelationId) is var i and >= 0) Conclude(i, true);
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (IndexAwaiting(message.CorrelationId) is var i and >= 0) Conclude(i, false);
    }

    private int IndexAwaiting(long correlation) => correlation < 0 ? -1 : Array.IndexOf(_awaiting, correlation);

    private void Conclude(int i, bool passed)
    {
        _awaiting[i] = -1;
        if (passed)
        {
            _failures[i] = 0;
            _passes[i]++;
            if (!_healthy[i] && _passes[i] >= _config.Healthy) Set(i, true);
        }
        else
        {
            _passes[i] = 0;
            _failures[i]++;
            if (_healthy[i] && _failures[i] >= _config.Unhealthy) Set(i, false);
        }
    }

    private void Set(int i, bool healthy)
    {
        _healthy[i] = healthy;
        _changes.Add((_ctx.Scheduler.Now, _ctx.BrokerIds[i], healthy));
        Changed?.Invoke(i, healthy);
    }
}
