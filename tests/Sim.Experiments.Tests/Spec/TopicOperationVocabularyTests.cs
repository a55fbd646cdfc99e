using Sim.Architectures.Faults;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Topic operations in a fault plan (create-topic, create-partitions, delete-topic): read into typed vocabulary,
/// the catalog sized for the most partitions a topic will have, and what the controller would refuse at that time
/// an error at the operation's file, line and key.
/// </summary>
public sealed class TopicOperationVocabularyTests
{
    private static string WithFaults(string faults, string topicKeys = "") =>
        Minimal.Replace("orders: { partitions: 3, replication.factor: 3 }", $"orders: {{ partitions: 3, replication.factor: 3{topicKeys} }}", StringComparison.Ordinal)
        + "\nfaults:\n" + faults;

    [Fact]
    public void Load_CreatePartitions_SizesTheCatalogForTheLargestCount()
    {
        var point = Assert.Single(Load(WithFaults("  - { at: 10s, kind: create-partitions, target: \"topic:orders\", partitions: 5 }\n  - { at: 20s, kind: create-partitions, target: \"topic:orders\", partitions: 8 }\n")).Points);

        var grow = Assert.IsType<CreatePartitions>(point.Faults.Scheduled[1]);
        Assert.Equal(("orders", 8), (grow.Topic, grow.Count));
        var orders = point.Plan.Settings.Values.First().Topics.First(t => t.Name == "orders");
        Assert.Equal((8, 3), (orders.Partitions, orders.CreatedPartitions));
    }

    [Fact]
    public void Load_CreateTopicOfATopicCreatedAtOperation_ReadsIt()
    {
        var point = Assert.Single(Load(WithFaults("  - { at: 10s, kind: create-topic, target: \"topic:orders\" }\n", ", created: at-operation")).Points);

        Assert.Equal("orders", Assert.IsType<CreateTopic>(Assert.Single(point.Faults.Scheduled)).Topic);
        Assert.True(point.Plan.Settings.Values.First().Topics.First(t => t.Name == "orders").CreatedByOperation);
    }

    [Fact]
    public void Load_CreateTopicOfATopicThatExistsAtThatTime_FailsAtTheTarget()
    {
        string yaml = WithFaults("  - { at: 10s, kind: create-topic, target: \"topic:orders\" }\n");

        Expect(yaml, "already exists at 10s", key: "faults.0.target", line: LineOf(yaml, "kind: create-topic"));
    }

    [Fact]
    public void Load_CreateTopicAfterItsDeletion_IsAccepted()
    {
        var point = Assert.Single(Load(WithFaults("  - { at: 20s, kind: create-topic, target: \"topic:orders\" }\n  - { at: 10s, kind: delete-topic, target: \"topic:orders\" }\n")).Points);

        Assert.Equal(2, point.Faults.Scheduled.Count);
    }

    [Fact]
    public void Load_CreatePartitionsToACountNotAboveTheCurrent_FailsAtThePartitions()
    {
        string yaml = WithFaults("  - { at: 10s, kind: create-partitions, target: \"topic:orders\", partitions: 3 }\n");

        Expect(yaml, "has 3 partition(s) at 10s", key: "faults.0.partitions", line: LineOf(yaml, "kind: create-partitions"));
    }

    [Fact]
    public void Load_DeleteOfAnUnknownTopic_FailsAtTheTarget()
    {
        Expect(WithFaults("  - { at: 10s, kind: delete-topic, target: \"topic:payments\" }\n"), "no topic 'payments' is declared", key: "faults.0.target");
    }

    [Fact]
    public void Load_DeleteOfATopicAlreadyDeleted_FailsAtTheTarget()
    {
        Expect(WithFaults("  - { at: 10s, kind: delete-topic, target: \"topic:orders\" }\n  - { at: 20s, kind: delete-topic, target: \"topic:orders\" }\n"),
            "does not exist at 20s", key: "faults.1.target");
    }
}
