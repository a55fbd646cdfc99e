using Sim.Core.Time;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// Watches one consumer group: every assignment change per member, the generations its coordinator settled,
/// and how long the whole group owned no partition while a member was running (the rebalance pause).
/// </summary>
public sealed class GroupWatch(string group, int partitions) : IKafkaObserver
{
    private SimTime _lastChange;
    private bool _fullyAssigned;

    private readonly SortedDictionary<int, int[]> _owned = [];
    private readonly SortedSet<int> _active = [];
    private SimTime? _pausedSince;
    private bool _everOwned;

    public List<(SimTime At, int Consumer, int[] Partitions)> Changes { get; } = [];
    public List<(SimTime At, int Generation, int Members)> Generations { get; } = [];
    public List<(SimTime At, int Client)> Expired { get; } = [];
    public SimDuration Paused { get; private set; }

    /// <summary>Partitions taken from their owner (revoked or lost) after every partition first had one.</summary>
    public SortedSet<int> Interrupted { get; } = [];

    /// <summary>Partition-seconds with no owner, from the first time every partition had one.</summary>
    public double UnownedPartitionSeconds { get; private set; }

    private readonly int _partitionCount = partitions;

    public int[] OwnedBy(int consumer) => _owned.TryGetValue(consumer, out var p) ? p : [];

    public void AssignmentChanged(SimTime at, int consumerId, string g, IReadOnlyList<int> partitions, bool active)
    {
        if (g != group) return;
        Changes.Add((at, consumerId, [.. partitions]));
        int ownedBefore = _owned.Where(kv => _active.Contains(kv.Key)).Sum(kv => kv.Value.Length);
        if (_fullyAssigned) UnownedPartitionSeconds += (_partitionCount - ownedBefore) * (at - _lastChange).TotalSeconds;
        _lastChange = at;
        if (_fullyAssigned) Interrupted.UnionWith(OwnedBy(consumerId).Except(partitions));
        _owned[consumerId] = [.. partitions];
        if (active) _active.Add(consumerId);
        else _active.Remove(consumerId);
        bool none = _owned.Where(kv => _active.Contains(kv.Key)).All(kv => kv.Value.Length == 0);
        _everOwned |= !none;
        _fullyAssigned |= _owned.Where(kv => _active.Contains(kv.Key)).Sum(kv => kv.Value.Length) == _partitionCount;
        if (none && _everOwned && _active.Count > 0) _pausedSince ??= at;
        else if (_pausedSince is { } since)
        {
            Paused += at - since;
            _pausedSince = null;
        }
    }

    public void GroupStabilized(SimTime at, int brokerId, string g, int generation, int members)
    {
        if (g == group) Generations.Add((at, generation, members));
    }

    public void GroupMemberExpired(SimTime at, int brokerId, string g, int clientId)
    {
        if (g == group) Expired.Add((at, clientId));
    }
}
