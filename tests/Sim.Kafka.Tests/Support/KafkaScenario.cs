using Sim.Core.Distributions;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Invariants;
using Sim.Kafka.Observation;
using Sim.Network;
using Sim.Network.Faults;
using Sim.Network.Links;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// A small test DSL: builds a cluster through the same option records a model and experiment file
/// produce, runs it with every invariant checked after every event, and exposes faults and the ledger.
/// </summary>
public sealed class KafkaScenario
{
    private int _nextClient = 1;

    private KafkaScenario(Builder b)
    {
        Streams = new RngStreams(b.Seed);
        var regions = new List<RegionOptions>
        {
            new("region", b.Zones.Select(z => new ZoneOptions(z, [z + "-r1"])).ToList()),
        };
        var nodes = new List<NodeOptions>();
        int id = 1;
        var brokerIds = new List<(int, string)>();
        foreach (var z in b.Zones)
        {
            for (int i = 0; i < b.BrokersPerZone; i++, id++)
            {
                nodes.Add(new NodeOptions($"broker-{id}", NodeRole.Broker, z + "-r1", "main", id));
                brokerIds.Add((id, $"broker-{id}"));
            }
        }
        var controllerIds = new List<(int, string)>();
        int cid = 100;
        foreach (var (zone, count) in b.Controllers)
        {
            for (int i = 0; i < count; i++, cid++)
            {
                nodes.Add(new NodeOptions($"controller-{cid}", NodeRole.Controller, zone + "-r1", "main", cid));
                controllerIds.Add((cid, $"controller-{cid}"));
            }
        }
        foreach (var z in b.Zones) nodes.Add(new NodeOptions($"client-{z}", NodeRole.Client, z + "-r1"));
        var links = new List<LinkOptions>();
        if (b.CrossZoneRtt is { } rtt)
            links.AddRange(from a in b.Zones from c in b.Zones where string.CompareOrdinal(a, c) < 0
                select new LinkOptions($"{a}/{c}", a, c, true, new LinkProfileOptions(Rtt: rtt)));
        var options = new NetworkOptions(new TopologyOptions(regions), nodes, links, new LinkDefaults());
        var errors = NetworkOptionsValidator.Validate(options);
        if (errors.Count > 0) throw new InvalidOperationException(string.Join("; ", errors));
        Topology = new NetworkTopology(options.Topology, options.Nodes);
        Network = new Network.Transport.Network(Scheduler, Topology, new LinkTable(Topology, options.Links, options.Defaults), Streams);
        Events.Add(Ledger);
        Events.Add(Trace);
        Cluster = KafkaCluster.Build(
            new KafkaClusterOptions("main",
                brokerIds.Select(x => (x.Item1, Topology.Node(x.Item2))).ToList(),
                controllerIds.Select(x => (x.Item1, Topology.Node(x.Item2))).ToList(),
                b.Topics) { Server = new ServerSettings { Broker = b.Broker, Quorum = b.Quorum, OffsetsTopicPartitions = b.OffsetsTopicPartitions } },
            Scheduler, Network, Streams, Events);
        var invariants = new InvariantMonitor(Scheduler);
        KafkaInvariants.Register(invariants, Cluster);
        Scheduler.Monitor = invariants;
    }

    public Scheduler Scheduler { get; } = new();
    public RngStreams Streams { get; }
    public NetworkTopology Topology { get; }
    public Network.Transport.Network Network { get; }
    public KafkaEvents Events { get; } = new();
    public AckLedger Ledger { get; } = new();
    public EventLog Trace { get; } = new();
    public KafkaCluster Cluster { get; }

    public SimTime Now => Scheduler.Now;

    public static Builder Create() => new();

    public KafkaProducer Producer(string zone, WorkloadConfig workload, ProducerConfig? config = null)
    {
        var p = Cluster.AddProducer(_nextClient++, Topology.Node($"client-{zone}"), config ?? new ProducerConfig(), workload);
        p.Start();
        return p;
    }

    /// <summary>A consumer reading every partition of <paramref name="topic"/>.</summary>
    public KafkaConsumer Consumer(string zone, string topic, ConsumerConfig? config = null)
    {
        var partitions = Cluster.Context.Partitions.Where(p => p.Topic.Name == topic).Select(p => p.Index).ToList();
        var c = Cluster.AddConsumer(_nextClient++, Topology.Node($"client-{zone}"), config ?? new ConsumerConfig(), partitions);
        c.Start();
        return c;
    }

    /// <summary>A consumer subscribed to <paramref name="topic"/>: a member of its group, which assigns its partitions.</summary>
    public KafkaConsumer GroupMember(string zone, string topic, ConsumerConfig config)
    {
        var partitions = Cluster.Context.Partitions.Where(p => p.Topic.Name == topic).Select(p => p.Index).ToList();
        var c = Cluster.AddConsumer(_nextClient++, Topology.Node($"client-{zone}"), config, partitions);
        c.Subscribe();
        c.Start();
        return c;
    }

    public void RunFor(SimDuration span, long maxEvents = 50_000_000) => Scheduler.RunFor(span, maxEvents);

    public void RunUntil(SimTime at, long maxEvents = 50_000_000) => Scheduler.Run(at, maxEvents);

    public Node BrokerNode(int id) => Cluster.Context.BrokerNode(id);

    /// <summary>Cuts <paramref name="a"/> off from <paramref name="b"/> (both ways unless <paramref name="oneWay"/>).</summary>
    public Cut CutBetween(Node[] a, Node[] b, bool oneWay = false)
    {
        var cut = new Cut($"{string.Join("+", a.Select(n => n.Name))} x {string.Join("+", b.Select(n => n.Name))}",
            NodeSet.Of(Topology, a), NodeSet.Of(Topology, b), Symmetric: !oneWay);
        Network.AddCut(cut);
        return cut;
    }

    public AuditResult Audit() => Ledger.Audit(Cluster.FinalLog);

    public sealed class Builder
    {
        public List<string> Zones { get; } = ["a", "b", "c"];
        public int BrokersPerZone { get; set; } = 1;
        public List<(string Zone, int Count)> Controllers { get; set; } = [("a", 1), ("b", 1), ("c", 1)];
        public SimDuration? CrossZoneRtt { get; set; } = SimDuration.FromMilliseconds(2);
        public List<TopicConfig> Topics { get; } = [];
        public BrokerConfig Broker { get; set; } = new();
        public QuorumConfig Quorum { get; set; } = new();
        public ulong Seed { get; set; } = 42;

        /// <summary><c>offsets.topic.num.partitions</c>; tests without consumers leave <c>__consumer_offsets</c> out.</summary>
        public int OffsetsTopicPartitions { get; set; }

        public Builder WithConsumerOffsets(int partitions = 3) { OffsetsTopicPartitions = partitions; return this; }

        public Builder WithZones(params string[] zones) { Zones.Clear(); Zones.AddRange(zones); return this; }
        public Builder WithBrokersPerZone(int n) { BrokersPerZone = n; return this; }
        public Builder WithControllers(params (string Zone, int Count)[] c) { Controllers = [.. c]; return this; }
        public Builder WithTopic(string name, int partitions, int rf, int? minIsr = null, bool? unclean = null)
        {
            Topics.Add(new TopicConfig(name, partitions, rf) { MinInSyncReplicas = minIsr, UncleanLeaderElectionEnable = unclean });
            return this;
        }
        public Builder WithBroker(Func<BrokerConfig, BrokerConfig> f) { Broker = f(Broker); return this; }
        public Builder WithSeed(ulong seed) { Seed = seed; return this; }
        public Builder WithRtt(SimDuration rtt) { CrossZoneRtt = rtt; return this; }
        public KafkaScenario Build() => new(this);
    }

    public static WorkloadConfig Steady(string topic, double recordsPerSecond, int keys = 1000) =>
        new(topic, recordsPerSecond) { Keys = keys, Arrivals = ArrivalProcess.Poisson, RecordSize = DistributionSpec.Constant(1024, Sim.Core.QuantityKind.Bytes) };
}
