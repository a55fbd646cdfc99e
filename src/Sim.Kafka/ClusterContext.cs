using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Kafka.Config;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka;

/// <summary>
/// What every component of one Kafka cluster shares: the kernel, the network, random streams, the
/// event outlet, the configuration, the partition catalog, and where each broker and controller runs.
/// </summary>
public sealed class ClusterContext
{
    private readonly Dictionary<int, Node> _brokerNodes = [];
    private readonly Dictionary<int, Node> _controllerNodes = [];
    private readonly Dictionary<int, NodeHost> _hosts = [];

    public ClusterContext(string name, Scheduler scheduler, Network.Transport.Network network, RngStreams streams, KafkaEvents events,
        BrokerConfig broker, QuorumConfig quorum, IReadOnlyList<PartitionInfo> partitions)
    {
        Name = name;
        Scheduler = scheduler;
        Network = network;
        Streams = streams;
        Events = events;
        Broker = broker;
        Quorum = quorum;
        Partitions = partitions;
    }

    public string Name { get; }
    public Scheduler Scheduler { get; }
    public Network.Transport.Network Network { get; }
    public RngStreams Streams { get; }
    public KafkaEvents Events { get; }
    public BrokerConfig Broker { get; }
    public QuorumConfig Quorum { get; }
    public IReadOnlyList<PartitionInfo> Partitions { get; }

    /// <summary>The run's horizon clock: the kernel's own unless the run is hybrid (see <see cref="HorizonClock"/>).</summary>
    public HorizonClock Horizon { get; } = new();

    /// <summary>The cluster's remote log metadata when it has a remote tier (KIP-405): how far each partition is uploaded.</summary>
    public Log.IRemoteLogMetadata? RemoteLog { get; set; }

    /// <summary>Every partition's registration when the cluster starts (topics created, leaders on their preferred replicas).</summary>
    public PartitionState[] InitialPartitions { get; set; } = [];

    /// <summary>
    /// Every catalog slot's replicas as the controller's placer assigns them (<see cref="Metadata.ReplicaPlacement"/>),
    /// for the partitions that exist at the start and for those a create-topic or create-partitions operation
    /// creates later, which take the placement their slot was given.
    /// </summary>
    public int[][] PlannedReplicas { get; set; } = [];

    /// <summary>Where <c>__consumer_offsets</c> starts in the partition catalog, and how many partitions it has (0: none).</summary>
    public int OffsetsTopicFirstIndex { get; set; }
    public int OffsetsTopicPartitions { get; set; }

    /// <summary>The catalog index of the <c>__consumer_offsets</c> partition that holds <paramref name="group"/>, or -1 without the topic.</summary>
    public int OffsetsPartitionOf(string group) =>
        OffsetsTopicPartitions == 0 ? -1 : OffsetsTopicFirstIndex + Clients.GroupCoordinatorPartition.For(group, OffsetsTopicPartitions);

    /// <summary>The controller quorum's voter ids, in order.</summary>
    public List<int> Voters { get; } = [];

    /// <summary>
    /// Makes each client's <c>bootstrap.servers</c> resolver: the access layer in front of the cluster (load balancer,
    /// VIP or DNS name) when the deployment has one; null when clients list every broker of the cluster, as a
    /// rebootstrap then finds them all again.
    /// </summary>
    public Func<Clients.IBootstrapServers>? BootstrapServers { get; set; }

    /// <summary>Broker ids, in order.</summary>
    public List<int> BrokerIds { get; } = [];

    public void AddBroker(int id, Node node)
    {
        _brokerNodes.Add(id, node);
        BrokerIds.Add(id);
    }

    public void AddVoter(int id, Node node)
    {
        _controllerNodes.Add(id, node);
        Voters.Add(id);
    }

    public Node BrokerNode(int id) => _brokerNodes[id];
    public Node ControllerNode(int id) => _controllerNodes[id];

    /// <summary><c>broker.rack</c>: the broker's zone, as cloud deployments set it to the AZ or site.</summary>
    public string BrokerRack(int id) => _brokerNodes[id].Zone.Name;

    public int MinInSyncReplicas(PartitionInfo p) => TopicNow(p).MinInSyncReplicas ?? Broker.MinInSyncReplicas;

    public bool UncleanElection(PartitionInfo p) => TopicNow(p).UncleanLeaderElectionEnable ?? Broker.UncleanLeaderElectionEnable;

    private readonly Dictionary<string, TopicConfig> _dynamicTopics = [];

    /// <summary>
    /// A topic's configuration now: as created, or as the last committed dynamic change
    /// (<c>kafka-configs --alter --entity-type topics</c>, a ConfigRecord) left it.
    /// </summary>
    public TopicConfig TopicNow(PartitionInfo p) => _dynamicTopics.TryGetValue(p.Topic.Name, out var t) ? t : p.Topic;

    /// <summary>The configuration of the topic named <paramref name="name"/> now (null: no such topic).</summary>
    public TopicConfig? TopicNow(string name) =>
        _dynamicTopics.TryGetValue(name, out var t) ? t : Partitions.FirstOrDefault(p => p.Topic.Name == name)?.Topic;

    /// <summary>Records a committed dynamic topic config change, which the controller's decisions read from then on.</summary>
    internal void CommitTopicConfig(TopicConfig topic) => _dynamicTopics[topic.Name] = topic;

    /// <summary>Whether unclean election has been turned on dynamically, so active controllers run the periodic check.</summary>
    internal bool UncleanElectionCheckArmed { get; set; }

    /// <summary>The host of <paramref name="node"/>, created on first use (or shared with another cluster's) and attached to the network.</summary>
    public NodeHost Host(Node node)
    {
        if (!_hosts.TryGetValue(node.Index, out var host))
        {
            // A client machine may talk to several clusters (a MirrorMaker 2 worker, an application that
            // fails over), so the host on a node is shared by every cluster that places a component there.
            host = Network.EndpointOf(node) as NodeHost ?? new NodeHost();
            _hosts.Add(node.Index, host);
            Network.Attach(node, host);
        }
        return host;
    }

    public void Send(Node from, Node to, KafkaMessage message) => Network.Send(from, to, message);

    /// <summary>
    /// The NetworkClient on <paramref name="from"/> closes the connection <paramref name="timedOut"/> went out on,
    /// because the request timed out: Kafka's NetworkClient.handleTimedOutRequests disconnects the node
    /// (processTimeoutDisconnection), for producers, consumers, replica fetchers and KRaft's channels alike.
    /// Whatever a network cut still holds of that connection is discarded, so the request cannot arrive late.
    /// </summary>
    public void Disconnect(Node from, KafkaMessage timedOut) =>
        Network.Disconnect(from, Network.Topology.Nodes[timedOut.Destination], timedOut.ConnectionOwner);

    /// <summary>The metadata offset up to which committed records have been reported to observers (each once, whichever controller commits it).</summary>
    public long MetadataReportedUpTo { get; set; }
}
