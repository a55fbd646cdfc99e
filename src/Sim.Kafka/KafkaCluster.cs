using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Kafka.Broker;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Controller;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Kafka;

/// <summary>
/// A running Kafka cluster on the simulated network: its controllers, brokers and clients, started as
/// a formed cluster (the first voter leads the quorum at epoch 1, every broker registered and unfenced,
/// every topic created with leaders on their preferred replicas) so runs begin in steady state.
/// Also the handle faults act through: crashing and restarting processes and machines.
/// </summary>
public sealed class KafkaCluster
{
    private readonly SortedDictionary<int, KafkaBroker> _brokers = [];
    private readonly SortedDictionary<int, QuorumController> _controllers = [];

    private KafkaCluster(ClusterContext context) => Context = context;

    public ClusterContext Context { get; }
    public string Name => Context.Name;
    public IReadOnlyCollection<KafkaBroker> Brokers => _brokers.Values;
    public IReadOnlyCollection<QuorumController> Controllers => _controllers.Values;
    public List<KafkaProducer> Producers { get; } = [];

    public KafkaBroker Broker(int id) => _brokers[id];
    public QuorumController Controller(int id) => _controllers[id];

    public static KafkaCluster Build(KafkaClusterOptions o, Scheduler scheduler, Network.Transport.Network network, RngStreams streams, KafkaEvents events)
    {
        // __consumer_offsets goes last, so adding it never moves the placement of user topics.
        var server = o.Server;
        if (server.OffsetsTopicPartitions > 0 && o.Topics.All(t => t.Name != GroupCoordinatorPartition.Topic))
        {
            var offsetsTopic = new TopicConfig(GroupCoordinatorPartition.Topic, server.OffsetsTopicPartitions, Math.Min(server.OffsetsTopicReplicationFactor, o.Brokers.Count)) { Internal = true };
            o = o with { Topics = [.. o.Topics, offsetsTopic] };
        }
        var partitions = new List<PartitionInfo>();
        foreach (var t in o.Topics)
        {
            for (int i = 0; i < t.Partitions; i++) partitions.Add(new PartitionInfo(partitions.Count, t, i));
        }
        var ctx = new ClusterContext(o.Name, scheduler, network, streams, events, server.Broker, server.Quorum, partitions);
        foreach (var (id, node) in o.Brokers) ctx.AddBroker(id, node);
        foreach (var (id, node) in o.Controllers) ctx.AddVoter(id, node);
        ctx.InitialPartitions = InitialAssignment(ctx, o);
        var offsets = partitions.FirstOrDefault(p => p.Topic.Name == GroupCoordinatorPartition.Topic);
        if (offsets is not null)
        {
            ctx.OffsetsTopicFirstIndex = offsets.Index;
            ctx.OffsetsTopicPartitions = offsets.Topic.Partitions;
        }

        var cluster = new KafkaCluster(ctx);
        var bootstrap = new List<MetadataRecord> { MetadataRecord.LeaderChange(ctx.Voters[0]) };
        var brokerEpochs = new Dictionary<int, long>();
        foreach (var id in ctx.BrokerIds)
        {
            brokerEpochs[id] = bootstrap.Count;
            bootstrap.Add(new MetadataRecord(MetadataRecordKind.RegisterBroker, id, null, $"broker {id} registered"));
            bootstrap.Add(new MetadataRecord(MetadataRecordKind.UnfenceBroker, id, null, $"broker {id} joined"));
        }
        foreach (var (id, node) in o.Controllers)
        {
            var c = new QuorumController(ctx, id, node);
            cluster._controllers.Add(id, c);
        }
        foreach (var c in cluster._controllers.Values) c.Bootstrap(ctx.Voters[0], bootstrap);
        var committed = cluster._controllers[ctx.Voters[0]].Log;
        foreach (var (id, node) in o.Brokers)
        {
            var b = new KafkaBroker(ctx, id, node);
            b.ShutdownCompleted += cluster.ProcessExited;
            b.Started += started => network.SetState(started.Node, NodeState.Up);
            b.Halted += cluster.ProcessHalted;
            cluster._brokers.Add(id, b);
        }
        foreach (var id in ctx.BrokerIds) cluster._brokers[id].Bootstrap(brokerEpochs[id], committed);
        return cluster;
    }

    /// <summary>
    /// Every topic's replicas as the KRaft controller would have placed them at creation
    /// (<see cref="ReplicaPlacement"/>), over each broker's <c>broker.rack</c>. Each topic starts where the
    /// ones before it stopped, and the placer's reshuffles draw from a source seeded by the cluster's name, not
    /// by the run's seed: the topics were created once, so every run of a model sees the same cluster.
    /// </summary>
    private static PartitionState[] InitialAssignment(ClusterContext ctx, KafkaClusterOptions o)
    {
        var brokers = o.Brokers.OrderBy(b => b.Id).Select(b => (b.Id, ctx.BrokerRack(b.Id))).ToList();
        var random = new RngStream("replica-placement", StableHash.Derive(StableHash.Fnv1a64(o.Name), "replica-placement"));
        var states = new PartitionState[ctx.Partitions.Count];
        int start = 0;
        foreach (var t in o.Topics)
        {
            var first = ctx.Partitions.First(p => p.Topic == t).Index;
            if (t.Placement is { } placement)
            {
                for (int i = 0; i < t.Partitions; i++)
                {
                    var (sync, observers) = Constrained(t.Name, placement, brokers, start + i);
                    states[first + i] = new PartitionState(first + i, [.. sync, .. observers], sync, sync[0], 0, 0, []) { Observers = observers };
                }
                start += t.Partitions;
                continue;
            }
            var assignment = t.Replicas is { } given ? Explicit(t, given, ctx) : ReplicaPlacement.Assign(brokers, t.Partitions, t.ReplicationFactor, start, random);
            for (int i = 0; i < t.Partitions; i++)
            {
                var replicas = assignment[i];
                states[first + i] = new PartitionState(first + i, replicas, replicas, replicas[0], 0, 0, []);
            }
            start += t.Partitions;
        }
        ctx.PlannedReplicas = states.Select(s => s.Replicas).ToArray();
        foreach (var p in ctx.Partitions)
        {
            if (!p.Topic.ExistsAtStart(p.NumberInTopic)) states[p.Index] = Metadata.PartitionState.Absent(p.Index);
        }
        return states;
    }

    /// <summary>
    /// A partition placed by <c>confluent.placement.constraints</c> (Confluent Multi-Region Clusters, "Replica
    /// placement"): each entry takes its count of the rack's brokers (by id, rotated by the partition so leaders
    /// spread), synchronous replicas first (the first is the preferred leader), then the observers. The ISR
    /// starts as the synchronous replicas only. A rack with fewer free brokers than its counts is refused, as
    /// Confluent Server refuses to create such a topic.
    /// </summary>
    internal static (int[] Sync, int[] Observers) Constrained(string topic, PlacementConstraints placement, IReadOnlyList<(int Id, string Rack)> brokers, int rotation)
    {
        var used = new HashSet<int>();
        int[] Take(IReadOnlyList<RackCount> entries, string what)
        {
            var taken = new List<int>();
            foreach (var e in entries)
            {
                var rack = brokers.Where(b => b.Rack == e.Rack).Select(b => b.Id).ToList();
                var free = rack.Where(id => !used.Contains(id)).ToList();
                if (e.Count > free.Count)
                    throw new ArgumentException($"topic '{topic}': {e.Count} {what} in rack '{e.Rack}' but the rack has {free.Count} broker(s) free of {rack.Count}");
                for (int k = 0; k < e.Count; k++)
                {
                    int id = free[(rotation + k) % free.Count];
                    taken.Add(id);
                    used.Add(id);
                }
            }
            return [.. taken];
        }
        var sync = Take(placement.Replicas, "replica(s)");
        if (sync.Length == 0) throw new ArgumentException($"topic '{topic}': placement constraints with no synchronous replica");
        return (sync, Take(placement.Observers, "observer(s)"));
    }

    /// <summary>
    /// A topic created with an explicit assignment (<c>kafka-topics --replica-assignment</c>): the controller
    /// takes the lists as given, checking only what <c>ReplicationControlManager.createTopic</c> refuses
    /// (a list per partition, all of one length, distinct registered brokers).
    /// </summary>
    private static int[][] Explicit(TopicConfig t, IReadOnlyList<IReadOnlyList<int>> given, ClusterContext ctx)
    {
        if (given.Count != t.Partitions)
            throw new ArgumentException($"topic '{t.Name}' has {t.Partitions} partitions but {given.Count} replica lists");
        foreach (var list in given)
        {
            if (list.Count != t.ReplicationFactor || list.Distinct().Count() != list.Count || list.Any(id => !ctx.BrokerIds.Contains(id)))
                throw new ArgumentException($"topic '{t.Name}': replica list [{string.Join(", ", list)}] is not {t.ReplicationFactor} distinct brokers of the cluster");
        }
        return given.Select(l => l.ToArray()).ToArray();
    }

    public KafkaProducer AddProducer(int clientId, Node node, ProducerConfig config, WorkloadConfig workload)
    {
        var p = new KafkaProducer(Context, clientId, node, config, workload);
        Producers.Add(p);
        return p;
    }

    /// <summary>A producer fed with ready batches (<see cref="KafkaProducer.TrySend"/>) for any of <paramref name="partitions"/>.</summary>
    public KafkaProducer AddProducer(int clientId, Node node, ProducerConfig config, IReadOnlyList<PartitionInfo> partitions)
    {
        var p = new KafkaProducer(Context, clientId, node, config, partitions);
        Producers.Add(p);
        return p;
    }

    public KafkaConsumer AddConsumer(int clientId, Node node, ConsumerConfig config, IReadOnlyList<int> partitions)
    {
        var c = new KafkaConsumer(Context, clientId, node, config, partitions);
        Consumers.Add(c);
        return c;
    }

    public List<KafkaConsumer> Consumers { get; } = [];

    /// <summary>
    /// The committed registration of a partition, as the active controller knows it; while no controller is
    /// active, as the controller that has applied the most of the metadata log knows it (not a stale image).
    /// </summary>
    public PartitionState PartitionState(int partition)
    {
        QuorumController? best = null;
        foreach (var c in _controllers.Values)
        {
            if (c.IsActive) return c.Image.Partition(partition);
            if (best is null || c.Image.NextOffset > best.Image.NextOffset) best = c;
        }
        return best!.Image.Partition(partition);
    }

    /// <summary>
    /// The log that decides what survived: the current leader's, or for an offline partition, the log of
    /// the in-sync replica (or, with an empty ISR, the eligible leader replica of KIP-966) that would
    /// lead when it returns.
    /// </summary>
    public ReplicaLog? FinalLog(int partition)
    {
        var ps = PartitionState(partition);
        int holder = ps.Leader >= 0 ? ps.Leader : ps.Isr.Length > 0 ? ps.Isr[0] : ps.Elr.Length > 0 ? ps.Elr[0] : -1;
        return holder >= 0 ? _brokers[holder].Replica(partition)?.Log : null;
    }

    // ---- operations (an operator's admin requests, answered by the active controller) ----

    /// <summary>The active controller, or null while none is (an admin request then fails: its client would retry).</summary>
    private QuorumController? ActiveController => _controllers.Values.FirstOrDefault(c => c.IsActive);

    /// <summary>kafka-leader-election: one line per partition, or null without an active controller.</summary>
    public IReadOnlyList<string>? ElectLeaders(IReadOnlyList<int> partitions, bool unclean) =>
        ActiveController?.Control.ElectLeaders(partitions, unclean);

    /// <summary>kafka-reassign-partitions --execute for one partition; null without an active controller.</summary>
    public string? ReassignPartition(int partition, int[] target) => ActiveController?.Control.Reassign(partition, target);

    /// <summary>kafka-topics --create (CreateTopics): the topic's records go to the metadata log; null without an active controller.</summary>
    public string? CreateTopic(string topic) => ActiveController?.Control.CreateTopic(topic);

    /// <summary>kafka-topics --alter --partitions (CreatePartitions); null without an active controller.</summary>
    public string? CreatePartitions(string topic, int count) => ActiveController?.Control.CreatePartitions(topic, count);

    /// <summary>kafka-topics --delete (DeleteTopics); null without an active controller.</summary>
    public string? DeleteTopic(string topic) => ActiveController?.Control.DeleteTopic(topic);

    /// <summary>How many partitions of <paramref name="topic"/> exist in the committed metadata (0: none, the topic does not exist).</summary>
    public int ExistingPartitions(string topic) =>
        Context.Partitions.Count(p => p.Topic.Name == topic && PartitionState(p.Index).Exists);

    /// <summary>kafka-configs --alter on a topic: writes the change to the metadata log; false without an active controller.</summary>
    public bool AlterTopicConfig(TopicConfig topic, string cause)
    {
        if (ActiveController is not { } c) return false;
        c.Control.AlterTopicConfig(topic, cause);
        return true;
    }

    /// <summary>
    /// kafka-configs --alter on a broker's <c>leader.replication.throttled.rate</c> and
    /// <c>follower.replication.throttled.rate</c> (null: unchanged). Applied at once: dynamic broker configs
    /// reach only that broker, which the model does not route through the metadata log.
    /// </summary>
    public void SetReplicationThrottle(int broker, long? leaderRate, long? followerRate)
    {
        var b = _brokers[broker];
        if (leaderRate is { } l) b.LeaderQuota.SetRate(l, Context.Scheduler.Now);
        if (followerRate is { } f) b.FollowerQuota.SetRate(f, Context.Scheduler.Now);
    }

    // ---- faults ----

    /// <summary>
    /// Crashes the broker process; with <paramref name="powerLoss"/> the machine goes dark and loses its page cache.
    /// A KRaft controller on the same node runs in the same process (combined mode, <c>process.roles=broker,controller</c>,
    /// KIP-631: one JVM), so it dies with it either way.
    /// </summary>
    public void CrashBroker(int id, bool powerLoss)
    {
        var b = _brokers[id];
        b.Crash(powerLoss);
        CrashControllerOn(b.Node);
        SetNode(b.Node, powerLoss ? NodeState.Dark : NodeState.Stopped);
    }

    /// <summary>
    /// The broker's disks fail with their data (<see cref="KafkaBroker.LoseLogs"/>): the broker process halts
    /// (<see cref="ProcessHalted"/>) until <see cref="RestartBroker"/> starts it on the replaced disk.
    /// </summary>
    public void FailBrokerDisks(int id, string cause) => _brokers[id].LoseLogs(cause);

    public void RestartBroker(int id)
    {
        var b = _brokers[id];
        Context.Network.SetState(b.Node, NodeState.Up);
        b.Restart();
        foreach (var c in _controllers.Values.Where(c => c.Node == b.Node)) c.Restart();
        CloseListenersWhileStarting(b.Node);
    }

    /// <summary>
    /// A broker opens its client and replication listeners only at the end of its startup
    /// (BrokerServer.startup: <c>socketServer.enableRequestProcessing</c> after the logs are loaded; the
    /// Acceptor binds its port only then), so while it loads its logs the host refuses connections at once
    /// (a reset) instead of leaving them unanswered. A host that also runs a controller or anything else
    /// stays up; there the starting broker's requests go unanswered until it has started.
    /// </summary>
    private void CloseListenersWhileStarting(Node node)
    {
        if (node.Roles != NodeRole.Broker || _controllers.Values.Any(c => c.Node == node)) return;
        if (_brokers.Values.Any(b => b.Node == node && b.Starting)) Context.Network.SetState(node, NodeState.Stopped);
    }

    public void CrashController(int id)
    {
        var c = _controllers[id];
        c.Crash();
        // A dedicated controller's machine stops answering; a combined node keeps its broker running.
        if (!_brokers.Values.Any(b => b.Node == c.Node && b.Alive)) SetNode(c.Node, NodeState.Stopped);
    }

    /// <summary>Shuts a controller down gracefully: a leader resigns with EndQuorumEpoch first (KafkaRaftClient.shutdown).</summary>
    public void ShutdownController(int id)
    {
        var c = _controllers[id];
        c.Shutdown();
        if (!_brokers.Values.Any(b => b.Node == c.Node && b.Alive)) SetNode(c.Node, NodeState.Stopped);
    }

    public void RestartController(int id)
    {
        var c = _controllers[id];
        Context.Network.SetState(c.Node, NodeState.Up);
        c.Restart();
    }

    /// <summary>A machine loses power: whatever of this cluster runs on it crashes, losing its page cache, and the host goes dark.</summary>
    public void PowerOff(Node node)
    {
        foreach (var b in _brokers.Values.Where(b => b.Node == node)) b.Crash(powerLoss: true);
        CrashControllerOn(node);
        Context.Network.SetState(node, NodeState.Dark);
    }

    /// <summary>Power returns: the host comes back and this cluster's processes on it restart.</summary>
    public void PowerOn(Node node)
    {
        Context.Network.SetState(node, NodeState.Up);
        foreach (var b in _brokers.Values.Where(b => b.Node == node)) b.Restart();
        foreach (var c in _controllers.Values.Where(c => c.Node == node)) c.Restart();
        CloseListenersWhileStarting(node);
    }

    private void CrashControllerOn(Node node)
    {
        foreach (var c in _controllers.Values.Where(c => c.Node == node)) c.Crash();
    }

    /// <summary>
    /// A broker process halted (Exit.halt after its last log directory failed): the JVM is gone, so a KRaft
    /// controller in the same process (combined mode) stops with it, and the host, still up, refuses connections
    /// to the dead process's ports (a reset) until it is started again.
    /// </summary>
    private void ProcessHalted(KafkaBroker b)
    {
        CrashControllerOn(b.Node);
        SetNode(b.Node, NodeState.Stopped);
    }

    /// <summary>
    /// A controlled shutdown finished and the process exits. A combined-mode controller in it shuts down after the
    /// broker (KafkaRaftServer.shutdown: the broker first, then the controller; a Raft leader resigns with EndQuorumEpoch).
    /// </summary>
    private void ProcessExited(KafkaBroker b)
    {
        foreach (var c in _controllers.Values.Where(c => c.Node == b.Node)) c.Shutdown();
        Context.Network.SetState(b.Node, NodeState.Stopped);
    }

    private void SetNode(Node node, NodeState state)
    {
        if (Context.Network.StateOf(node) == NodeState.Dark && state == NodeState.Stopped) return;
        Context.Network.SetState(node, state);
    }
}
