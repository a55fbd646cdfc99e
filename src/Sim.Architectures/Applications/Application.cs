using Sim.Architectures.Templates;
using Sim.Core.Scheduling;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.MirrorMaker.Failover;
using Sim.Network.Topology;

namespace Sim.Architectures.Applications;

/// <summary>
/// An application instance at run time: it owns its client (a producer or a consumer, a member of the
/// application's consumer group) on the cluster it uses now. When the application's host goes down its clients stop (records the producer held are lost
/// with it, reported failed), and when the host returns it starts new clients where it left off: consumers
/// from their group's committed offsets. An application with a failover plan follows its
/// <see cref="FailoverController"/>, which tells it when to move (<see cref="MoveTo"/>); the others stay on
/// their cluster. Every new client takes the next id of the application's block, named after the application.
/// </summary>
public sealed class Application : IFailoverFollower, IEventHandler
{
    private readonly Scheduler _scheduler;
    private readonly ClientIdBlock _clientIds;
    private IReadOnlyList<int> _subscription;
    private KafkaProducer? _producer;
    private KafkaConsumer? _consumer;
    private int _clientsStarted;

    /// <param name="cluster">The cluster the application starts on.</param>
    /// <param name="clientIds">The block its client ids come from (a failover controller's, or the applications' block).</param>
    public Application(AppPlacement placement, Node node, Scheduler scheduler, KafkaCluster cluster, ClientIdBlock clientIds, FailoverController? failover = null)
    {
        Placement = placement;
        Node = node;
        _scheduler = scheduler;
        _clientIds = clientIds;
        Failover = failover;
        Cluster = cluster;
        _subscription = cluster.Context.Partitions.Where(p => placement.Topics.Contains(p.Topic.Name)).Select(p => p.Index).ToList();
    }

    public AppPlacement Placement { get; }
    public string Name => Placement.Name;
    public Node Node { get; }
    public FailoverController? Failover { get; }
    public bool Suspended { get; private set; }

    /// <summary>The application's consumer now (null for producers).</summary>
    public KafkaConsumer? Consumer => _consumer;

    /// <summary>The application's producer now (null for consumers).</summary>
    public KafkaProducer? Producer => _producer;

    /// <summary>The cluster the application uses now.</summary>
    public KafkaCluster Cluster { get; private set; }

    string IFailoverFollower.Topic => Placement.Topics[0];
    string? IFailoverFollower.GroupId => Placement.Consumer?.GroupId;

    /// <summary>Raised for every client the application starts (ids change on failover and restarts).</summary>
    public event Action<Application, int, KafkaCluster>? ClientStarted;

    /// <summary>Whether the application has started its first client (a consumer with a later <see cref="AppPlacement.Start"/> waits for it).</summary>
    private bool _started;

    /// <summary>Starts the application's client with its workload as planned (a consumer at its planned start), and joins its failover controller.</summary>
    public void Start()
    {
        if (Placement.Role == AppRole.Consumer && Placement.Start is { } at && at > _scheduler.Now)
        {
            _scheduler.ScheduleAt(at, this, _scheduler.Kinds.Register("app:consumer-start"));
            return;
        }
        _started = true;
        if (!Suspended) StartClient(first: true, resumeFrom: null);
        Failover?.Follow(this);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev) => Start();

    /// <inheritdoc/>
    public void MoveTo(KafkaCluster cluster, ResumePoint resumeFrom)
    {
        Cluster = cluster;
        _subscription = resumeFrom.Partitions;
        if (Suspended || !_started) return;
        // The application closes its producer as KafkaProducer.close() does: what it already sent to the old
        // cluster is still answered there; its new records go to the new cluster.
        _closing = _producer ?? _closing;
        _producer?.Close();
        _consumer?.Close();
        StartClient(first: false, resumeFrom);
    }

    /// <inheritdoc/>
    public bool ConsumerPositioned => _consumer is { Running: true } c && c.Assigned.Count > 0 && c.Positions.All(p => p >= 0);

    /// <inheritdoc/>
    public KafkaProducer? StopProducing()
    {
        if (_producer is not { } p) return null;
        _closing = p;
        _producer = null;
        p.Close();
        return p;
    }

    /// <summary>The application's host went down.</summary>
    public void Suspend()
    {
        if (Suspended) return;
        Suspended = true;
        StopClients();
    }

    /// <summary>The host is back: new clients on the cluster the application uses now, consumers from their group's committed offsets.</summary>
    public void Resume()
    {
        if (!Suspended) return;
        Suspended = false;
        if (_started) StartClient(first: false, resumeFrom: null);
    }

    /// <summary>The producer the last move closed, still finishing what it had sent; it dies with the host.</summary>
    private KafkaProducer? _closing;

    private void StopClients()
    {
        _closing?.Stop(reportUnsent: true);
        _producer?.Stop(reportUnsent: true);
        _consumer?.Stop();
    }

    private void StartClient(bool first, ResumePoint? resumeFrom)
    {
        var cluster = Cluster;
        if (Placement.Role == AppRole.Producer)
        {
            var workload = first ? Placement.Workload! : Placement.Workload! with { Start = _scheduler.Now };
            _producer = cluster.AddProducer(NextClientId("producer"), Node, Placement.Producer!, workload);
            _producer.Start();
            ClientStarted?.Invoke(this, _producer.Id, cluster);
            return;
        }
        _consumer = cluster.AddConsumer(NextClientId("consumer"), Node, Placement.Consumer!, _subscription);
        if (resumeFrom?.OffsetsGroup is { } group) _consumer.StartOffsetsGroup = group;
        _consumer.OwnGroupWhereNone = resumeFrom?.OwnGroupWhereNone ?? false;
        // An application subscribes to its topics, so its group's coordinator assigns the partitions among the
        // group's instances; only explicit start positions (a seek to given offsets) mean assign().
        if (resumeFrom?.Positions is { } positions) _consumer.StartPositions = positions;
        else _consumer.Subscribe();
        _consumer.Start();
        ClientStarted?.Invoke(this, _consumer.Id, cluster);
    }

    /// <summary>The next client id, named e.g. <c>producer-a-orders-1 (producer #2, on cluster b)</c>.</summary>
    private int NextClientId(string role) => _clientIds.Next($"{Name} ({role} #{++_clientsStarted}, on cluster {Cluster.Name})");
}
