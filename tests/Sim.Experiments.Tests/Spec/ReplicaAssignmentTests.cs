using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// A topic's explicit <c>replicas</c> assignment (<c>kafka-topics --create --replica-assignment</c>): taken
/// as written, its replication factor from the lists, and refused at load, at its file, line and key, when
/// <c>AdminUtils</c> or the KRaft controller would refuse it.
/// </summary>
public sealed class ReplicaAssignmentTests
{
    private static string WithTopic(string topic) =>
        Minimal.Replace("orders: { partitions: 3, replication.factor: 3 }", "orders:\n    " + topic.Replace("\n", "\n    ", StringComparison.Ordinal), StringComparison.Ordinal);

    private static int[] BrokerIds() =>
        Load(Minimal).Points[0].Plan.Model.Clusters[0].Brokers.Select(b => b.KafkaId!.Value).Order().ToArray();

    [Fact]
    public void Load_ReplicaLists_AreTheTopicsAssignmentAndSetItsReplicationFactor()
    {
        var ids = BrokerIds();
        string yaml = WithTopic($"partitions: 3\nreplicas: [[{ids[0]}, {ids[1]}], [{ids[1]}, {ids[2]}], [{ids[2]}, {ids[0]}]]");

        var topic = Load(yaml).Points[0].Plan.Settings["stretch"].Topics.Single(t => t.Name == "orders");

        Assert.Equal(2, topic.ReplicationFactor);
        Assert.Equal([ids[1], ids[2]], topic.Replicas![1]);
    }

    [Fact]
    public void Load_UnknownBrokerId_IsAnErrorAtTheReplicasKey()
    {
        var ids = BrokerIds();
        string yaml = WithTopic($"partitions: 1\nreplicas: [[{ids[0]}, 99]]");

        var diag = Expect(yaml, "broker 99 is not a broker of cluster 'stretch'", key: "topics.orders.replicas", line: LineOf(yaml, "replicas:"));
        Assert.Equal(Support.ExperimentFiles.File, diag.File);
    }

    [Fact]
    public void Load_BrokerTwiceInAList_IsAnErrorAtThatList()
    {
        string yaml = WithTopic("partitions: 2\nreplicas:\n  - [1, 2]\n  - [2, 2]");

        Expect(yaml, "broker 2 appears twice in partition 1's replica list", key: "topics.orders.replicas.1", line: LineOf(yaml, "- [2, 2]"));
    }

    [Fact]
    public void Load_ListCountOtherThanThePartitions_IsAnError()
    {
        string yaml = WithTopic("partitions: 3\nreplicas: [[1, 2], [2, 3]]");

        Expect(yaml, "2 replica lists for the 3 partitions of topic 'orders'", key: "topics.orders.replicas", line: LineOf(yaml, "replicas:"));
    }

    [Fact]
    public void Load_ListsOfDifferentLengths_IsAnErrorAtTheOddList()
    {
        string yaml = WithTopic("partitions: 2\nreplicas:\n  - [1, 2]\n  - [2, 3, 1]");

        Expect(yaml, "partition 1 has 3 replicas but partition 0 has 2", key: "topics.orders.replicas.1", line: LineOf(yaml, "- [2, 3, 1]"));
    }

    [Fact]
    public void Load_ReplicationFactorOtherThanTheListLength_IsAConflict()
    {
        string yaml = WithTopic("partitions: 1\nreplication.factor: 3\nreplicas: [[1, 2]]");

        var diag = Expect(yaml, "replica lists of 2 brokers conflict with replication.factor 3", key: "topics.orders.replicas", line: LineOf(yaml, "replicas:"));
        Assert.Equal("leave replication.factor out: the lists set it", diag.Hint);
    }
}
