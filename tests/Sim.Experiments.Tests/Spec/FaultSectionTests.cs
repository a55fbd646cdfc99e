using Sim.Architectures.Faults;
using Sim.Core.Time;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// The <c>faults</c> section: scheduled faults (a list, or <c>scheduled:</c>) and stochastic ones
/// (<c>stochastic:</c>), each checked against the deployment it will hit before anything runs, so a fault
/// on a target that does not exist, or one that would start after the run ends, fails at load time at the
/// key that wrote it.
/// </summary>
public sealed class FaultSectionTests
{
    private static string WithFaults(string faults) => Minimal + "\nfaults:\n" + faults;

    private static FaultPlan Faults(string faults) => Assert.Single(Load(WithFaults(faults)).Points).Faults;

    [Fact]
    public void Load_ScheduledFault_IsReadWithItsKindTimeDurationAndTarget()
    {
        var fault = Assert.Single(Faults("  - { at: 10s, kind: site-outage, target: a, duration: 20s }\n").Scheduled);

        Assert.Equal(FaultKind.SiteOutage, fault.Kind);
        Assert.Equal(SimTime.Zero + SimDuration.FromSeconds(10), fault.At);
        Assert.Equal(SimDuration.FromSeconds(20), fault.Duration);
        Assert.Equal("a", fault.TargetText);
        Assert.Equal("faults.0", fault.Key);
    }

    [Fact]
    public void Load_FaultWithoutATarget_IsAnErrorAtItsTarget()
    {
        Expect(WithFaults("  - { at: 10s, kind: broker-crash }\n"), "a fault needs a 'target'", key: "faults.0.target");
    }

    [Fact]
    public void Load_FaultOnABrokerTheDeploymentDoesNotHave_FailsAtLoadAtTheTarget()
    {
        string yaml = WithFaults("""
              - { at: 10s, kind: site-outage, target: b, duration: 5s }
              - { at: 10s, kind: broker-crash, target: broker-99 }
            """);

        var diag = Expect(yaml, "no broker named 'broker-99'", key: "faults.1.target", line: LineOf(yaml, "broker-99"));
        Assert.Contains("stretch-broker-1", diag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RegionOutageOfARegionTheModelDoesNotHave_FailsAtTheTarget()
    {
        Expect(WithFaults("  - { at: 10s, kind: region-outage, target: mars }\n"), "no region named 'mars'", key: "faults.0.target");
    }

    [Fact]
    public void Load_LeaderOfAPartitionThatExists_IsAccepted()
    {
        var fault = Assert.Single(Faults("  - { at: 10s, kind: broker-crash, target: \"leader-of:orders/2\", duration: 5s }\n").Scheduled);

        Assert.Equal("leader-of:orders/2", fault.TargetText);
    }

    [Fact]
    public void Load_LeaderOfATopicThatDoesNotExist_FailsAtTheTarget()
    {
        var diagnostics = Fail(WithFaults("  - { at: 10s, kind: broker-crash, target: \"leader-of:payments/0\" }\n"));

        Assert.Contains(diagnostics, d => d.Key == "faults.0.target" && d.Message.Contains("payments", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FaultStartingAfterTheRunEnds_IsAnErrorAtItsStart()
    {
        string yaml = WithFaults("  - { at: 2m, kind: site-outage, target: a }\n");

        Expect(yaml, "the fault starts at 2m, after the run ends (1m)", key: "faults.0.at", line: LineOf(yaml, "at: 2m"));
    }

    [Fact]
    public void Load_FaultStartingWhenTheRunEnds_IsAnError()
    {
        Expect(WithFaults("  - { at: 1m, kind: site-outage, target: a }\n"), "after the run ends", key: "faults.0.at");
    }

    [Fact]
    public void Load_UnknownFaultKind_HintsAtTheNearestKind()
    {
        var diag = Expect(WithFaults("  - { at: 10s, kind: broker-crsh, target: stretch-broker-1 }\n"), "unknown fault kind 'broker-crsh'", key: "faults.0.kind");

        Assert.StartsWith("did you mean 'broker-crash'?", diag.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LinkDegradationWithNothingToDegrade_IsAnErrorAtTheFault()
    {
        Expect(WithFaults("  - { at: 10s, kind: link-degradation, target: a, to: b }\n"), "link-degradation needs at least one of", key: "faults.0");
    }

    [Fact]
    public void Load_ScheduledAndStochasticFaults_AreBothRead()
    {
        var plan = Faults("""
              scheduled:
                - { at: 10s, kind: site-outage, target: c, duration: 5s }
              stochastic:
                - { class: broker, mtbf: 10m, mttr: { dist: lognormal, median: 30s, p99: 2m }, mode: process }
            """);

        var scheduled = Assert.Single(plan.Scheduled);
        Assert.Equal("faults.scheduled.0", scheduled.Key);
        var stochastic = Assert.Single(plan.Stochastic);
        Assert.Equal("broker", stochastic.Class.Name);
        Assert.Equal(SimDuration.FromMinutes(10), stochastic.Mtbf);
        Assert.Equal("lognormal", stochastic.Mttr.Family);
        Assert.Equal(CrashMode.Process, stochastic.Mode);
        Assert.Equal("faults.stochastic.0", stochastic.Key);
    }

    [Fact]
    public void Load_StochasticFaultOfAnUnknownClass_ListsTheClasses()
    {
        string yaml = WithFaults("""
              stochastic:
                - { class: rack, mtbf: 10m, mttr: 1m }
            """);

        var diag = Expect(yaml, "unknown value 'rack'", key: "faults.stochastic.0.class", line: LineOf(yaml, "class: rack"));
        Assert.Equal("expected one of: broker, consumer, controller, disk, mm2-worker, zone, zone-link", diag.Hint);
    }

    [Fact]
    public void Load_StochasticFaultWithoutARepairTime_SaysWhatItNeeds()
    {
        string yaml = WithFaults("""
              stochastic:
                - { class: broker, mtbf: 10m }
            """);

        Expect(yaml, "a stochastic fault needs 'class', 'mtbf' and 'mttr'", key: "faults.stochastic.0");
    }

    [Fact]
    public void Load_StochasticFaultOfAMisspelledClass_SaysWhichClassWasMeant()
    {
        string yaml = WithFaults("""
              stochastic:
                - { class: brokr, mtbf: 10m, mttr: 1m }
            """);

        var diag = Expect(yaml, "unknown value 'brokr'", key: "faults.stochastic.0.class", line: LineOf(yaml, "class: brokr"));
        Assert.Equal("did you mean 'broker'?", diag.Hint);
    }

    [Fact]
    public void Load_RandomBrokerOfAZoneWithoutBrokers_FailsAtLoadAtTheTargetsLine()
    {
        string yaml = WithFaults("  - { at: 10s, kind: broker-crash, target: \"random-broker:nowhere\" }\n");

        Expect(yaml, "has no broker in zone 'nowhere'", key: "faults.0.target", line: LineOf(yaml, "random-broker:nowhere"));
    }

    [Fact]
    public void Load_TargetsReadIntoTypedReferences()
    {
        var faults = Faults("""
              - { at: 10s, kind: broker-crash, target: "leader-of:orders/2", duration: 5s }
              - { at: 10s, kind: network-partition, target: [a, stretch-broker-1], to: active-controller }
            """).Scheduled;

        var crash = Assert.IsType<BrokerCrash>(faults[0]);
        Assert.Equal(new BrokerRef.LeaderOf("stretch", "orders", 2), crash.Target);
        var cut = Assert.IsType<NetworkPartition>(faults[1]);
        Assert.IsType<NodeRef.Place>(cut.From[0]);
        Assert.Equal(new NodeRef.Named("stretch-broker-1"), cut.From[1]);
        Assert.IsType<NodeRef.Controller>(Assert.Single(cut.To!));
    }
}
