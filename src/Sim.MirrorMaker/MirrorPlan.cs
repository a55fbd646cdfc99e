using Sim.Kafka.Config;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Policy;

namespace Sim.MirrorMaker;

/// <summary>
/// The topics each cluster needs once its MirrorMaker 2 flows run: a <c>heartbeats</c> topic on every
/// flow's source, and on every target the remote topics the flow's policy names, following chains of flows
/// (<c>orders</c> from <c>a</c> reaches <c>c</c> through <c>b</c> as <c>b.a.orders</c>) until nothing new
/// appears. MirrorMaker 2 creates these topics when it discovers their sources; the model's clusters are
/// built with them in place.
/// </summary>
public static class MirrorPlan
{
    /// <param name="topics">Each cluster's own topics.</param>
    /// <param name="brokers">Each cluster's broker count (replication factors are capped by it).</param>
    /// <returns>Each cluster's topics, its own first, then those the flows add, in the order they were found.</returns>
    public static Dictionary<string, List<TopicConfig>> Topics(IReadOnlyDictionary<string, IReadOnlyList<TopicConfig>> topics,
        IReadOnlyDictionary<string, int> brokers, IReadOnlyList<MirrorFlowConfig> flows)
    {
        var result = topics.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        foreach (var f in flows)
        {
            if (!result.ContainsKey(f.Source)) throw new ArgumentException($"flow {f.Name}: no cluster named '{f.Source}'");
            if (!result.ContainsKey(f.Target)) throw new ArgumentException($"flow {f.Name}: no cluster named '{f.Target}'");
            if (f.EmitHeartbeatsEnabled && result[f.Source].All(t => t.Name != ReplicationPolicy.HeartbeatsTopic))
                result[f.Source].Add(new TopicConfig(ReplicationPolicy.HeartbeatsTopic, 1, Math.Min(3, brokers[f.Source])));
        }
        // Each pass can only add names one hop longer; cycle prevention (or identity naming) ends the chain.
        for (int pass = 0; pass < 16; pass++)
        {
            bool added = false;
            foreach (var f in flows)
            {
                var policy = ReplicationPolicy.For(f);
                var filter = new NameFilter(f.Topics, f.TopicsExclude);
                foreach (var t in result[f.Source].ToList())
                {
                    if (!ShouldReplicate(policy, filter, t.Name, f.Target)) continue;
                    string remote = policy.FormatRemoteTopic(f.Source, t.Name);
                    if (result[f.Target].Any(x => x.Name == remote)) continue;
                    result[f.Target].Add(new TopicConfig(remote, t.Partitions, Math.Min(f.ReplicationFactor, brokers[f.Target])) { CreatedAt = t.CreatedAt, CreatedByOperation = t.CreatedByOperation, InitialPartitions = t.InitialPartitions });
                    added = true;
                }
            }
            if (!added) return result;
        }
        throw new ArgumentException("the mirror flows keep creating ever longer topic names; check the replication policies");
    }

    /// <summary>MirrorSourceConnector's test: the filter (heartbeats always pass), never internal topics, never a cycle.</summary>
    public static bool ShouldReplicate(ReplicationPolicy policy, NameFilter filter, string topic, string target) =>
        (filter.Matches(topic) || policy.IsHeartbeatsTopic(topic)) && !policy.IsInternalTopic(topic) && !policy.IsCycle(topic, target);
}
