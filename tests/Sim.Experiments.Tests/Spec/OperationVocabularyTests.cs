using Sim.Architectures.Faults;
using Sim.Core.Time;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Operations in a fault plan (alter-config, elect-leaders, reassign-partitions): each read into typed
/// vocabulary, and each bad use an error at its file, line and key.
/// </summary>
public sealed class OperationVocabularyTests
{
    private static string WithFaults(string faults) => Minimal + "\nfaults:\n" + faults;

    private static Fault One(string faults) => Assert.Single(Assert.Single(Load(WithFaults(faults)).Points).Faults.Scheduled);

    [Fact]
    public void Load_AlterConfigOfATopic_ReadsItsKeys()
    {
        var alter = Assert.IsType<AlterConfig>(One("  - { at: 30s, kind: alter-config, target: \"topic:orders\", config: { min.insync.replicas: 3, unclean.leader.election.enable: true, retention.ms: 60000 }, duration: 1m }\n"));

        Assert.Equal("orders", alter.Topic);
        Assert.Equal(new ConfigChanges(3, true, SimDuration.FromSeconds(60), null, null), alter.Changes);
    }

    [Fact]
    public void Load_AlterConfigOfBrokers_ReadsTheThrottleRates()
    {
        var alter = Assert.IsType<AlterConfig>(One("  - { at: 30s, kind: alter-config, target: [stretch-broker-1, \"leader-of:orders/0\"], config: { leader.replication.throttled.rate: 10MiB, follower.replication.throttled.rate: 1000000 } }\n"));

        Assert.Equal(2, alter.Brokers!.Count);
        Assert.Equal(new ConfigChanges(null, null, null, 10L * 1024 * 1024, 1_000_000), alter.Changes);
    }

    [Fact]
    public void Load_AMinInSyncReplicasAboveTheReplicationFactor_FailsAtTheKey()
    {
        string yaml = WithFaults("  - { at: 30s, kind: alter-config, target: \"topic:orders\", config: { min.insync.replicas: 4 } }\n");

        Expect(yaml, "above the topic's replication factor", key: "faults.0.config.min.insync.replicas", line: LineOf(yaml, "min.insync.replicas: 4"));
    }

    [Fact]
    public void Load_ABrokerConfigOnATopic_FailsAtTheKey()
    {
        Expect(WithFaults("  - { at: 30s, kind: alter-config, target: \"topic:orders\", config: { leader.replication.throttled.rate: 1MiB } }\n"),
            "is a config of a broker", key: "faults.0.config.leader.replication.throttled.rate");
    }

    [Fact]
    public void Load_AnAlterConfigOfATopicThatDoesNotExist_FailsAtTheTarget()
    {
        Expect(WithFaults("  - { at: 30s, kind: alter-config, target: \"topic:payments\", config: { min.insync.replicas: 2 } }\n"),
            "has no topic 'payments'", key: "faults.0.target");
    }

    [Fact]
    public void Load_ElectLeaders_ReadsPartitionsTopicsAndTheElectionType()
    {
        var elect = Assert.IsType<ElectLeaders>(One("  - { at: 30s, kind: elect-leaders, target: [orders/1, \"topic:orders\"], election: unclean }\n"));

        Assert.True(elect.Unclean);
        Assert.Equal([new TopicPartitions("stretch", "orders", 1), new TopicPartitions("stretch", "orders", null)], elect.Partitions);
    }

    [Fact]
    public void Load_AnElectionWithADuration_IsAnError()
    {
        Expect(WithFaults("  - { at: 30s, kind: elect-leaders, target: orders/0, duration: 10s }\n"), "takes no duration", key: "faults.0.duration");
    }

    [Fact]
    public void Load_Reassignment_ReadsItsTargetReplicasAndThrottle()
    {
        var move = Assert.IsType<ReassignPartitions>(One("  - { at: 30s, kind: reassign-partitions, target: orders/2, replicas: [3, 1], throttle: 1MiB }\n"));

        Assert.Equal(new PartitionRef("stretch", "orders", 2), move.Partition);
        Assert.Equal([3, 1], move.Replicas);
        Assert.Equal(1024L * 1024, move.Throttle);
    }

    [Fact]
    public void Load_AReassignmentToABrokerThatDoesNotExist_FailsAtReplicas()
    {
        string yaml = WithFaults("  - { at: 30s, kind: reassign-partitions, target: orders/0, replicas: [1, 9] }\n");

        Expect(yaml, "broker 9 is not a broker of cluster 'stretch'", key: "faults.0.replicas", line: LineOf(yaml, "replicas: [1, 9]"));
    }

    [Fact]
    public void Load_AReassignmentNamingABrokerTwice_FailsAtReplicas()
    {
        Expect(WithFaults("  - { at: 30s, kind: reassign-partitions, target: orders/0, replicas: [1, 1] }\n"), "named twice", key: "faults.0.replicas");
    }
}
