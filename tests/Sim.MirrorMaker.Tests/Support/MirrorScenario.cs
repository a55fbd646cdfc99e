using Sim.Architectures.Applications;
using Sim.Architectures.Model;
using Sim.Architectures.Templates;
using Sim.MirrorMaker.Failover;
using Sim.Architectures.Runtime;
using System.Globalization;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Observation;
using Sim.MirrorMaker;
using Sim.MirrorMaker.Audit;
using Sim.MirrorMaker.Connect;
using Sim.Experiments.Text;

namespace Sim.MirrorMaker.Tests.Support;

/// <summary>
/// Two clusters, <c>a</c> and <c>b</c>, each with three brokers and three controllers in a zone of its own
/// region, RTT apart, and MirrorMaker 2 flows described in the model's own YAML. Scenarios are built
/// through the model file format and option records, as users build them.
/// </summary>
public sealed class MirrorScenario
{
    private int _nextClientId = 1;
    private readonly Dictionary<FailoverController, ClientIdBlock> _failoverIds = [];

    private MirrorScenario(Simulation sim)
    {
        Sim = sim;
        foreach (var name in sim.Clusters.Keys)
        {
            Ledgers[name] = new AckLedger();
            sim.EventsOf(name).Add(Ledgers[name]);
            sim.EventsOf(name).Add(Deliveries.ClusterView(sim.MirrorMaker!.ClusterId(name)));
        }
    }

    public Simulation Sim { get; }
    public Dictionary<string, AckLedger> Ledgers { get; } = [];
    public DeliveryLedger Deliveries { get; } = new();
    public MirrorMakerDeployment MirrorMaker => Sim.MirrorMaker!;
    public KafkaCluster A => Sim.Cluster("a");
    public KafkaCluster B => Sim.Cluster("b");

    /// <param name="mirrormaker">The model's <c>mirrormaker</c> section, indented by two spaces.</param>
    public static MirrorScenario Create(string mirrormaker, string rtt = "20ms", int partitions = 3, ulong seed = 7,
        string? bandwidth = null, IReadOnlyList<TopicConfig>? extraTopics = null)
    {
        string link = bandwidth is null ? $"{{ preset: cross-region, rtt: {rtt} }}" : $"{{ preset: cross-region, rtt: {rtt}, bandwidth: {bandwidth} }}";
        var yaml = $"""
            name: mirror-test
            regions:
              east: {"{"} zones: {"{"} a: {"{"} racks: [a1, a2, a3] {"}"} {"}"} {"}"}
              west: {"{"} zones: {"{"} b: {"{"} racks: [b1, b2, b3] {"}"} {"}"} {"}"}
            links:
              east/west: {link}
            clusters:
              a: {"{"} brokers: {"{"} a: 3 {"}"}, controllers: {"{"} a: 3 {"}"} {"}"}
              b: {"{"} brokers: {"{"} b: 3 {"}"}, controllers: {"{"} b: 3 {"}"} {"}"}
            mirrormaker:
            {mirrormaker}
            """;
        var model = ModelLoader.Load("mirror-test.yaml", yaml);
        List<TopicConfig> topics = [new("orders", partitions, 3) { MinInSyncReplicas = 2 }, .. extraTopics ?? []];
        var settings = new Dictionary<string, ClusterSettings>
        {
            ["a"] = new(topics),
            ["b"] = new(topics),
        };
        return new MirrorScenario(Simulation.Build(model, settings, seed, checkInvariants: true));
    }

    public KafkaProducer Produce(string cluster, double rate, string topic = "orders", ProducerConfig? config = null, SimTime? start = null, SimTime? stop = null)
    {
        var c = Sim.Cluster(cluster);
        var workload = new WorkloadConfig(topic, rate) { Keys = 1000, Start = start ?? SimTime.Zero, Stop = stop ?? SimTime.MaxValue };
        var p = c.AddProducer(_nextClientId++, Sim.ClientNode(cluster), config ?? new ProducerConfig(), workload);
        p.Start();
        return p;
    }

    public KafkaConsumer Consume(string cluster, string group, string topic = "orders", ConsumerConfig? config = null, bool start = true)
    {
        var c = Sim.Cluster(cluster);
        var partitions = c.Context.Partitions.Where(p => p.Topic.Name == topic).Select(p => p.Index).ToList();
        var consumer = c.AddConsumer(100 + _nextClientId++, Sim.ClientNode(cluster), (config ?? new ConsumerConfig()) with { GroupId = group }, partitions);
        if (start) consumer.Start();
        return consumer;
    }

    public void RunFor(string duration) => Sim.Scheduler.Run(Sim.Scheduler.Now + DurationText.Parse(duration), 200_000_000);

    public void RunUntil(string time) => Sim.Scheduler.Run(SimTime.Zero + DurationText.Parse(time), 200_000_000);

    public MirrorFlow Flow(string source, string target) => MirrorMaker.Flow(source, target);

    /// <summary>Every machine of the cluster loses power (a site outage that takes the whole cluster).</summary>
    public void PowerOffCluster(string cluster)
    {
        var c = Sim.Cluster(cluster);
        foreach (var node in c.Brokers.Select(b => b.Node).Concat(c.Controllers.Select(x => x.Node)).Distinct().ToList()) c.PowerOff(node);
    }

    /// <summary>Every broker and controller process of the cluster stops; the machines stay up and keep their page caches.</summary>
    public void StopCluster(string cluster)
    {
        var c = Sim.Cluster(cluster);
        foreach (var b in c.Brokers.ToList()) c.CrashBroker(b.Id, powerLoss: false);
        foreach (var x in c.Controllers.ToList()) c.CrashController(x.Id);
    }

    public void StartCluster(string cluster)
    {
        var c = Sim.Cluster(cluster);
        foreach (var x in c.Controllers.ToList()) c.RestartController(x.Id);
        foreach (var b in c.Brokers.ToList()) c.RestartBroker(b.Id);
    }

    public void PowerOnCluster(string cluster)
    {
        var c = Sim.Cluster(cluster);
        foreach (var node in c.Brokers.Select(b => b.Node).Concat(c.Controllers.Select(x => x.Node)).Distinct().ToList()) c.PowerOn(node);
    }

    /// <summary>A failover controller from a to b, probing from the client machine of zone <paramref name="zone"/>; add its applications with <see cref="Follower"/>.</summary>
    public FailoverController Failover(FailoverConfig config, string zone = "b")
    {
        var ids = Sim.ClientIds.Failover(_failoverIds.Count);
        var reverse = Sim.MirrorMaker!.Flows.FirstOrDefault(fl => fl.Config.Source == "b" && fl.Config.Target == "a");
        var f = new FailoverController(Sim.Scheduler, Sim.Streams, A, B, Flow("a", "b"), config, Sim.ClientNode(zone), ids, reverse);
        _failoverIds[f] = ids;
        return f;
    }

    /// <summary>An application on the client machine of <paramref name="zone"/>, started on a and following <paramref name="f"/>.</summary>
    public Application Follower(FailoverController f, AppPlacement placement, string zone = "b")
    {
        var app = new Application(placement with { Cluster = "a" }, Sim.ClientNode(zone), Sim.Scheduler, A, _failoverIds[f], f);
        app.Start();
        return app;
    }

    /// <summary>A producer application's placement: <paramref name="workload"/> written with default producer settings.</summary>
    public static AppPlacement ProducerApp(string name, WorkloadConfig workload) =>
        new(name, AppRole.Producer, "b", "a", [workload.Topic]) { Producer = new ProducerConfig(), Workload = workload, Topic = workload.Topic };

    /// <summary>A consumer application's placement: <paramref name="config"/>'s group reading <paramref name="topic"/>.</summary>
    public static AppPlacement ConsumerApp(string name, ConsumerConfig config, string topic) =>
        new(name, AppRole.Consumer, "b", "a", [topic]) { Consumer = config, Topic = topic };

    /// <summary>The identities of the records <paramref name="topic"/> on <paramref name="cluster"/> holds.</summary>
    public (Dictionary<RootPartition, OffsetIntervals> Records, long Duplicates) Holdings(string cluster, string topic) =>
        RecordIdentity.InTopic(Sim.Cluster(cluster), MirrorMaker.ClusterId(cluster), topic);

    /// <summary>The records acknowledged on <paramref name="cluster"/>'s topic, by identity.</summary>
    public Dictionary<RootPartition, OffsetIntervals> Acked(string cluster, string topic = "orders")
    {
        var c = Sim.Cluster(cluster);
        int id = MirrorMaker.ClusterId(cluster);
        var result = new Dictionary<RootPartition, OffsetIntervals>();
        foreach (var r in Ledgers[cluster].AckedRanges)
        {
            if (c.Context.Partitions[r.Partition].Topic.Name != topic) continue;
            var root = new RootPartition(id, r.Partition);
            if (!result.TryGetValue(root, out var set)) result[root] = set = new OffsetIntervals();
            set.Add(r.BaseOffset, r.NextOffset);
        }
        return result;
    }

    /// <summary>Records in <paramref name="of"/> missing from <paramref name="from"/>.</summary>
    public static long Missing(Dictionary<RootPartition, OffsetIntervals> of, Dictionary<RootPartition, OffsetIntervals> from) =>
        RecordIdentity.Missing(of, from);

    public static string S(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
