using Sim.Core.Scheduling;
using Sim.Kafka;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Failover;

/// <summary>
/// A health check of a cluster, as a monitoring agent runs it: every interval a metadata request to the next
/// broker in turn; the probe passes when the answer comes within the timeout and shows a leader for every
/// partition of the watched topics. Reports each outcome to its owner.
/// </summary>
internal sealed class HealthProbe : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly FailoverConfig _config;
    private readonly int[] _watched;
    private readonly Action<bool> _outcome;
    private readonly int _kProbe, _kTimeout;
    private long _correlation;
    private long _awaiting = -1;
    private int _next;
    private MetadataRequest? _request;

    public HealthProbe(ClusterContext ctx, int clientId, Node node, FailoverConfig config, IReadOnlyList<int> watched, Action<bool> outcome)
    {
        _ctx = ctx;
        Id = clientId;
        Node = node;
        _config = config;
        _watched = [.. watched];
        _outcome = outcome;
        _kProbe = ctx.Scheduler.Kinds.Register("failover:probe");
        _kTimeout = ctx.Scheduler.Kinds.Register("failover:probe-timeout");
        ctx.Host(node).AddClient(clientId, this);
        ctx.Scheduler.Schedule(config.ProbeInterval, this, _kProbe);
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>The node this process runs on, whose pause holds its events.</summary>
    public int Host => Node.Index;

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kProbe)
        {
            if (_awaiting >= 0) TimedOut();
            int broker = _ctx.BrokerIds[_next++ % _ctx.BrokerIds.Count];
            _awaiting = ++_correlation;
            _request = new MetadataRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _awaiting };
            _ctx.Send(Node, _ctx.BrokerNode(broker), _request);
            scheduler.Schedule(_config.ProbeTimeout, this, _kTimeout, _awaiting);
            scheduler.Schedule(_config.ProbeInterval, this, _kProbe);
        }
        else if (ev.Kind == _kTimeout && ev.Arg == _awaiting) TimedOut();
    }

    /// <summary>
    /// The probe's request went unanswered: it fails, and its connection is closed as Kafka's NetworkClient does with
    /// a timed-out request (handleTimedOutRequests), so what a network cut holds of it is not delivered later.
    /// </summary>
    private void TimedOut()
    {
        if (_request is { } timedOut) _ctx.Disconnect(Node, timedOut);
        Conclude(false);
    }

    public void Receive(KafkaMessage message)
    {
        if (message is not MetadataResponse r || r.CorrelationId != _awaiting) return;
        Conclude(_watched.All(p => r.Partitions[p] is { Leader: >= 0 }));
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (message.CorrelationId == _awaiting) Conclude(false);
    }

    private void Conclude(bool healthy)
    {
        _awaiting = -1;
        _outcome(healthy);
    }
}
