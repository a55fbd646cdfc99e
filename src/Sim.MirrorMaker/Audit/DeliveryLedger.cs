using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.MirrorMaker.Audit;

/// <summary>
/// What each consumer group's application received, by record identity, across every cluster it read:
/// register one <see cref="ClusterView"/> on each cluster's events. A record delivered again (from the
/// same log after a rewind, or as a mirrored copy after failing over) counts as reprocessed.
/// </summary>
public sealed class DeliveryLedger
{
    private readonly Dictionary<string, GroupDeliveries> _groups = new(StringComparer.Ordinal);

    /// <summary>Told of every delivery: the cluster's id, when, the consumer, the batch, and how many of its records the group had not received before.</summary>
    public delegate void DeliveryHandler(int clusterId, SimTime at, int consumerId, in RecordBatch batch, long fresh);

    /// <summary>Called after each delivery is counted (null: nobody listens).</summary>
    public DeliveryHandler? Delivered { get; set; }

    /// <summary>Deliveries of one group.</summary>
    public sealed class GroupDeliveries
    {
        internal readonly Dictionary<RootPartition, OffsetIntervals> Delivered = [];
        internal readonly Dictionary<RootPartition, long> ReprocessedBy = [];

        public long Records { get; internal set; }
        public long Reprocessed { get; internal set; }
        public SimTime? FirstAt { get; internal set; }
        public SimTime? LastAt { get; internal set; }

        public IReadOnlyDictionary<RootPartition, OffsetIntervals> ByPartition => Delivered;

        /// <summary>Records delivered again, by the partition the record was first written to.</summary>
        public IReadOnlyDictionary<RootPartition, long> ReprocessedByPartition => ReprocessedBy;

        /// <summary>
        /// Records the group passed over: in the logs <paramref name="consumer"/> (the group's consumer now)
        /// reads, below its position, written since <paramref name="since"/> (when the application began),
        /// and never delivered to the group, here or on another cluster.
        /// </summary>
        public long Skipped(KafkaCluster cluster, int clusterId, KafkaConsumer consumer, SimTime since) =>
            SkippedByPartition(cluster, clusterId, consumer, since).Sum(x => x.Skipped);

        /// <summary>The records <see cref="Skipped"/> counts, by assigned partition (catalog index of <paramref name="cluster"/>).</summary>
        public List<(int Partition, long Skipped)> SkippedByPartition(KafkaCluster cluster, int clusterId, KafkaConsumer consumer, SimTime since)
        {
            var result = new List<(int, long)>();
            var batches = new List<RecordBatch>();
            for (int i = 0; i < consumer.Assigned.Count; i++)
            {
                int partition = consumer.Assigned[i];
                long position = consumer.Positions[i];
                var log = cluster.FinalLog(partition);
                if (log is null || position <= log.LogStartOffset) continue;
                long skipped = 0;
                batches.Clear();
                log.Read(log.LogStartOffset, Math.Min(position, log.LogEndOffset), int.MaxValue, batches);
                foreach (var b in batches)
                {
                    if (b.CreateTime < since) continue;
                    var (root, offset) = RecordIdentity.Of(clusterId, partition, b);
                    long seen = Delivered.TryGetValue(root, out var d) ? d.CountIn(offset, offset + b.Count) : 0;
                    skipped += b.Count - seen;
                }
                result.Add((partition, skipped));
            }
            return result;
        }
    }

    public GroupDeliveries Group(string group) => _groups.TryGetValue(group, out var g) ? g : _groups[group] = new GroupDeliveries();

    public IReadOnlyDictionary<string, GroupDeliveries> Groups => _groups;

    /// <summary>The observer for one cluster, which numbers that cluster's own records with <paramref name="clusterId"/>.</summary>
    public IKafkaObserver ClusterView(int clusterId) => new View(this, clusterId);

    private sealed class View(DeliveryLedger ledger, int clusterId) : IKafkaObserver
    {
        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            var g = ledger.Group(group);
            var (root, offset) = RecordIdentity.Of(clusterId, partition, batch);
            if (!g.Delivered.TryGetValue(root, out var set)) g.Delivered[root] = set = new OffsetIntervals();
            long again = set.Add(offset, offset + batch.Count);
            g.Reprocessed += again;
            if (again > 0) g.ReprocessedBy[root] = g.ReprocessedBy.GetValueOrDefault(root) + again;
            ledger.Delivered?.Invoke(clusterId, at, consumerId, batch, batch.Count - again);
            g.Records += batch.Count;
            g.FirstAt ??= at;
            g.LastAt = at;
        }
    }
}
