using Sim.Architectures.Templates;
using Sim.Core.Scheduling;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.MirrorMaker.Failover;
using Sim.Network.Topology;

namespace Sim.Architectures.Applications;

/// <summary>
/// An application instance at run time: its client on the cluster it uses now. Applications with a
/// failover plan are driven by their <see cref="FailoverController"/>; the others stay on their cluster.
/// When the application's host goes down its clients stop (records the producer held are lost with it,
/// reported failed), and when the host returns it starts new clients where it left off: consumers from
/// their group's committed offsets.
/// </summary>
public sealed class Application
{
    private readonly Scheduler _scheduler;
    private readonly Func<int> _nextClientId;
    private readonly KafkaCluster? _home;
    private KafkaProducer? _producer;
    private KafkaConsumer? _consumer;

    internal Application(AppPlacement placement, Node node, Scheduler scheduler, KafkaCluster home, FailoverController? failover, Func<int> nextClientId)
    {
        Placement = placement;
        Node = node;
        _scheduler = scheduler;
        _nextClientId = nextClientId;
        Failover = failover;
        if (failover is null) _home = home;
    }

    public AppPlacement Placement { get; }
    public string Name => Placement.Name;
    public Node Node { get; }
    public FailoverController? Failover { get; }
    public bool Suspended { get; private set; }

    /// <summary>The application's consumer now (null for producers).</summary>
    public KafkaConsumer? Consumer => Failover is not null ? Failover.ConsumerOf(Name) : _consumer;

    /// <summary>The cluster the application uses now.</summary>
    public KafkaCluster Cluster => Failover is not null ? Failover.ClusterOf(Name) : _home!;

    /// <summary>Raised for every client the application starts (ids change on failover and restarts).</summary>
    public event Action<Application, int, KafkaCluster>? ClientStarted;

    internal void Start()
    {
        if (Failover is not null)
        {
            Failover.ProducerStarted += (app, p) => { if (app == Name) ClientStarted?.Invoke(this, p.Id, Failover.ClusterOf(Name)); };
            Failover.ConsumerStarted += (app, c) => { if (app == Name) ClientStarted?.Invoke(this, c.Id, Failover.ClusterOf(Name)); };
            if (Placement.Role == AppRole.Producer) Failover.AddProducer(Name, Node, Placement.Producer!, Placement.Workload!);
            else Failover.AddConsumer(Name, Node, Placement.Consumer!, Placement.Topics[0]);
            return;
        }
        StartClient(first: true);
    }

    private void StartClient(bool first)
    {
        var cluster = _home!;
        if (Placement.Role == AppRole.Producer)
        {
            var workload = first ? Placement.Workload! : Placement.Workload! with { Start = _scheduler.Now };
            _producer = cluster.AddProducer(_nextClientId(), Node, Placement.Producer!, workload);
            _producer.Start();
            ClientStarted?.Invoke(this, _producer.Id, cluster);
        }
        else
        {
            var partitions = cluster.Context.Partitions.Where(p => Placement.Topics.Contains(p.Topic.Name)).Select(p => p.Index).ToList();
            _consumer = cluster.AddConsumer(_nextClientId(), Node, Placement.Consumer!, partitions);
            _consumer.Start();
            ClientStarted?.Invoke(this, _consumer.Id, cluster);
        }
    }

    /// <summary>The application's host went down.</summary>
    public void Suspend()
    {
        if (Suspended) return;
        Suspended = true;
        if (Failover is not null) { Failover.Suspend(Name); return; }
        _producer?.Stop(reportUnsent: true);
        _consumer?.Stop();
    }

    /// <summary>The host is back.</summary>
    public void Resume()
    {
        if (!Suspended) return;
        Suspended = false;
        if (Failover is not null) { Failover.Resume(Name); return; }
        StartClient(first: false);
    }
}
