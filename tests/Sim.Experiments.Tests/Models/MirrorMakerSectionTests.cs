using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Experiments.Tests.Support;
using Sim.MirrorMaker.Config;
using Sim.Network.Topology;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// The model's <c>mirrormaker</c> section: Connect clusters with workers placed as network nodes, worker
/// settings, and flows keyed <c>source-&gt;target</c> with MirrorMaker 2's own key names; and the problems a
/// user can make there, each reported at file, line and key.
/// </summary>
public sealed class MirrorMakerSectionTests
{
    // Seven lines of structure; a test's 'mirrormaker:' starts on line 8.
    private const string Structure = """
        name: t
        regions:
          east: { zones: { a: { racks: [a1] } } }
          west: { zones: { b: { racks: [b1] } } }
        clusters:
          a: { brokers: { a: 3 }, controllers: { a: 3 } }
          b: { brokers: { b: 3 }, controllers: { b: 3 } }

        """;

    private static ModelDefinition Load(string mirrormaker) => ModelLoader.Load(LoadFailure.File, Structure + mirrormaker);

    private static ConnectClusterConfig Connect(string mirrormaker) => Assert.Single(Load(mirrormaker).MirrorMaker);

    /// <summary>The one flow of a model whose Connect cluster <c>mm2</c> has workers in zone b and the given <c>a-&gt;b</c> settings.</summary>
    private static MirrorFlowConfig Flow(string settings) => Assert.Single(Connect($$"""
        mirrormaker:
          mm2:
            workers: { b: 1 }
            flows:
              a->b: { {{settings}} }
        """).Flows);

    private static IReadOnlyList<Sim.Experiments.Yaml.Diagnostic> Failure(string mirrormaker) => LoadFailure.Of(Structure + mirrormaker);

    private static Sim.Experiments.Yaml.Diagnostic Expect(string mirrormaker, string fragment, int line, string key) =>
        LoadFailure.Expect(Structure + mirrormaker, fragment, line, key);

    [Fact]
    public void Load_ValidSection_ReadsConnectClusterWorkersAndFlow()
    {
        var model = Load("""
            mirrormaker:
              mm2:
                workers: { b: 2 }
                offset.flush.interval.ms: 5000
                flows:
                  a->b: { tasks.max: 2, emit.checkpoints.interval.seconds: 30 }
            """);

        var connect = Assert.Single(model.MirrorMaker);
        Assert.Equal("mm2", connect.Name);
        Assert.Equal(["mm2-worker-1", "mm2-worker-2"], connect.Workers);
        Assert.Equal(SimDuration.FromSeconds(5), connect.OffsetFlushInterval);
        Assert.Equal(SimDuration.FromMinutes(5), connect.ScheduledRebalanceMaxDelay);
        var flow = Assert.Single(connect.Flows);
        Assert.Equal(("a", "b", "a->b"), (flow.Source, flow.Target, flow.Name));
        Assert.Equal(2, flow.TasksMax);
        Assert.Equal(SimDuration.FromSeconds(30), flow.EmitCheckpointsInterval);
        // Keys not written keep MirrorMaker 2's defaults.
        Assert.Equal(ReplicationPolicyKind.Default, flow.ReplicationPolicy);
        Assert.Equal([".*"], flow.Topics);
        Assert.False(flow.SyncGroupOffsetsEnabled);
    }

    [Fact]
    public void Load_Workers_AreAddedAsConnectWorkerNetworkNodes()
    {
        var model = Load("""
            mirrormaker:
              mm2:
                workers: { b: 2, a: 1 }
                flows: { a->b: {} }
            """);

        var workers = model.Network.Nodes.Where(n => n.Roles == NodeRole.ConnectWorker).ToList();
        Assert.Equal(["mm2-worker-1", "mm2-worker-2", "mm2-worker-3"], workers.Select(w => w.Name));
        Assert.Equal(["b1", "b1", "a1"], workers.Select(w => w.Rack));
        Assert.All(workers, w => Assert.Equal("mm2", w.Cluster));
        // The Kafka nodes are still there alongside the workers.
        Assert.Contains(model.Network.Nodes, n => n.Name == "a-broker-1");
        Assert.Equal(Assert.Single(model.MirrorMaker).Workers, workers.Select(w => w.Name));
    }

    [Fact]
    public void Load_TwoConnectClusters_EachNamesItsOwnWorkers()
    {
        var model = Load("""
            mirrormaker:
              east-mm:
                workers: { a: 1 }
                flows: { b->a: {} }
              west-mm:
                workers: { b: 2 }
                flows: { a->b: {} }
            """);

        Assert.Equal(["east-mm", "west-mm"], model.MirrorMaker.Select(c => c.Name));
        Assert.Equal(["east-mm-worker-1"], model.MirrorMaker[0].Workers);
        Assert.Equal(["west-mm-worker-1", "west-mm-worker-2"], model.MirrorMaker[1].Workers);
        Assert.Equal(("b", "a"), (model.MirrorMaker[0].Flows[0].Source, model.MirrorMaker[0].Flows[0].Target));
    }

    [Fact]
    public void Load_TwoWayFlows_ReadsBothInOrder()
    {
        var connect = Connect("""
            mirrormaker:
              mm2:
                workers: { a: 1, b: 1 }
                flows:
                  a->b: {}
                  b->a: { tasks.max: 4 }
            """);

        Assert.Equal(["a->b", "b->a"], connect.Flows.Select(f => f.Name));
        Assert.Equal([1, 4], connect.Flows.Select(f => f.TasksMax));
    }

    [Fact]
    public void Load_FlowWithNoSettings_UsesDefaults()
    {
        var connect = Connect("""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
            """);

        var flow = Assert.Single(connect.Flows);
        var defaults = new MirrorFlowConfig("a", "b");
        Assert.Equal(("a", "b"), (flow.Source, flow.Target));
        Assert.Equal(defaults.TasksMax, flow.TasksMax);
        Assert.Equal(defaults.Topics, flow.Topics);
        Assert.Equal(defaults.TopicsExclude, flow.TopicsExclude);
        Assert.Equal(defaults.EmitCheckpointsInterval, flow.EmitCheckpointsInterval);
        Assert.Equal(defaults.ReplicationPolicy, flow.ReplicationPolicy);
    }

    [Theory]
    [InlineData("IdentityReplicationPolicy", ReplicationPolicyKind.Identity)]
    [InlineData("org.apache.kafka.connect.mirror.IdentityReplicationPolicy", ReplicationPolicyKind.Identity)]
    [InlineData("DefaultReplicationPolicy", ReplicationPolicyKind.Default)]
    [InlineData("org.apache.kafka.connect.mirror.DefaultReplicationPolicy", ReplicationPolicyKind.Default)]
    public void Load_ReplicationPolicyClass_AcceptsShortAndQualifiedNames(string className, ReplicationPolicyKind expected)
    {
        var flow = Flow($"replication.policy.class: {className}");

        Assert.Equal(expected, flow.ReplicationPolicy);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("\"30\"")]
    [InlineData("30s")]
    [InlineData("30000ms")]
    [InlineData("0.5m")]
    public void Load_SecondsKey_TakesBareSecondsOrADurationWithUnit(string value)
    {
        var flow = Flow($"emit.checkpoints.interval.seconds: {value}");

        Assert.Equal(SimDuration.FromSeconds(30), flow.EmitCheckpointsInterval);
    }

    [Theory]
    [InlineData("5000")]
    [InlineData("5s")]
    [InlineData("5000ms")]
    public void Load_MillisecondsKey_TakesBareMillisecondsOrADurationWithUnit(string value)
    {
        var connect = Connect($$"""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                offset.flush.interval.ms: {{value}}
                scheduled.rebalance.max.delay.ms: {{value}}
            """);

        Assert.Equal(SimDuration.FromSeconds(5), connect.OffsetFlushInterval);
        Assert.Equal(SimDuration.FromSeconds(5), connect.ScheduledRebalanceMaxDelay);
    }

    [Fact]
    public void Load_SyncGroupOffsetsEnabled_IsRead()
    {
        var flow = Flow("sync.group.offsets.enabled: true, sync.group.offsets.interval.seconds: 10");

        Assert.True(flow.SyncGroupOffsetsEnabled);
        Assert.Equal(SimDuration.FromSeconds(10), flow.SyncGroupOffsetsInterval);
    }

    [Fact]
    public void Load_TopicsAsCommaSeparatedString_SplitsAndTrims()
    {
        var flow = Flow("topics: \"orders, payments,audit\"");

        Assert.Equal(["orders", "payments", "audit"], flow.Topics);
    }

    [Fact]
    public void Load_TopicsAsList_KeepsEachEntry()
    {
        var flow = Flow(@"topics: [orders, 'pay.*'], topics.exclude: ['.*\.tmp']");

        Assert.Equal(["orders", "pay.*"], flow.Topics);
        Assert.Equal([@".*\.tmp"], flow.TopicsExclude);
    }

    [Fact]
    public void Load_EveryOtherFlowKey_IsApplied()
    {
        var connect = Connect("""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    groups: app-.*
                    groups.exclude: [test-.*]
                    replication.policy.separator: _
                    replication.factor: 3
                    offset.lag.max: 0
                    refresh.topics.interval.seconds: 5
                    refresh.groups.interval.seconds: 6
                    emit.checkpoints.enabled: false
                    emit.heartbeats.enabled: false
                    emit.heartbeats.interval.seconds: 2
            """);

        var f = Assert.Single(connect.Flows);
        Assert.Equal(["app-.*"], f.Groups);
        Assert.Equal(["test-.*"], f.GroupsExclude);
        Assert.Equal("_", f.Separator);
        Assert.Equal(3, f.ReplicationFactor);
        Assert.Equal(0, f.OffsetLagMax);
        Assert.Equal(SimDuration.FromSeconds(5), f.RefreshTopicsInterval);
        Assert.Equal(SimDuration.FromSeconds(6), f.RefreshGroupsInterval);
        Assert.False(f.EmitCheckpointsEnabled);
        Assert.False(f.EmitHeartbeatsEnabled);
        Assert.Equal(SimDuration.FromSeconds(2), f.EmitHeartbeatsInterval);
    }

    [Fact]
    public void Load_FlowNameWithoutArrow_ReportsAtTheFlowKey()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a-b: {}
            """;

        var d = Expect(yaml, "a flow is named 'source->target', not 'a-b'", line: 12, key: "mirrormaker.mm2.flows.a-b");

        Assert.Equal(7, d.Column);
    }

    [Theory]
    [InlineData("->b")]
    [InlineData("a->")]
    [InlineData("a->b->a")]
    public void Load_FlowNameNotTwoClusters_IsRejected(string name)
    {
        var yaml = $$"""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  {{name}}: {}
            """;

        var d = Assert.Single(Failure(yaml));

        Assert.Equal((12, $"mirrormaker.mm2.flows.{name}"), (d.Line, d.Key));
        Assert.Contains("source->target", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FlowNamingUnknownCluster_ReportsTheNameAndListsTheClusters()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b: {}
                  a->z: {}
            """;

        var d = Expect(yaml, "flow 'a->z' names no cluster 'z'", line: 13, key: "mirrormaker.mm2.flows.a->z");

        Assert.Equal("expected one of: a, b", d.Hint);
    }

    [Fact]
    public void Load_FlowNamingMisspeltCluster_HintsTheNearestCluster()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  aa->b: {}
            """;

        var d = Expect(yaml, "names no cluster 'aa'", line: 12, key: "mirrormaker.mm2.flows.aa->b");

        Assert.Equal("did you mean 'a'?", d.Hint);
    }

    [Fact]
    public void Load_FlowBetweenTheSameCluster_IsRejected()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  b->b: {}
            """;

        var diagnostics = Failure(yaml);

        LoadFailure.Find(diagnostics, "a flow needs two different clusters", line: 12, key: "mirrormaker.mm2.flows.b->b");
        Assert.Single(diagnostics);
    }

    [Fact]
    public void Load_UnknownReplicationPolicyClass_ReportsAtTheValueAndListsThePolicies()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    replication.policy.class: com.example.MyReplicationPolicy
            """;

        var d = Expect(yaml, "unknown replication policy 'com.example.MyReplicationPolicy'", line: 13,
            key: "mirrormaker.mm2.flows.a->b.replication.policy.class");

        Assert.NotNull(d.Hint);
        Assert.Contains("IdentityReplicationPolicy", d.Hint, StringComparison.Ordinal);
        Assert.Contains("DefaultReplicationPolicy", d.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void Load_TasksMaxBelowOne_ReportsAtTheValue(string value)
    {
        var yaml = $$"""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    tasks.max: {{value}}
            """;

        var d = Expect(yaml, "must be 1 or more", line: 13, key: "mirrormaker.mm2.flows.a->b.tasks.max");

        Assert.Equal(20, d.Column);
    }

    [Fact]
    public void Load_UnknownKeyInsideFlow_HintsTheNearestKey()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    tasks.max: 2
                    task.max: 2
            """;

        var d = Expect(yaml, "unknown key 'task.max'", line: 14, key: "mirrormaker.mm2.flows.a->b.task.max");

        Assert.Equal("did you mean 'tasks.max'?", d.Hint);
    }

    [Fact]
    public void Load_UnknownKeyInConnectCluster_HintsTheNearestKey()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                offset.flush.interval: 5000
            """;

        var d = Expect(yaml, "unknown key 'offset.flush.interval'", line: 11, key: "mirrormaker.mm2.offset.flush.interval");

        Assert.Equal("did you mean 'offset.flush.interval.ms'?", d.Hint);
    }

    [Fact]
    public void Load_ConnectClusterWithoutWorkers_ReportsWorkersAreNeededAtTheCluster()
    {
        var yaml = """
            mirrormaker:
              mm2:
                flows:
                  a->b: {}
            """;

        var diagnostics = Failure(yaml);

        LoadFailure.Find(diagnostics, "Connect cluster 'mm2' needs 'workers'", line: 9, key: "mirrormaker.mm2.workers");
        Assert.Single(diagnostics);
    }

    [Fact]
    public void Load_ConnectClusterWithZeroWorkers_ReportsAtLeastOneIsNeeded()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 0 }
            """;

        Expect(yaml, "needs at least one worker", line: 10, key: "mirrormaker.mm2.workers");
    }

    [Fact]
    public void Load_WorkersInUnknownZone_HintsTheZone()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers:
                  bb: 1
            """;

        var d = Expect(yaml, "unknown zone 'bb'", line: 11, key: "mirrormaker.mm2.workers.bb");

        Assert.Equal("did you mean 'b'?", d.Hint);
    }

    [Fact]
    public void Load_NegativeBareDuration_IsRejectedAtTheValue()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    emit.checkpoints.interval.seconds: -30
            """;

        Expect(yaml, "cannot be negative", line: 13, key: "mirrormaker.mm2.flows.a->b.emit.checkpoints.interval.seconds");
    }

    [Fact]
    public void Load_NegativeDurationWithUnit_IsRejectedAtTheValue()
    {
        // '-30' is rejected; '-30s' is the same value and must be too, or the scheduler throws at start-up.
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    emit.checkpoints.interval.seconds: -30s
            """;

        var diagnostics = Failure(yaml);

        var d = Assert.Single(diagnostics);
        Assert.Equal((13, "mirrormaker.mm2.flows.a->b.emit.checkpoints.interval.seconds"), (d.Line, d.Key));
    }

    [Theory]
    [InlineData("emit.heartbeats.interval.seconds", "0")]
    [InlineData("emit.checkpoints.interval.seconds", "0s")]
    [InlineData("sync.group.offsets.interval.seconds", "0")]
    [InlineData("refresh.topics.interval.seconds", "0")]
    [InlineData("refresh.groups.interval.seconds", "0ms")]
    public void Load_ZeroPeriodicFlowInterval_IsRejectedAtTheValue(string key, string value)
    {
        // Each of these tasks reschedules itself after its interval: zero repeats it at the same instant forever
        // and the simulation never advances (emit.heartbeats.interval.seconds: 0 hangs a 5 s run).
        var yaml = $$"""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    sync.group.offsets.enabled: true
                    {{key}}: {{value}}
            """;

        var d = Assert.Single(Failure(yaml));

        Assert.Equal((14, $"mirrormaker.mm2.flows.a->b.{key}"), (d.Line, d.Key));
    }

    [Fact]
    public void Load_ZeroOffsetFlushInterval_IsRejectedAtTheValue()
    {
        // Source tasks flush, then reschedule the flush after offset.flush.interval.ms: zero never lets time advance.
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                offset.flush.interval.ms: 0
            """;

        var d = Assert.Single(Failure(yaml));

        Assert.Equal((11, "mirrormaker.mm2.offset.flush.interval.ms"), (d.Line, d.Key));
    }

    [Fact]
    public void Load_ZeroScheduledRebalanceDelay_IsAccepted()
    {
        // Not periodic: zero means a departed worker's tasks move at once.
        var connect = Connect("""
            mirrormaker:
              mm2:
                workers: { b: 1 }
                scheduled.rebalance.max.delay.ms: 0
            """);

        Assert.Equal(SimDuration.Zero, connect.ScheduledRebalanceMaxDelay);
    }

    [Fact]
    public void Load_NegativeWorkerMillisecondsWithUnit_IsRejected()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                offset.flush.interval.ms: -5s
            """;

        var d = Assert.Single(Failure(yaml));

        Assert.Equal((11, "mirrormaker.mm2.offset.flush.interval.ms"), (d.Line, d.Key));
    }

    [Fact]
    public void Load_BooleanKeyWithNonBoolean_ReportsAtTheValue()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    sync.group.offsets.enabled: yes
            """;

        Expect(yaml, "expected true or false, not 'yes'", line: 13, key: "mirrormaker.mm2.flows.a->b.sync.group.offsets.enabled");
    }

    [Fact]
    public void Load_NegativeOffsetLagMax_ReportsAtTheValue()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->b:
                    offset.lag.max: -1
            """;

        Expect(yaml, "must be a whole number, 0 or more", line: 13, key: "mirrormaker.mm2.flows.a->b.offset.lag.max");
    }

    [Fact]
    public void Load_SeveralMistakes_ReportsEachOne()
    {
        var yaml = """
            mirrormaker:
              mm2:
                workers: { b: 1 }
                flows:
                  a->c: {}
                  a->b: { tasks.max: 0 }
              other:
                flows: { b->a: {} }
            """;

        var diagnostics = Failure(yaml);

        LoadFailure.Find(diagnostics, "names no cluster 'c'", line: 12, key: "mirrormaker.mm2.flows.a->c");
        LoadFailure.Find(diagnostics, "must be 1 or more", line: 13, key: "mirrormaker.mm2.flows.a->b.tasks.max");
        LoadFailure.Find(diagnostics, "Connect cluster 'other' needs 'workers'", line: 14, key: "mirrormaker.other.workers");
        Assert.Equal(3, diagnostics.Count);
    }
}
