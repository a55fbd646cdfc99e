using Sim.MirrorMaker.Audit;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.MirrorMaker;

/// <summary>
/// Topic naming and cycles in an active-active pair mirrored both ways. Source: KIP-382 ("MirrorMaker 2.0",
/// "Remote Topics" and "Cycle detection": remote topics are named <c>source.topic</c> by DefaultReplicationPolicy,
/// and a topic is never replicated to a cluster already in its name); Kafka's geo-replication documentation
/// (IdentityReplicationPolicy, Kafka 3.0: topic names are kept, so MirrorMaker cannot tell a remote topic
/// from a local one and cannot prevent cycles; it is meant for one-way, active/passive flows). A producer in site a writes 100 records/s for 2 s.
/// The run has no warm-up: the tests compare every record in a topic with records_produced, which counts only
/// records sent after the warm-up, so both must cover the whole run.
/// </summary>
public class ReplicationPolicyScenarios(ITestOutputHelper output)
{
    private const string TwoWayMirror = """
        name: replication-policy
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 6s
        warmup: 0s
        architectures:
          active-active:
            sites: [a, b]
            cluster: { brokers: 3, controllers: 1 }
            broker: { offsets.topic.num.partitions: 1 }
            mirror: { replication.policy.class: DefaultReplicationPolicy }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 100/s, keys: 100, stop: 2s, config: { acks: all } }
          consumers:
            - { zone: b, group: billing, topic: orders }
        """;

    private static (long Records, long Copies, bool FromA) Holdings(Outcome o, string cluster, string topic)
    {
        var mm = o.Run.Simulation.MirrorMaker!;
        var (records, copies) = RecordIdentity.InTopic(o.Run.Cluster(cluster), mm.ClusterId(cluster), topic);
        return (records.Values.Sum(s => s.Count), copies, records.Keys.Any(r => r.Cluster == mm.ClusterId("a")));
    }

    private static IReadOnlyList<string> Topics(Outcome o, string cluster) =>
        o.Run.Cluster(cluster).Context.Partitions.Select(p => p.Topic.Name).Where(t => !t.StartsWith("__", StringComparison.Ordinal)).Distinct().Order().ToList();

    /// <summary>Source: KIP-382, "Remote Topics" and cycle detection (DefaultReplicationPolicy names <c>a.orders</c> and never sends it back to <c>a</c>).</summary>
    [Fact]
    public void TheDefaultPolicyNamesRemoteTopicsAfterTheirSourceAndNeverMirrorsThemBack()
    {
        var o = Scenario.Run(TwoWayMirror);
        long produced = o.Result.RecordsProduced;
        var onB = Holdings(o, "b", "a.orders");
        var onA = Holdings(o, "a", "orders");
        output.WriteLine($"a: [{string.Join(", ", Topics(o, "a"))}]; b: [{string.Join(", ", Topics(o, "b"))}]; produced {produced}, b/a.orders holds {onB.Records} (+{onB.Copies} copies), a/orders {onA.Records} (+{onA.Copies})");
        Assert.Contains("a.orders", Topics(o, "b"));
        Assert.DoesNotContain("b.a.orders", Topics(o, "a"));
        Assert.Equal(produced, onB.Records);
        Assert.Equal(0, onB.Copies);
        Assert.Equal((produced, 0L), (onA.Records, onA.Copies));
        // Nothing written in a is found in a's copy of b's topic: the b->a flow skipped a.orders as a cycle.
        Assert.False(Holdings(o, "a", "b.orders").FromA);
        Assert.Equal(0, o.Result.Duplicates);
    }

    /// <summary>Source: IdentityReplicationPolicy (Kafka 3.0): names are kept, so MirrorMaker 2 cannot detect cycles; meant for one-way flows.</summary>
    [Fact]
    public void TheIdentityPolicyKeepsTopicNamesSoTwoWayMirroringLoopsRecordsForever()
    {
        var o = Scenario.Run(TwoWayMirror, 0, "architectures.active-active.mirror.replication.policy.class=IdentityReplicationPolicy");
        long produced = o.Result.RecordsProduced;
        var onA = Holdings(o, "a", "orders");
        var onB = Holdings(o, "b", "orders");
        output.WriteLine($"a: [{string.Join(", ", Topics(o, "a"))}]; b: [{string.Join(", ", Topics(o, "b"))}]; produced {produced}; a/orders holds {onA.Records} records with {onA.Copies} extra copies, b/orders {onB.Records} with {onB.Copies}; consumer duplicates {o.Result.Duplicates}");
        Assert.DoesNotContain("a.orders", Topics(o, "b"));
        Assert.Equal(produced, onA.Records);
        Assert.Equal(produced, onB.Records);
        // Every record came back to a, and went out again, many times over within seconds.
        Assert.True(onA.Copies > 10 * produced, $"{onA.Copies} extra copies of {produced} records on a");
        Assert.True(o.Result.Duplicates > 0);
    }
}
