using Sim.Architectures.Templates;
using Sim.Core.Time;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// A cluster shape's own <c>broker</c> keys (one cluster of a multi-cluster design keeps years while the others keep
/// Kafka's 7 days: seed 003, aggregate) and a consumer's <c>start</c> (a late catch-up reader). Bad values are reported
/// at their key.
/// </summary>
public sealed class ClusterShapeBrokerTests
{
    private static string Experiment(string block, string consumer = "") => $$"""
        name: shape
        model: model.yaml
        duration: 1m
        architectures:
          aggregate: {{block}}
        topics:
          orders: { partitions: 3, replication.factor: 3 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 100/s }
          consumers:
            - { zone: a, group: g, topic: orders{{consumer}} }
        """;

    [Fact]
    public void Load_ShapeBrokerKeys_ApplyToThatClusterOverTheBlocks()
    {
        var plan = Assert.Single(Load(Experiment(
            "{ regions: [a, b], aggregate: c, broker: { offsets.topic.num.partitions: 2 }, aggregate_cluster: { broker: { log.retention.ms: 26280h } } }")).Points).Plan;

        Assert.Equal(SimDuration.FromHours(26280), plan.Settings["aggregate"].Server.Broker.Log.RetentionMs);
        Assert.Equal(SimDuration.FromHours(7 * 24), plan.Settings["a"].Server.Broker.Log.RetentionMs);
        // The block's own keys still hold on the cluster with its own.
        Assert.Equal(2, plan.Settings["aggregate"].Server.OffsetsTopicPartitions);
        Assert.Equal(2, plan.Settings["a"].Server.OffsetsTopicPartitions);
    }

    [Fact]
    public void Load_BadShapeBrokerValue_IsReportedAtItsKey()
    {
        var yaml = Experiment("{ regions: [a, b], aggregate: c, aggregate_cluster: { broker: { log.retention.ms: 3y } } }");
        Expect(yaml, "unknown duration unit", "architectures.aggregate.aggregate_cluster.broker.log.retention.ms", LineOf(yaml, "3y"));
    }

    [Fact]
    public void Load_ConsumerStart_StartsTheApplicationLate()
    {
        var plan = Assert.Single(Load(Experiment("{ regions: [a, b], aggregate: c }", ", start: 90s, config: { auto.offset.reset: earliest }")).Points).Plan;

        var consumer = plan.Apps.Single(a => a.Role == AppRole.Consumer);
        Assert.Equal(SimTime.FromSeconds(90), consumer.Start);
        Assert.True(consumer.Consumer!.AutoOffsetResetEarliest);
        Assert.Null(plan.Apps.Single(a => a.Role == AppRole.Producer).Start);
    }
}
