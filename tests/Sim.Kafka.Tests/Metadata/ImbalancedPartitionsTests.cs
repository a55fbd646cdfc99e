using FsCheck.Xunit;
using Sim.Kafka.Metadata;

namespace Sim.Kafka.Tests.Metadata;

/// <summary>
/// The image's count of partitions led by a replica other than their preferred one, which the KRaft
/// controller's balance check reads after every write (ReplicationControlManager keeps
/// <c>imbalancedPartitions</c> the same way, on each PartitionRecord and PartitionChangeRecord replay):
/// after any sequence of leader moves, reassignment-style replica reorders, deletions, creations and
/// rebuilds, it equals a full scan of the partitions.
/// </summary>
public sealed class ImbalancedPartitionsTests
{
    private static PartitionState Random(System.Random rng, int partition)
    {
        int kind = rng.Next(5);
        if (kind == 0) return PartitionState.Absent(partition);
        var replicas = Enumerable.Range(1, 5).OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).ToArray();
        int leader = kind == 1 ? PartitionState.NoLeader : replicas[rng.Next(replicas.Length)];
        return new PartitionState(partition, replicas, replicas, leader, rng.Next(10), rng.Next(10), []);
    }

    [Property(MaxTest = 200)]
    public bool ImbalancedPartitions_AfterRandomChangesAndRebuilds_EqualsFullScan(int seed, byte partitionCode, byte changeCode)
    {
        var rng = new System.Random(seed);
        int partitions = 1 + partitionCode % 40;
        var image = new MetadataImage([.. Enumerable.Range(0, partitions).Select(p => Random(rng, p))]);
        if (image.ImbalancedPartitions != MetadataImage.CountImbalanced(image.Partitions)) return false;
        var entries = new List<MetadataEntry>();
        for (int i = 0; i < changeCode * 4; i++)
        {
            MetadataRecord record = rng.Next(8) == 0
                ? new MetadataRecord(MetadataRecordKind.FenceBroker, 1 + rng.Next(5), null, "fence")
                : new MetadataRecord(MetadataRecordKind.PartitionChange, -1, Random(rng, rng.Next(partitions)), "change");
            var entry = new MetadataEntry(entries.Count, 1, record);
            entries.Add(entry);
            image.Apply(entry);
            if (image.ImbalancedPartitions != MetadataImage.CountImbalanced(image.Partitions)) return false;
            if (rng.Next(20) != 0) continue;
            entries = entries.Take(rng.Next(entries.Count + 1)).ToList();
            image.Rebuild(entries);
            if (image.ImbalancedPartitions != MetadataImage.CountImbalanced(image.Partitions)) return false;
        }
        return true;
    }

    [Property(MaxTest = 50)]
    public bool ImbalancedPartitions_LeaderMovedOffAndBackToPreferred_CountsOneThenNone(byte partitionCode)
    {
        int partitions = 1 + partitionCode % 20, target = partitionCode % partitions;
        var image = new MetadataImage([.. Enumerable.Range(0, partitions).Select(p => new PartitionState(p, [1, 2, 3], [1, 2, 3], 1, 0, 0, []))]);
        var moved = image.Partition(target) with { Leader = 2, LeaderEpoch = 1 };
        image.Apply(new MetadataEntry(0, 1, new MetadataRecord(MetadataRecordKind.PartitionChange, -1, moved, "moved")));
        int afterMove = image.ImbalancedPartitions;
        image.Apply(new MetadataEntry(1, 1, new MetadataRecord(MetadataRecordKind.PartitionChange, -1, moved with { Leader = 1, LeaderEpoch = 2 }, "back")));
        return afterMove == 1 && image.ImbalancedPartitions == 0;
    }
}
