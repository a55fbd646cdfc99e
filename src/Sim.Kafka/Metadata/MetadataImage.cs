namespace Sim.Kafka.Metadata;

/// <summary>
/// The cluster state a metadata log amounts to: which brokers are registered and fenced, and every
/// partition's registration. Controllers apply their whole log (and rebuild on truncation); brokers
/// apply committed records only.
/// </summary>
public sealed class MetadataImage
{
    private readonly Dictionary<int, BrokerRegistration> _brokers = [];
    private readonly PartitionState[] _partitions;
    private readonly PartitionState[] _bootstrap;

    public MetadataImage(PartitionState[] bootstrap)
    {
        _bootstrap = bootstrap;
        _partitions = (PartitionState[])bootstrap.Clone();
        _bootstrapImbalanced = CountImbalanced(bootstrap);
        ImbalancedPartitions = _bootstrapImbalanced;
    }

    private readonly int _bootstrapImbalanced;

    /// <summary>
    /// How many existing partitions are led by a replica other than their preferred (first) one, kept up to
    /// date by every partition change, as ReplicationControlManager keeps <c>imbalancedPartitions</c>
    /// (replay of PartitionRecord and PartitionChangeRecord, by PartitionRegistration.hasPreferredLeader), so
    /// the controller's balance check (arePartitionLeadersImbalanced) needs no scan of every partition.
    /// </summary>
    public int ImbalancedPartitions { get; private set; }

    /// <summary>Whether <paramref name="ps"/> exists and its leader is not its preferred replica.</summary>
    public static bool IsImbalanced(PartitionState ps) => ps.Exists && ps.Leader != ps.PreferredLeader;

    /// <summary>Counts the imbalanced partitions by a full scan (what <see cref="ImbalancedPartitions"/> must equal).</summary>
    public static int CountImbalanced(IReadOnlyList<PartitionState> partitions)
    {
        int n = 0;
        for (int i = 0; i < partitions.Count; i++)
        {
            if (IsImbalanced(partitions[i])) n++;
        }
        return n;
    }

    /// <summary>The offset of the next record to apply.</summary>
    public long NextOffset { get; private set; }

    public IReadOnlyList<PartitionState> Partitions => _partitions;

    public PartitionState Partition(int index) => _partitions[index];

    public bool IsFenced(int brokerId) => !_brokers.TryGetValue(brokerId, out var b) || b.Fenced;

    /// <summary>Whether the broker's registration says it is in a controlled shutdown (KIP-841).</summary>
    public bool IsInControlledShutdown(int brokerId) => _brokers.TryGetValue(brokerId, out var b) && b.InControlledShutdown;

    /// <summary>
    /// Whether a leader may propose the broker for an ISR: registered, not fenced and not in a controlled shutdown
    /// (KIP-841; Partition.isReplicaIsrEligible).
    /// </summary>
    public bool IsIsrEligible(int brokerId) => _brokers.TryGetValue(brokerId, out var b) && !b.Fenced && !b.InControlledShutdown;

    public bool IsRegistered(int brokerId) => _brokers.ContainsKey(brokerId);

    public long BrokerEpoch(int brokerId) => _brokers.TryGetValue(brokerId, out var b) ? b.Epoch : -1;

    /// <summary>Registered brokers in id order.</summary>
    public IEnumerable<BrokerRegistration> Brokers => _brokers.Values.OrderBy(b => b.Id);

    /// <summary>Bumped by every change (apply or rebuild), so readers can tell the image moved.</summary>
    public long Version { get; private set; }

    public void Apply(MetadataEntry entry)
    {
        Version++;
        var r = entry.Record;
        switch (r.Kind)
        {
            case MetadataRecordKind.RegisterBroker:
                // A registration's offset is its broker epoch, as in KRaft; a new registration starts fenced.
                _brokers[r.BrokerId] = new BrokerRegistration(r.BrokerId, entry.Offset, Fenced: true);
                break;
            case MetadataRecordKind.FenceBroker:
                if (_brokers.TryGetValue(r.BrokerId, out var f)) _brokers[r.BrokerId] = f with { Fenced = true };
                break;
            case MetadataRecordKind.UnfenceBroker:
                if (_brokers.TryGetValue(r.BrokerId, out var u)) _brokers[r.BrokerId] = u with { Fenced = false };
                break;
            case MetadataRecordKind.BrokerInControlledShutdown:
                if (_brokers.TryGetValue(r.BrokerId, out var c)) _brokers[r.BrokerId] = c with { InControlledShutdown = true };
                break;
            case MetadataRecordKind.PartitionChange:
                var replaced = _partitions[r.Partition!.Partition];
                ImbalancedPartitions += (IsImbalanced(r.Partition) ? 1 : 0) - (IsImbalanced(replaced) ? 1 : 0);
                _partitions[r.Partition.Partition] = r.Partition;
                break;
        }
        NextOffset = entry.Offset + 1;
    }

    /// <summary>Forgets everything and replays <paramref name="entries"/> (after a truncation of the log).</summary>
    public void Rebuild(IEnumerable<MetadataEntry> entries)
    {
        Version++;
        _brokers.Clear();
        Array.Copy(_bootstrap, _partitions, _bootstrap.Length);
        ImbalancedPartitions = _bootstrapImbalanced;
        NextOffset = 0;
        foreach (var e in entries) Apply(e);
    }
}

/// <summary>
/// A broker as the metadata log records it: its registration epoch, whether it is fenced, and whether it is in a
/// controlled shutdown (KIP-841; a new registration starts outside one).
/// </summary>
public sealed record BrokerRegistration(int Id, long Epoch, bool Fenced, bool InControlledShutdown = false);
