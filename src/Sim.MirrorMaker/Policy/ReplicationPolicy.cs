using Sim.MirrorMaker.Config;

namespace Sim.MirrorMaker.Policy;

/// <summary>
/// How MirrorMaker 2 names a topic on the target and recognises topics that came from elsewhere
/// (ReplicationPolicy, KIP-382). The heartbeats topic is always renamed, under either policy, so
/// replication of heartbeats never loops.
/// </summary>
public abstract class ReplicationPolicy(string separator)
{
    public const string HeartbeatsTopic = "heartbeats";

    public string Separator { get; } = separator;

    public static ReplicationPolicy For(MirrorFlowConfig flow) => flow.ReplicationPolicy == ReplicationPolicyKind.Identity
        ? new IdentityReplicationPolicy(flow.Separator)
        : new DefaultReplicationPolicy(flow.Separator);

    /// <summary>The name <paramref name="topic"/> from <paramref name="sourceAlias"/> gets on the target.</summary>
    public abstract string FormatRemoteTopic(string sourceAlias, string topic);

    /// <summary>The cluster a remote topic came from, or null for a topic this policy sees as local.</summary>
    public abstract string? TopicSource(string topic);

    /// <summary>The topic's name one hop upstream, or null for a local topic.</summary>
    public abstract string? UpstreamTopic(string topic);

    public bool IsHeartbeatsTopic(string topic) => OriginalTopic(topic) == HeartbeatsTopic;

    /// <summary>The name the topic had where it was first written.</summary>
    public string OriginalTopic(string topic)
    {
        for (int hops = 0; hops < 64; hops++)
        {
            var up = UpstreamTopic(topic);
            if (up is null) return topic;
            topic = up;
        }
        return topic;
    }

    /// <summary>Whether sending <paramref name="topic"/> to <paramref name="targetAlias"/> would send it back where it came from.</summary>
    public bool IsCycle(string topic, string targetAlias)
    {
        for (int hops = 0; hops < 64; hops++)
        {
            var source = TopicSource(topic);
            if (source is null) return false;
            if (source == targetAlias) return true;
            var up = UpstreamTopic(topic);
            if (up is null) return false;
            topic = up;
        }
        return false;
    }

    /// <summary>Kafka's, Connect's and MirrorMaker 2's own topics, never replicated (ReplicationPolicy.isInternalTopic).</summary>
    public bool IsInternalTopic(string topic) =>
        topic.StartsWith("__", StringComparison.Ordinal) || topic.StartsWith('.') ||
        topic.EndsWith(".internal", StringComparison.Ordinal) || topic.EndsWith("-internal", StringComparison.Ordinal);
}

/// <summary>DefaultReplicationPolicy: remote topics are prefixed with the source cluster's alias and the separator.</summary>
public sealed class DefaultReplicationPolicy(string separator) : ReplicationPolicy(separator)
{
    public override string FormatRemoteTopic(string sourceAlias, string topic) => sourceAlias + Separator + topic;

    public override string? TopicSource(string topic)
    {
        int i = topic.IndexOf(Separator, StringComparison.Ordinal);
        return i <= 0 ? null : topic[..i];
    }

    public override string? UpstreamTopic(string topic)
    {
        int i = topic.IndexOf(Separator, StringComparison.Ordinal);
        return i <= 0 ? null : topic[(i + Separator.Length)..];
    }
}

/// <summary>
/// IdentityReplicationPolicy: topics keep their names on the target (heartbeats excepted), so a two-way
/// pair of flows sends every record back where it came from, over and over.
/// </summary>
public sealed class IdentityReplicationPolicy(string separator) : ReplicationPolicy(separator)
{
    private readonly DefaultReplicationPolicy _heartbeats = new(separator);

    public override string FormatRemoteTopic(string sourceAlias, string topic) =>
        _heartbeats.OriginalTopic(topic) == HeartbeatsTopic ? _heartbeats.FormatRemoteTopic(sourceAlias, topic) : topic;

    public override string? TopicSource(string topic) =>
        _heartbeats.OriginalTopic(topic) == HeartbeatsTopic ? _heartbeats.TopicSource(topic) : null;

    public override string? UpstreamTopic(string topic) =>
        _heartbeats.OriginalTopic(topic) == HeartbeatsTopic ? _heartbeats.UpstreamTopic(topic) : null;
}
