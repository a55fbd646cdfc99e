using Sim.Core.Time;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// An architecture's <c>broker:</c> block (server.properties) and the topics' keys: <c>.ms</c> and
/// <c>.seconds</c> keys in their own units, an unknown key answered with the nearest valid one, and
/// <c>min.insync.replicas</c> above a topic's <c>replication.factor</c> refused (no <c>acks=all</c> write
/// could succeed) at the key that set it, the topic's own or the broker default.
/// </summary>
public sealed class BrokerAndTopicKeyTests
{
    private const string Block = "    brokers_per_site: 1";

    private static string WithBroker(string broker) =>
        Minimal.Replace(Block, Block + "\n    broker:\n" + string.Join("\n", broker.Split('\n').Select(l => "      " + l)), StringComparison.Ordinal);

    private static string WithTopic(string topic) =>
        Minimal.Replace("orders: { partitions: 3, replication.factor: 3 }", "orders: " + topic, StringComparison.Ordinal);

    [Theory]
    [InlineData("replica.lag.time.max.ms: 45000", 45_000)]
    [InlineData("replica.lag.time.max.ms: 10s", 10_000)]
    public void Load_BrokerMsKey_TakesMillisecondsOrADurationWithItsUnit(string broker, long milliseconds)
    {
        var d = Load(WithBroker(broker));

        Assert.Equal(SimDuration.FromMilliseconds(milliseconds), d.Points[0].Plan.Settings["stretch"].Server.Broker.ReplicaLagTimeMax);
    }

    [Fact]
    public void Load_BrokerSecondsKey_TakesABareNumberAsSeconds()
    {
        var d = Load(WithBroker("leader.imbalance.check.interval.seconds: 300"));

        Assert.Equal(SimDuration.FromMinutes(5), d.Points[0].Plan.Settings["stretch"].Server.Broker.LeaderImbalanceCheckInterval);
    }

    [Fact]
    public void Load_UnknownBrokerKey_HintsAtTheNearestValidKey()
    {
        string yaml = WithBroker("min.insync.replica: 2");

        var diag = Expect(yaml, "unknown key 'min.insync.replica'", key: "architectures.stretch.broker.min.insync.replica", line: LineOf(yaml, "min.insync.replica:"));
        Assert.Equal("did you mean 'min.insync.replicas'?", diag.Hint);
    }

    [Fact]
    public void Load_BrokerBooleanThatIsNotTrueOrFalse_IsAnErrorAtTheKey()
    {
        Expect(WithBroker("unclean.leader.election.enable: yes"), "expected true or false, not 'yes'",
            key: "architectures.stretch.broker.unclean.leader.election.enable");
    }

    [Fact]
    public void Load_TopicMinInsyncReplicasAboveReplicationFactor_IsAnErrorAtTheTopicsKey()
    {
        string yaml = WithTopic("""
            
                partitions: 3
                replication.factor: 2
                min.insync.replicas: 3
            """);

        var diag = Expect(yaml, "min.insync.replicas 3 is above topic 'orders''s replication.factor 2", key: "topics.orders.min.insync.replicas",
            line: LineOf(yaml, "min.insync.replicas: 3"));
        Assert.Contains("no acks=all write could ever succeed", diag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokerMinInsyncReplicasAboveAReplicationFactor_IsAnErrorAtTheBrokersKey()
    {
        string yaml = WithBroker("min.insync.replicas: 3").Replace("replication.factor: 3", "replication.factor: 2", StringComparison.Ordinal);

        Expect(yaml, "min.insync.replicas 3 is above topic 'orders''s replication.factor 2", key: "architectures.stretch.broker.min.insync.replicas",
            line: LineOf(yaml, "min.insync.replicas: 3"));
    }

    [Fact]
    public void Load_BrokerMinInsyncReplicasAboveAReplicationFactorSetByOverride_IsAnErrorAtTheSetOption()
    {
        var diagnostics = Fail(Minimal, "architectures.stretch.broker.min.insync.replicas=4");

        var diag = Find(diagnostics, "min.insync.replicas 4 is above topic 'orders''s replication.factor 3", key: "architectures.stretch.broker.min.insync.replicas");
        Assert.Equal("--set architectures.stretch.broker.min.insync.replicas=4", diag.File);
    }

    [Fact]
    public void Load_TopicMinInsyncReplicasWithinReplicationFactor_OverridesAHigherBrokerDefault()
    {
        // The topic's own setting is the one Kafka applies, so the broker default above RF is never used for it.
        string yaml = WithBroker("min.insync.replicas: 3").Replace(
            "orders: { partitions: 3, replication.factor: 3 }", "orders: { partitions: 3, replication.factor: 2, min.insync.replicas: 2 }", StringComparison.Ordinal);

        var d = Load(yaml);

        Assert.Equal(2, Topic(d.Points[0], "orders").MinInSyncReplicas);
        Assert.Equal(3, d.Points[0].Plan.Settings["stretch"].Server.Broker.MinInSyncReplicas);
    }

    [Fact]
    public void Load_TopicKeysLeftOut_TakeKafkasDefaults()
    {
        var d = Load(WithTopic("{}"));

        var orders = Topic(d.Points[0], "orders");
        Assert.Equal((1, 1, null), (orders.Partitions, orders.ReplicationFactor, orders.MinInSyncReplicas));
    }

    [Fact]
    public void Load_MisspelledTopicKey_HintsAtTheNearestKafkaKey()
    {
        var diag = Expect(WithTopic("{ partitions: 3, replication.factr: 3 }"), "unknown key 'replication.factr'", key: "topics.orders.replication.factr");

        Assert.Equal("did you mean 'replication.factor'?", diag.Hint);
    }
}
