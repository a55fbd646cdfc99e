using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Access;

/// <summary>
/// New clients of one application zone finding the cluster through its <see cref="AccessLayer"/>: every
/// <see cref="AccessConfig.BootstrapInterval"/> (when the previous one is done) a client starts, resolves the
/// bootstrap address and sends its first metadata request, as NetworkClient does with
/// <c>bootstrap.servers</c>. A connection not answered within <c>socket.connection.setup.timeout.ms</c>, or
/// refused, moves on to the next address of a DNS answer (<c>client.dns.lookup=use_all_dns_ips</c>); with none
/// left the address is resolved again after <c>reconnect.backoff.max.ms</c> (1 s). The bootstrap ends with the
/// first metadata answer; from then on the client talks to the brokers it names.
/// </summary>
public sealed class BootstrapClient : IKafkaEndpoint, IEventHandler
{
    private static readonly SimDuration ReconnectBackoffMax = SimDuration.FromSeconds(1);

    private readonly ClusterContext _ctx;
    private readonly AccessLayer _access;
    private readonly AccessBootstrapServers _servers;
    private readonly int _kStart, _kTimeout, _kRetry;
    private readonly List<(SimTime Start, SimDuration Took)> _done = [];
    private readonly List<(SimTime At, int Broker)> _failed = [];
    private int _broker = -1;
    private IReadOnlyList<int> _addresses = [];
    private int _nextAddress;
    private long _correlation, _awaiting = -1;
    private SimTime? _started;
    private MetadataRequest? _request;

    public BootstrapClient(ClusterContext ctx, int clientId, Node node, AccessLayer access)
    {
        _ctx = ctx;
        Id = clientId;
        Node = node;
        _access = access;
        _servers = new AccessBootstrapServers(access);
        _kStart = ctx.Scheduler.Kinds.Register("access:bootstrap");
        _kTimeout = ctx.Scheduler.Kinds.Register("access:bootstrap-timeout");
        _kRetry = ctx.Scheduler.Kinds.Register("access:bootstrap-retry");
        ctx.Host(node).AddClient(clientId, this);
        ctx.Scheduler.Schedule(SimDuration.Zero, this, _kStart);
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>Every finished bootstrap: when it started and how long it took to the first metadata answer.</summary>
    public IReadOnlyList<(SimTime Start, SimDuration Took)> Done => _done;

    /// <summary>Every connection attempt that failed (refused or timed out): when it was given up and the broker it went to.</summary>
    public IReadOnlyList<(SimTime At, int Broker)> Failed => _failed;

    /// <summary>When the bootstrap in progress started, or null.</summary>
    public SimTime? Pending => _started;

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kStart)
        {
            scheduler.Schedule(_access.Config.BootstrapInterval, this, _kStart);
            if (_started is not null) return;
            _started = scheduler.Now;
            Resolve();
        }
        else if (ev.Kind == _kRetry) Resolve();
        else if (ev.Kind == _kTimeout && ev.Arg == _awaiting)
        {
            // NetworkClient closes a connection whose setup timed out (processTimeoutDisconnection, as for a timed-out
            // request): what a network cut holds of it is discarded rather than delivered after the heal.
            if (_request is { } timedOut) _ctx.Disconnect(Node, timedOut);
            GiveUp();
        }
    }

    private void Resolve()
    {
        _addresses = _servers.Resolve(_ctx.Scheduler.Now);
        _nextAddress = 0;
        Connect();
    }

    private void Connect()
    {
        int broker = _broker = _addresses[_nextAddress++];
        _awaiting = ++_correlation;
        _request = new MetadataRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _awaiting };
        _ctx.Send(Node, _ctx.BrokerNode(broker), _request);
        _ctx.Scheduler.Schedule(_access.Config.ConnectionSetupTimeout, this, _kTimeout, _awaiting);
    }

    private void GiveUp()
    {
        _awaiting = -1;
        _failed.Add((_ctx.Scheduler.Now, _broker));
        if (_nextAddress < _addresses.Count) Connect();
        else _ctx.Scheduler.Schedule(ReconnectBackoffMax, this, _kRetry);
    }

    public void Receive(KafkaMessage message)
    {
        if (message is not MetadataResponse || message.CorrelationId != _awaiting || _started is not { } start) return;
        _awaiting = -1;
        _done.Add((start, _ctx.Scheduler.Now - start));
        _started = null;
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (message.CorrelationId == _awaiting && _awaiting >= 0) GiveUp();
    }
}
