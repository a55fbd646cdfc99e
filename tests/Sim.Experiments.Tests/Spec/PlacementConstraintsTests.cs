using Sim.Kafka.Config;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// A topic's <c>confluent.placement.constraints</c> (Confluent Multi-Region Clusters, "Replica placement"):
/// read as Confluent's JSON is written, the replication factor the sum of replicas and observers, and refused at
/// its file, line and key when a rack has fewer brokers than the constraint counts there.
/// </summary>
public sealed class PlacementConstraintsTests
{
    private static string WithTopic(string topic) =>
        Minimal.Replace("orders: { partitions: 3, replication.factor: 3 }", "orders:\n    " + topic.Replace("\n", "\n    ", StringComparison.Ordinal), StringComparison.Ordinal);

    [Fact]
    public void Load_Constraints_SetReplicasObserversPolicyAndReplicationFactor()
    {
        string yaml = WithTopic("partitions: 1\nconfluent.placement.constraints: {version: 2, replicas: [{count: 1, constraints: {rack: a}}, {count: 1, constraints: {rack: b}}], observers: [{count: 1, constraints: {rack: c}}], observerPromotionPolicy: under-min-isr}");

        var topic = Load(yaml).Points[0].Plan.Settings["stretch"].Topics.Single(t => t.Name == "orders");

        Assert.Equal(3, topic.ReplicationFactor);
        Assert.Equal(ObserverPromotionPolicy.UnderMinIsr, topic.Placement!.Promotion);
        Assert.Equal([new RackCount(1, "c")], topic.Placement.Observers);
    }

    [Fact]
    public void Load_MoreObserversThanTheRackHas_IsAnErrorAtTheConstraintsKey()
    {
        string yaml = WithTopic("partitions: 1\nconfluent.placement.constraints: {replicas: [{count: 1, constraints: {rack: a}}], observers: [{count: 2, constraints: {rack: c}}]}");

        Expect(yaml, "2 replicas and observers in rack 'c' but cluster 'stretch' has 1 broker(s) there", key: "topics.orders.confluent.placement.constraints", line: LineOf(yaml, "confluent.placement.constraints:"));
    }

    [Fact]
    public void Load_UnknownPromotionPolicy_IsAnErrorAtItsKey()
    {
        string yaml = WithTopic("partitions: 1\nconfluent.placement.constraints: {replicas: [{count: 1, constraints: {rack: a}}], observerPromotionPolicy: always}");

        Expect(yaml, "unknown observerPromotionPolicy 'always'", key: "topics.orders.confluent.placement.constraints.observerPromotionPolicy", line: LineOf(yaml, "confluent.placement.constraints:"));
    }

    [Fact]
    public void Load_ReplicationFactorOtherThanTheCounts_IsAConflict()
    {
        string yaml = WithTopic("partitions: 1\nreplication.factor: 3\nconfluent.placement.constraints: {replicas: [{count: 1, constraints: {rack: a}}]}");

        Expect(yaml, "placement constraints name 1 replicas and observers but replication.factor is 3", key: "topics.orders.confluent.placement.constraints", line: LineOf(yaml, "confluent.placement.constraints:"));
    }
}
