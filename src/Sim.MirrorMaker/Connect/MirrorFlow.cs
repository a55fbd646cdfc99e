using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Metadata;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Policy;

namespace Sim.MirrorMaker.Connect;

/// <summary>
/// A running flow <c>source-&gt;target</c>: which source partitions it replicates (topics discovered so far)
/// and where each lands on the target, its offset syncs, its measurements, and the progress of every
/// source partition across task restarts (to count records sent twice).
/// </summary>
public sealed class MirrorFlow
{
    private readonly Dictionary<int, int> _targetOf = [];
    private readonly Dictionary<int, long> _ackedEnd = [];
    private readonly HashSet<string> _discovered = new(StringComparer.Ordinal);

    internal MirrorFlow(MirrorFlowConfig config, KafkaCluster source, KafkaCluster target, int sourceClusterId)
    {
        Config = config;
        Source = source;
        Target = target;
        SourceClusterId = sourceClusterId;
        Policy = ReplicationPolicy.For(config);
        TopicFilter = new NameFilter(config.Topics, config.TopicsExclude);
        GroupFilter = new NameFilter(config.Groups, config.GroupsExclude);
    }

    public MirrorFlowConfig Config { get; }
    public string Name => Config.Name;
    public KafkaCluster Source { get; }
    public KafkaCluster Target { get; }

    /// <summary>The number MirrorMaker gives the source cluster in record origins.</summary>
    public int SourceClusterId { get; }

    public ReplicationPolicy Policy { get; }
    public NameFilter TopicFilter { get; }
    public NameFilter GroupFilter { get; }
    public OffsetSyncStore Syncs { get; } = new();
    public MirrorMetrics Metrics { get; } = new();

    /// <summary>
    /// Told of every consumer offset the checkpoint task translates (group, source partition, committed
    /// upstream offset, target partition, downstream offset); for checkers only, the flow never reads it.
    /// </summary>
    public Action<string, int, long, int, long>? Translated { get; set; }

    /// <summary>Source partitions replicated so far (catalog indexes, in discovery order).</summary>
    public List<int> SourcePartitions { get; } = [];

    /// <summary>The target partition (catalog index) a source partition is written to.</summary>
    public int TargetOf(int sourcePartition) => _targetOf[sourcePartition];

    public bool Replicates(int sourcePartition) => _targetOf.ContainsKey(sourcePartition);

    /// <summary>The remote topic name <paramref name="sourceTopic"/> gets on the target.</summary>
    public string RemoteTopic(string sourceTopic) => Policy.FormatRemoteTopic(Config.Source, sourceTopic);

    /// <summary>
    /// Looks for source topics that pass the filter and exist by <paramref name="now"/>; returns whether any
    /// were new (the connector then reconfigures its tasks).
    /// </summary>
    internal bool DiscoverTopics(SimTime now)
    {
        bool added = false;
        foreach (var topic in Source.Context.Partitions.Select(p => p.Topic).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (_discovered.Contains(topic.Name) || topic.CreatedAt > now) continue;
            if (!MirrorPlan.ShouldReplicate(Policy, TopicFilter, topic.Name, Config.Target)) continue;
            string remote = RemoteTopic(topic.Name);
            var targets = Target.Context.Partitions.Where(p => p.Topic.Name == remote).ToList();
            if (targets.Count == 0) continue;
            _discovered.Add(topic.Name);
            foreach (var p in Source.Context.Partitions.Where(p => p.Topic == topic))
            {
                var t = targets.FirstOrDefault(x => x.NumberInTopic == p.NumberInTopic);
                if (t is null) continue;
                _targetOf[p.Index] = t.Index;
                SourcePartitions.Add(p.Index);
            }
            added = true;
        }
        return added;
    }

    public PartitionInfo SourcePartition(int index) => Source.Context.Partitions[index];

    /// <summary>Counts records sent again: upstream offsets below what was acknowledged before for the partition.</summary>
    internal void Acknowledged(int sourcePartition, long upstreamOffset, int count)
    {
        long end = _ackedEnd.GetValueOrDefault(sourcePartition);
        if (upstreamOffset < end) Metrics.RecordsResent += Math.Min(count, end - upstreamOffset);
        _ackedEnd[sourcePartition] = Math.Max(end, upstreamOffset + count);
    }

    /// <summary>
    /// The upstream offset up to which the target has acknowledged this flow's copies of
    /// <paramref name="sourcePartition"/> (0 before the first acknowledgement): what the flow has replicated.
    /// </summary>
    public long ReplicatedEnd(int sourcePartition) => _ackedEnd.GetValueOrDefault(sourcePartition);

    public bool IsHeartbeats(int targetPartition) => Policy.IsHeartbeatsTopic(Target.Context.Partitions[targetPartition].Topic.Name);
}
