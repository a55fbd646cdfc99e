using Sim.Architectures.Faults;
using Sim.Core.Time;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Pauses, conditional faults, traffic filters and the roles resolved at fire time: each read into typed
/// vocabulary, and each bad use (a condition that can never hold, a role that names no broker) an error at
/// its file, line and key.
/// </summary>
public sealed class FaultVocabularyTests
{
    private static string WithFaults(string faults) => Minimal + "\nfaults:\n" + faults;

    private static IReadOnlyList<Fault> Faults(string faults) => Assert.Single(Load(WithFaults(faults)).Points).Faults.Scheduled;

    [Fact]
    public void Load_ProcessPause_TakesBrokersControllersAndRoles()
    {
        var pause = Assert.IsType<ProcessPause>(Assert.Single(Faults("  - { at: 10s, kind: process-pause, target: [\"leader-of:orders/0\", controller-voter], duration: 20s }\n")));

        Assert.IsType<NodeRef.Broker>(pause.Target[0]);
        Assert.Equal(new NodeRef.Controller(new ControllerRef.FollowerVoter("stretch")), pause.Target[1]);
    }

    [Fact]
    public void Load_ProcessPauseOfAZone_IsAnErrorAtTheTarget()
    {
        Expect(WithFaults("  - { at: 10s, kind: process-pause, target: a }\n"), "is a place", key: "faults.0.target");
    }

    [Fact]
    public void Load_ConditionalFault_NeedsNoStartAndReadsItsConditionAndTimeout()
    {
        var fault = Assert.Single(Faults("""
              - kind: broker-crash
                target: "follower-of:orders/1"
                when: { isr-size: { partition: orders/1, equals: 2 } }
                timeout: 30s
            """));

        Assert.Equal(SimTime.Zero, fault.At);
        Assert.Equal(new FaultTrigger(new IsrSizeIs(new PartitionRef("stretch", "orders", 1), 2), SimDuration.FromSeconds(30)), fault.When);
        Assert.Equal(new BrokerRef.FollowerOf("stretch", "orders", 1), ((BrokerCrash)fault).Target);
    }

    [Fact]
    public void Load_AnIsrSizeLargerThanTheReplicationFactor_CanNeverHold()
    {
        string yaml = WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, equals: 4 } } }\n");

        Expect(yaml, "can never hold", key: "faults.0.when.isr-size.equals", line: LineOf(yaml, "equals: 4"));
    }

    [Fact]
    public void Load_SettledHybridWindowsWithAConditionalFault_IsAnErrorAtHybridSettle()
    {
        // Settled windows move every later fault on the detailed clock; a fault waiting for a condition has no start to move.
        string yaml = WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, below: 3 } } }\n") +
                      "fidelity: hybrid\nhybrid: { before: 5s, after: 20s, settle: 5s }\n";

        Expect(yaml, "waits for a condition", key: "hybrid.settle", line: LineOf(yaml, "settle: 5s"));
        Assert.Single(Load(yaml.Replace(", settle: 5s", "")).Points);
    }

    [Fact]
    public void Load_IsrSizeBelowAndAbove_ReadTheirComparison()
    {
        var below = Assert.Single(Faults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, below: 3 } } }\n"));
        var above = Assert.Single(Faults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, above: 1 } } }\n"));

        Assert.Equal(new IsrSizeIs(new PartitionRef("stretch", "orders", 0), 3, IsrComparison.Below), below.When!.Condition);
        Assert.Equal(new IsrSizeIs(new PartitionRef("stretch", "orders", 0), 1, IsrComparison.Above), above.When!.Condition);
    }

    [Fact]
    public void Load_AnIsrAboveTheReplicationFactorOrBelowOne_CanNeverHold()
    {
        Expect(WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, above: 3 } } }\n"),
            "can never hold", key: "faults.0.when.isr-size.above");
        Expect(WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, below: 1 } } }\n"),
            "can never hold", key: "faults.0.when.isr-size.below");
    }

    [Fact]
    public void Load_AnEmptyIsr_CanNeverHold()
    {
        Expect(WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { isr-size: { partition: orders/0, equals: 0 } } }\n"),
            "can never hold", key: "faults.0.when.isr-size.equals");
    }

    [Fact]
    public void Load_AConditionOnAPartitionThatDoesNotExist_FailsAtThePartition()
    {
        Expect(WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { leader: { partition: orders/7, is: stretch-broker-2 } } }\n"),
            "has partitions 0 to 2, not 7", key: "faults.0.when.leader.partition");
    }

    [Fact]
    public void Load_ALeaderConditionOnABrokerThatDoesNotExist_FailsAtIs()
    {
        Expect(WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { leader: { partition: orders/0, is: broker-9 } } }\n"),
            "no broker named 'broker-9'", key: "faults.0.when.leader.is");
    }

    [Fact]
    public void Load_MirrorLagWithoutMirrorMaker_CanNeverHold()
    {
        Expect(WithFaults("  - { kind: broker-crash, target: stretch-broker-1, when: { mirror-lag: { above: 30s } } }\n"),
            "can never hold: the deployment runs no MirrorMaker 2 flow", key: "faults.0.when.mirror-lag");
    }

    [Fact]
    public void Load_ARoleThatNamesNoBroker_FailsAtTheTarget()
    {
        string yaml = WithFaults("  - { at: 5s, kind: broker-crash, target: \"follower-of:payments/0\" }\n");

        Expect(yaml, "has no topic 'payments'", key: "faults.0.target", line: LineOf(yaml, "follower-of"));
    }

    [Fact]
    public void Load_ATimeoutWithoutACondition_IsAnError()
    {
        Expect(WithFaults("  - { at: 5s, kind: broker-crash, target: stretch-broker-1, timeout: 10s }\n"), "has none", key: "faults.0.timeout");
    }

    [Fact]
    public void Load_TrafficFilter_ReadsItsClassesAndRequestsOnly()
    {
        var cut = Assert.IsType<NetworkPartition>(Assert.Single(Faults(
            "  - { at: 5s, kind: network-partition, target: stretch-broker-1, to: stretch-broker-2, traffic: [replication, heartbeats], requests_only: true, one_way: true }\n")));

        Assert.Equal("replication,heartbeats", cut.Traffic!.ToString());
        Assert.True(cut.RequestsOnly);
    }

    [Fact]
    public void Load_AnUnknownTrafficClass_FailsAtTraffic()
    {
        Expect(WithFaults("  - { at: 5s, kind: network-partition, target: stretch-broker-1, traffic: gossip }\n"), "no traffic class 'gossip'", key: "faults.0.traffic");
    }

    [Fact]
    public void Load_GracefulControllerShutdownOfTheActiveController()
    {
        var c = Assert.IsType<ControllerCrash>(Assert.Single(Faults("  - { at: 5s, kind: controller-crash, target: active-controller, mode: clean }\n")));

        Assert.True(c.Graceful);
        Assert.Equal(new ControllerRef.Active("stretch"), c.Target);
    }
}
