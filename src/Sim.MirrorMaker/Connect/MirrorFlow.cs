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
    /// MirrorSourceConnector.refreshTopicPartitions: looks for source partitions that pass the filter and exist by
    /// <paramref name="now"/> (a topic's <c>CreatedAt</c>, and partitions created by an operation mid-run), and, as
    /// computeAndCreateTopicPartitions does, asks the target's controller to create the remote topic with the
    /// source's partition count, or to add the partitions it lacks (CreateTopics, CreatePartitions). Returns whether
    /// any source partition was new (the connector then reconfigures its tasks; their producers wait for the
    /// remote partitions' leaders while the target creates them).
    /// </summary>
    internal bool DiscoverTopics(SimTime now)
    {
        bool added = false;
        foreach (var topic in Source.Context.Partitions.Select(p => p.Topic).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (topic.CreatedAt > now) continue;
            if (!MirrorPlan.ShouldReplicate(Policy, TopicFilter, topic.Name, Config.Target)) continue;
            string remote = RemoteTopic(topic.Name);
            var targets = Target.Context.Partitions.Where(p => p.Topic.Name == remote).ToList();
            if (targets.Count == 0) continue;
            var existing = Source.Context.Partitions.Where(p => p.Topic == topic && Source.PartitionState(p.Index).Exists).ToList();
            if (existing.Count == 0) continue;
            CreateRemotePartitions(remote, existing.Count);
            foreach (var p in existing)
            {
                if (_targetOf.ContainsKey(p.Index)) continue;
                var t = targets.FirstOrDefault(x => x.NumberInTopic == p.NumberInTopic);
                if (t is null) continue;
                _targetOf[p.Index] = t.Index;
                SourcePartitions.Add(p.Index);
                added = true;
            }
        }
        return added;
    }

    /// <summary>
    /// The remote topic gets <paramref name="count"/> partitions on the target (MirrorSourceConnector.createNewTopics
    /// and createNewPartitions). Without an active target controller nothing is created and the next refresh asks again.
    /// </summary>
    private void CreateRemotePartitions(string remote, int count)
    {
        int have = Target.ExistingPartitions(remote);
        if (have >= count) return;
        if (have == 0 && Target.CreateTopic(remote) is { } created) Metrics.TopicOperations.Add($"{remote}: {created}");
        have = Target.ExistingPartitions(remote);
        if (have > 0 && have < count && Target.CreatePartitions(remote, count) is { } grown) Metrics.TopicOperations.Add($"{remote}: {grown}");
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

    public bool IsHeartbeats(int targetPartition)
    {
        if (!_isHeartbeats.TryGetValue(targetPartition, out bool heartbeats))
        {
            heartbeats = Policy.IsHeartbeatsTopic(Target.Context.Partitions[targetPartition].Topic.Name);
            _isHeartbeats[targetPartition] = heartbeats;
        }
        return heartbeats;
    }

    // Whether each target partition asked about belongs to a heartbeats topic: its name is parsed once (a partition never changes topic).
    private readonly Dictionary<int, bool> _isHeartbeats = [];
}
