using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Policy;

namespace Sim.MirrorMaker.Tests.Unit;

/// <summary>
/// The topics MirrorMaker 2's flows put on each cluster: heartbeats on every flow's source, remote topics on
/// every target following chains of flows, with cycle prevention (or identity naming) ending them.
/// </summary>
public sealed class MirrorPlanTests
{
    private static readonly TopicConfig Orders = new("orders", 6, 3);

    private static Dictionary<string, List<TopicConfig>> Plan(
        IReadOnlyDictionary<string, IReadOnlyList<TopicConfig>> topics, IReadOnlyDictionary<string, int> brokers, params MirrorFlowConfig[] flows) =>
        MirrorPlan.Topics(topics, brokers, flows);

    private static string[] Names(Dictionary<string, List<TopicConfig>> plan, string cluster) => [.. plan[cluster].Select(t => t.Name)];

    private static TopicConfig Topic(Dictionary<string, List<TopicConfig>> plan, string cluster, string name) =>
        Assert.Single(plan[cluster], t => t.Name == name);

    [Fact]
    public void Topics_OneWay_AddsHeartbeatsOnSourceAndRemoteTopicsOnTarget()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b"));

        Assert.Equal(["orders", "heartbeats"], Names(plan, "a"));
        Assert.Equal(["a.orders", "a.heartbeats"], Names(plan, "b"));
    }

    [Fact]
    public void Topics_OneWay_CopiesPartitionsAndUsesTheFlowsReplicationFactor()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 5 },
            new MirrorFlowConfig("a", "b") { ReplicationFactor = 3 });

        var remote = Topic(plan, "b", "a.orders");
        Assert.Equal((6, 3), (remote.Partitions, remote.ReplicationFactor));
        var heartbeats = Topic(plan, "a", "heartbeats");
        Assert.Equal((1, 3), (heartbeats.Partitions, heartbeats.ReplicationFactor));
        Assert.Equal(1, Topic(plan, "b", "a.heartbeats").Partitions);
    }

    [Fact]
    public void Topics_TargetWithFewerBrokersThanReplicationFactor_CapsTheReplicationFactor()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 },
            new MirrorFlowConfig("a", "b") { ReplicationFactor = 3 });

        Assert.Equal(2, Topic(plan, "b", "a.orders").ReplicationFactor);
        Assert.Equal(2, Topic(plan, "b", "a.heartbeats").ReplicationFactor);
        // The source's heartbeats topic is capped by the source's own broker count.
        Assert.Equal(1, Topic(plan, "a", "heartbeats").ReplicationFactor);
    }

    [Fact]
    public void Topics_RemoteTopic_KeepsTheSourceTopicsCreationTime()
    {
        var created = new SimTime(5_000_000_000);
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders with { CreatedAt = created }], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b"));

        Assert.Equal(created, Topic(plan, "b", "a.orders").CreatedAt);
    }

    [Fact]
    public void Topics_TwoWayDefaultPolicy_AddsEachSidesRemoteTopicsAndNoCycles()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [Orders] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b"), new MirrorFlowConfig("b", "a"));

        Assert.Equal(["orders", "heartbeats", "b.orders", "b.heartbeats"], Names(plan, "a"));
        Assert.Equal(["orders", "heartbeats", "a.orders", "a.heartbeats"], Names(plan, "b"));
        var all = Names(plan, "a").Concat(Names(plan, "b")).ToList();
        Assert.DoesNotContain("a.b.orders", all);
        Assert.DoesNotContain("b.a.orders", all);
        Assert.DoesNotContain("a.a.orders", all);
        Assert.DoesNotContain("b.b.orders", all);
    }

    [Fact]
    public void Topics_ChainAToBToC_ReachesCAsTwoHopName()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [], ["c"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 3 },
            new MirrorFlowConfig("a", "b"), new MirrorFlowConfig("b", "c"));

        Assert.Equal(["a.heartbeats", "a.orders", "heartbeats"], Names(plan, "b").Order(StringComparer.Ordinal));
        Assert.Equal(["b.a.heartbeats", "b.a.orders", "b.heartbeats"], Names(plan, "c").Order(StringComparer.Ordinal));
        Assert.Equal(6, Topic(plan, "c", "b.a.orders").Partitions);
    }

    [Fact]
    public void Topics_FlowsListedAgainstTheChain_StillReachTheEnd()
    {
        // b->c is planned before a->b has added a.orders to b: later passes must pick it up.
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [], ["c"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 3 },
            new MirrorFlowConfig("b", "c"), new MirrorFlowConfig("a", "b"));

        Assert.Contains("b.a.orders", Names(plan, "c"));
    }

    [Fact]
    public void Topics_RingOfThreeDefaultPolicy_StopsBeforeSendingATopicHome()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [], ["c"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 3 },
            new MirrorFlowConfig("a", "b"), new MirrorFlowConfig("b", "c"), new MirrorFlowConfig("c", "a"));

        Assert.Contains("b.a.orders", Names(plan, "c"));
        Assert.DoesNotContain(plan["a"], t => t.Name.EndsWith(".a.orders", StringComparison.Ordinal));
        Assert.DoesNotContain(plan["a"], t => t.Name.EndsWith(".a.heartbeats", StringComparison.Ordinal));
    }

    [Fact]
    public void Topics_IdentityPolicyBothWays_AddsNoNewDataTopic()
    {
        var identity = ReplicationPolicyKind.Identity;
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [Orders] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b") { ReplicationPolicy = identity }, new MirrorFlowConfig("b", "a") { ReplicationPolicy = identity });

        Assert.Equal(["orders", "heartbeats", "b.heartbeats"], Names(plan, "a"));
        Assert.Equal(["orders", "heartbeats", "a.heartbeats"], Names(plan, "b"));
    }

    [Fact]
    public void Topics_IdentityPolicyOneWay_CreatesTheSameNameOnTheTarget()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b") { ReplicationPolicy = ReplicationPolicyKind.Identity });

        Assert.Equal(["orders", "a.heartbeats"], Names(plan, "b"));
    }

    [Fact]
    public void Topics_HeartbeatsDisabled_AddsNoHeartbeatsTopics()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b") { EmitHeartbeatsEnabled = false });

        Assert.Equal(["orders"], Names(plan, "a"));
        Assert.Equal(["a.orders"], Names(plan, "b"));
    }

    [Fact]
    public void Topics_TopicsFilterNotNamingHeartbeats_StillMirrorsHeartbeats()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders, new TopicConfig("audit", 2, 3)], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b") { Topics = ["orders"] });

        Assert.Equal(["a.orders", "a.heartbeats"], Names(plan, "b"));
    }

    [Fact]
    public void Topics_InternalTopicsOnSource_AreNeverMirroredEvenWithNoExcludes()
    {
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>>
            {
                ["a"] = [Orders, new TopicConfig("__consumer_offsets", 50, 3), new TopicConfig("mm2-offset-syncs.b.internal", 1, 3)],
                ["b"] = [],
            },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b") { TopicsExclude = [] });

        Assert.Equal(["a.orders", "a.heartbeats"], Names(plan, "b"));
    }

    [Fact]
    public void Topics_ExistingHeartbeatsOnSource_IsNotAddedTwice()
    {
        var own = new TopicConfig("heartbeats", 1, 1);
        var plan = Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [own], ["b"] = [], ["c"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3, ["c"] = 3 },
            new MirrorFlowConfig("a", "b"), new MirrorFlowConfig("a", "c"));

        Assert.Same(own, Assert.Single(plan["a"]));
    }

    [Fact]
    public void Topics_InputLists_AreNotModified()
    {
        var aTopics = new List<TopicConfig> { Orders };
        var bTopics = new List<TopicConfig>();

        Plan(new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = aTopics, ["b"] = bTopics },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig("a", "b"));

        Assert.Single(aTopics);
        Assert.Empty(bTopics);
    }

    [Theory]
    [InlineData("x", "b", "x")]
    [InlineData("a", "y", "y")]
    public void Topics_FlowNamingUnknownCluster_ThrowsArgumentException(string source, string target, string unknown)
    {
        var e = Assert.Throws<ArgumentException>(() => Plan(
            new Dictionary<string, IReadOnlyList<TopicConfig>> { ["a"] = [Orders], ["b"] = [] },
            new Dictionary<string, int> { ["a"] = 3, ["b"] = 3 },
            new MirrorFlowConfig(source, target)));

        Assert.Contains($"'{unknown}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders", "b", true)]
    [InlineData("a.orders", "a", false)]
    [InlineData("__consumer_offsets", "b", false)]
    [InlineData("audit", "b", false)]
    [InlineData("heartbeats", "b", true)]
    [InlineData("a.heartbeats", "a", false)]
    public void ShouldReplicate_DefaultPolicyWithOrdersFilter_AppliesFilterInternalAndCycleRules(string topic, string target, bool expected)
    {
        var flow = new MirrorFlowConfig("a", "b") { Topics = ["orders", "a\\.orders", "__.*"], TopicsExclude = [] };

        Assert.Equal(expected, MirrorPlan.ShouldReplicate(ReplicationPolicy.For(flow), new NameFilter(flow.Topics, flow.TopicsExclude), topic, target));
    }
}
