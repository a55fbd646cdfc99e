using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Policy;

namespace Sim.MirrorMaker.Tests.Unit;

/// <summary>
/// Remote topic naming and cycle detection (DefaultReplicationPolicy, IdentityReplicationPolicy, KIP-382)
/// and the include/exclude name filters with MirrorMaker 2's default lists.
/// </summary>
public sealed class ReplicationPolicyTests
{
    private static readonly DefaultReplicationPolicy Default = new(".");
    private static readonly IdentityReplicationPolicy Identity = new(".");

    [Fact]
    public void FormatRemoteTopic_DefaultPolicy_PrefixesSourceAlias()
    {
        Assert.Equal("a.orders", Default.FormatRemoteTopic("a", "orders"));
    }

    [Fact]
    public void FormatRemoteTopic_DefaultPolicyOnRemoteTopic_AddsAnotherHop()
    {
        Assert.Equal("b.a.orders", Default.FormatRemoteTopic("b", "a.orders"));
    }

    [Fact]
    public void FormatRemoteTopic_DefaultPolicyWithCustomSeparator_UsesTheSeparator()
    {
        var policy = new DefaultReplicationPolicy("_");

        Assert.Equal("a_orders", policy.FormatRemoteTopic("a", "orders"));
        Assert.Equal("a", policy.TopicSource("a_orders"));
        Assert.Equal("orders", policy.UpstreamTopic("a_orders"));
        Assert.Null(policy.TopicSource("a.orders"));
    }

    [Theory]
    [InlineData("a.orders", "a")]
    [InlineData("b.a.orders", "b")]
    [InlineData("a.heartbeats", "a")]
    public void TopicSource_DefaultPolicyRemoteTopic_IsTheFirstAlias(string topic, string source)
    {
        Assert.Equal(source, Default.TopicSource(topic));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("heartbeats")]
    [InlineData(".hidden")]
    public void TopicSource_DefaultPolicyLocalTopic_IsNull(string topic)
    {
        Assert.Null(Default.TopicSource(topic));
        Assert.Null(Default.UpstreamTopic(topic));
    }

    [Theory]
    [InlineData("a.orders", "orders")]
    [InlineData("b.a.orders", "a.orders")]
    public void UpstreamTopic_DefaultPolicy_StripsOneHop(string topic, string upstream)
    {
        Assert.Equal(upstream, Default.UpstreamTopic(topic));
    }

    [Theory]
    [InlineData("orders", "orders")]
    [InlineData("a.orders", "orders")]
    [InlineData("c.b.a.orders", "orders")]
    public void OriginalTopic_DefaultPolicy_StripsEveryHop(string topic, string original)
    {
        Assert.Equal(original, Default.OriginalTopic(topic));
    }

    [Theory]
    [InlineData("a.orders", "a")]
    [InlineData("b.a.orders", "a")]
    [InlineData("b.a.orders", "b")]
    [InlineData("a.heartbeats", "a")]
    public void IsCycle_DefaultPolicyTopicThatCameFromTarget_IsTrue(string topic, string target)
    {
        Assert.True(Default.IsCycle(topic, target));
    }

    [Theory]
    [InlineData("orders", "a")]
    [InlineData("a.orders", "b")]
    [InlineData("b.a.orders", "c")]
    [InlineData("heartbeats", "a")]
    public void IsCycle_DefaultPolicyTopicNotFromTarget_IsFalse(string topic, string target)
    {
        Assert.False(Default.IsCycle(topic, target));
    }

    [Theory]
    [InlineData("heartbeats", true)]
    [InlineData("a.heartbeats", true)]
    [InlineData("b.a.heartbeats", true)]
    [InlineData("orders", false)]
    [InlineData("a.orders", false)]
    [InlineData("heartbeats-old", false)]
    public void IsHeartbeatsTopic_DefaultPolicy_RecognisesHeartbeatsAtAnyHop(string topic, bool expected)
    {
        Assert.Equal(expected, Default.IsHeartbeatsTopic(topic));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("a.orders")]
    [InlineData("b.a.orders")]
    public void FormatRemoteTopic_IdentityPolicyDataTopic_KeepsTheName(string topic)
    {
        Assert.Equal(topic, Identity.FormatRemoteTopic("z", topic));
    }

    [Fact]
    public void FormatRemoteTopic_IdentityPolicyHeartbeats_PrefixesSourceAlias()
    {
        Assert.Equal("a.heartbeats", Identity.FormatRemoteTopic("a", "heartbeats"));
        Assert.Equal("b.a.heartbeats", Identity.FormatRemoteTopic("b", "a.heartbeats"));
    }

    [Theory]
    [InlineData("orders", "a")]
    [InlineData("a.orders", "a")]
    [InlineData("b.a.orders", "a")]
    [InlineData("b.a.orders", "b")]
    public void IsCycle_IdentityPolicyDataTopic_IsNeverDetected(string topic, string target)
    {
        Assert.False(Identity.IsCycle(topic, target));
        Assert.Null(Identity.TopicSource(topic));
        Assert.Null(Identity.UpstreamTopic(topic));
    }

    [Fact]
    public void IsCycle_IdentityPolicyRemoteHeartbeats_IsDetected()
    {
        Assert.True(Identity.IsCycle("a.heartbeats", "a"));
        Assert.True(Identity.IsCycle("b.a.heartbeats", "a"));
        Assert.False(Identity.IsCycle("a.heartbeats", "b"));
        Assert.Equal("a", Identity.TopicSource("a.heartbeats"));
        Assert.Equal("heartbeats", Identity.UpstreamTopic("a.heartbeats"));
    }

    [Theory]
    [InlineData("__consumer_offsets")]
    [InlineData("__transaction_state")]
    [InlineData("mm2-offset-syncs.b.internal")]
    [InlineData("a.checkpoints.internal")]
    [InlineData("mm2-configs.a.internal")]
    public void IsInternalTopic_KafkaAndMirrorMakerTopics_IsTrue(string topic)
    {
        Assert.True(Default.IsInternalTopic(topic));
        Assert.True(Identity.IsInternalTopic(topic));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("a.orders")]
    [InlineData("heartbeats")]
    [InlineData("a.heartbeats")]
    [InlineData("internal.orders")]
    [InlineData("_single_underscore")]
    public void IsInternalTopic_UserAndHeartbeatsTopics_IsFalse(string topic)
    {
        Assert.False(Default.IsInternalTopic(topic));
    }

    [Fact]
    public void For_FlowConfig_PicksThePolicyKindAndSeparator()
    {
        var identity = ReplicationPolicy.For(new MirrorFlowConfig("a", "b") { ReplicationPolicy = ReplicationPolicyKind.Identity, Separator = "_" });
        var @default = ReplicationPolicy.For(new MirrorFlowConfig("a", "b"));

        Assert.IsType<IdentityReplicationPolicy>(identity);
        Assert.Equal("_", identity.Separator);
        Assert.Equal("a_heartbeats", identity.FormatRemoteTopic("a", "heartbeats"));
        Assert.IsType<DefaultReplicationPolicy>(@default);
        Assert.Equal("a.orders", @default.FormatRemoteTopic("a", "orders"));
    }

    private static readonly MirrorFlowConfig Defaults = new("a", "b");

    [Theory]
    [InlineData("orders", true)]
    [InlineData("a.orders", true)]
    [InlineData("heartbeats", true)]
    [InlineData("__consumer_offsets", false)]
    [InlineData("mm2-offset-syncs.b.internal", false)]
    [InlineData("connect-offsets-internal", false)]
    [InlineData("x.replica", false)]
    [InlineData("replica", true)]
    [InlineData("x.replicas", true)]
    [InlineData("internalorders", true)]
    public void Matches_DefaultTopicLists_ExcludeInternalAndReplicaTopics(string topic, bool expected)
    {
        var filter = new NameFilter(Defaults.Topics, Defaults.TopicsExclude);

        Assert.Equal(expected, filter.Matches(topic));
    }

    [Theory]
    [InlineData("payments-app", true)]
    [InlineData("console-consumer-4711", false)]
    [InlineData("connect-mm2", false)]
    [InlineData("__internal-group", false)]
    [InlineData("my-console-consumer-1", true)]
    public void Matches_DefaultGroupLists_ExcludeToolAndConnectGroups(string group, bool expected)
    {
        var filter = new NameFilter(Defaults.Groups, Defaults.GroupsExclude);

        Assert.Equal(expected, filter.Matches(group));
    }

    [Theory]
    [InlineData("orders", true)]
    [InlineData("payments", true)]
    [InlineData("orders2", false)]
    [InlineData("xorders", false)]
    [InlineData("xpayments", false)]
    [InlineData("ord", false)]
    public void Matches_IncludePattern_MatchesTheWholeNameOnly(string topic, bool expected)
    {
        // The alternation must be grouped: '^orders|payments$' would let 'xpayments' and 'orders2' through.
        var filter = new NameFilter(["orders|payments"], []);

        Assert.Equal(expected, filter.Matches(topic));
    }

    [Theory]
    [InlineData("orders", false)]
    [InlineData("orders-eu", true)]
    [InlineData("old-orders", true)]
    public void Matches_ExcludePattern_ExcludesTheWholeNameOnly(string topic, bool expected)
    {
        var filter = new NameFilter([".*"], ["orders"]);

        Assert.Equal(expected, filter.Matches(topic));
    }

    [Fact]
    public void Matches_NoIncludePatterns_MatchesNothing()
    {
        var filter = new NameFilter([], []);

        Assert.False(filter.Matches("orders"));
    }

    [Fact]
    public void Matches_SeveralIncludePatterns_AnyOneSuffices()
    {
        var filter = new NameFilter(["orders", "pay.*"], ["payroll"]);

        Assert.True(filter.Matches("orders"));
        Assert.True(filter.Matches("payments"));
        Assert.False(filter.Matches("payroll"));
        Assert.False(filter.Matches("audit"));
    }
}
