using Sim.MirrorMaker.Tests.Support;
using static Sim.MirrorMaker.Tests.Support.MirrorScenario;

namespace Sim.MirrorMaker.Tests;

/// <summary>One-way and two-way flows: naming, completeness, lag (KIP-382, MirrorSourceConnector).</summary>
public class ReplicationTests
{
    private const string OneWay = """
          mm2: { workers: { b: 1 }, flows: { a->b: { tasks.max: 2 } } }
        """;

    [Fact]
    public void EveryRecordAcknowledgedOnTheSourceReachesTheRemoteTopicOnce()
    {
        var t = Create(OneWay);
        t.Produce("a", 2000, stop: new Sim.Core.Time.SimTime(20_000_000_000));
        t.RunUntil("40s");
        var acked = t.Acked("a");
        var (held, duplicates) = t.Holdings("b", "a.orders");
        Assert.True(acked.Values.Sum(s => s.Count) > 30_000, $"acked {acked.Values.Sum(s => s.Count)}");
        Assert.Equal(0, Missing(acked, held));
        Assert.Equal(0, duplicates);
        Assert.Equal(t.Flow("a", "b").Metrics.RecordsMirrored, held.Values.Sum(s => s.Count) + t.Holdings("b", "a.heartbeats").Records.Values.Sum(s => s.Count));
    }

    [Fact]
    public void OrdersFromAAppearAsAOrdersOnBAndNeverComeBackToA()
    {
        var t = Create("""
              mm2: { workers: { a: 1, b: 1 }, flows: { a->b: {}, b->a: {} } }
            """);
        t.Produce("a", 1000);
        t.Produce("b", 1000);
        t.RunUntil("20s");
        Assert.Contains(t.B.Context.Partitions, p => p.Topic.Name == "a.orders");
        Assert.Contains(t.A.Context.Partitions, p => p.Topic.Name == "b.orders");
        Assert.DoesNotContain(t.A.Context.Partitions, p => p.Topic.Name.Contains("a.", StringComparison.Ordinal) && p.Topic.Name != "b.orders" && !p.Topic.Name.EndsWith("heartbeats", StringComparison.Ordinal));
        int aId = t.MirrorMaker.ClusterId("a");
        // Nothing that started on a is held anywhere on a except where it was produced.
        foreach (var topic in t.A.Context.Partitions.Select(p => p.Topic.Name).Distinct().Where(n => n is not ("orders" or "heartbeats" or "__consumer_offsets")))
            Assert.DoesNotContain(t.Holdings("a", topic).Records.Keys, r => r.Cluster == aId);
        Assert.True(t.Holdings("b", "a.orders").Records.Values.Sum(s => s.Count) > 10_000);
    }

    [Fact]
    public void WithTheIdentityPolicyBothWaysRecordsLoopBackToWhereTheyStarted()
    {
        var t = Create("""
              mm2:
                workers: { a: 1, b: 1 }
                flows:
                  a->b: { replication.policy.class: IdentityReplicationPolicy }
                  b->a: { replication.policy.class: IdentityReplicationPolicy }
            """);
        t.Produce("a", 500, stop: new Sim.Core.Time.SimTime(5_000_000_000));
        t.RunUntil("15s");
        int aId = t.MirrorMaker.ClusterId("a");
        var (onA, duplicatesOnA) = t.Holdings("a", "orders");
        long originals = onA.Where(kv => kv.Key.Cluster == aId).Sum(kv => kv.Value.Count);
        long produced = t.Ledgers["a"].RecordsProduced;
        Assert.Equal(produced, originals);
        // Every record came back, again and again: the topic holds several copies of each.
        Assert.True(duplicatesOnA >= 2 * originals, $"copies beyond the first on a: {duplicatesOnA}, records produced {produced}");
        Assert.True(t.Flow("b", "a").Metrics.RecordsMirrored > 2 * produced);
    }

    [Fact]
    public void HeartbeatLagRisesWithRttAndLoad()
    {
        double Lag(string rtt, double rate)
        {
            var t = Create(OneWay, rtt: rtt, bandwidth: "200Mbps");
            t.Produce("a", rate, config: new Sim.Kafka.Config.ProducerConfig { Linger = Sim.Core.Time.SimDuration.FromMilliseconds(5) });
            t.RunUntil("30s");
            return t.Flow("a", "b").Metrics.HeartbeatLagMs(new Sim.Core.Time.SimTime(10_000_000_000), new Sim.Core.Time.SimTime(30_000_000_000)).Average();
        }
        double near = Lag("10ms", 1000), far = Lag("80ms", 1000), farLoaded = Lag("80ms", 20_000);
        Assert.True(far > near + 50, $"heartbeat lag {S(near)} ms at 10 ms RTT, {S(far)} ms at 80 ms");
        Assert.True(farLoaded > far, $"heartbeat lag {S(far)} ms at 1000/s, {S(farLoaded)} ms at 20000/s");
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunAndAnotherSeedAnotherRun()
    {
        (ulong, long, double) Run(ulong seed)
        {
            var t = Create(OneWay, seed: seed);
            t.Produce("a", 1000);
            t.RunUntil("10s");
            var m = t.Flow("a", "b").Metrics;
            return (t.Sim.Scheduler.Fingerprint.Value, m.RecordsMirrored, m.RecordLagMs.Mean);
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3).Item1, Run(4).Item1);
    }

    [Fact]
    public void TheShippedTwoRegionsModelMirrorsEachRegionIntoTheOther()
    {
        var model = Sim.Experiments.Models.ModelLoader.Load(Path.Combine(RepoRoot(), "models", "two-regions.yaml"));
        var topics = new List<Sim.Kafka.Config.TopicConfig> { new("orders", 6, 3) };
        var sim = Sim.Architectures.Runtime.Simulation.Build(model,
            new Dictionary<string, Sim.Architectures.Runtime.ClusterSettings> { ["east"] = new(topics), ["west"] = new(topics) }, 1);
        sim.Cluster("east").AddProducer(1, sim.ClientNode("use1-az1"), new(), new Sim.Kafka.Config.WorkloadConfig("orders", 500)).Start();
        sim.Scheduler.Run(new Sim.Core.Time.SimTime(15_000_000_000), 50_000_000);
        var flow = sim.MirrorMaker!.Flow("east", "west");
        Assert.Contains(sim.Cluster("west").Context.Partitions, p => p.Topic.Name == "east.orders");
        Assert.True(flow.Metrics.RecordsMirrored > 5000, $"mirrored {flow.Metrics.RecordsMirrored}");
        Assert.InRange(flow.Metrics.HeartbeatLagMs(new Sim.Core.Time.SimTime(5_000_000_000), new Sim.Core.Time.SimTime(15_000_000_000)).Average(), 35, 1000);
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Simulator.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
