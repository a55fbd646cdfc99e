namespace Sim.Kafka.Clients;

/// <summary>
/// A set of a client's partition indexes kept as an ascending list with a membership flag per partition: testing is
/// O(1), adding a partition is a binary search and a shift of the members above it, and the members are read in
/// ascending order without a copy, so a client with ten thousand partitions of which a handful hold batches looks at
/// those only, in the partition order Kafka's loops keep, and never at the partitions that hold nothing.
/// </summary>
internal sealed class PartitionSet
{
    private readonly List<int> _members = [];
    private bool[] _contains;
    // Some member was removed (Remove) and is still in _members: the next read or insertion drops it.
    private bool _stale;

    public PartitionSet(int partitions) => _contains = new bool[Math.Max(1, partitions)];

    /// <summary>
    /// The members, ascending. Removing members while going through the list leaves it as it is (they go at the next
    /// read); adding one does not, so nothing is added while it is gone through.
    /// </summary>
    public List<int> Members
    {
        get
        {
            if (_stale) Compact();
            return _members;
        }
    }

    public bool Contains(int index) => index < _contains.Length && _contains[index];

    /// <summary>Adds <paramref name="index"/>; false when it was already a member.</summary>
    public bool Add(int index)
    {
        if (index >= _contains.Length) Array.Resize(ref _contains, Math.Max(index + 1, _contains.Length * 2));
        if (_contains[index]) return false;
        if (_stale) Compact();
        _contains[index] = true;
        int n = _members.Count;
        if (n == 0 || _members[n - 1] < index) _members.Add(index);
        else _members.Insert(~_members.BinarySearch(index), index);
        return true;
    }

    /// <summary>Removes <paramref name="index"/> (a member) at once from the set; from <see cref="Members"/> at its next read.</summary>
    public void Remove(int index)
    {
        if (!Contains(index)) return;
        _contains[index] = false;
        _stale = true;
    }

    /// <summary>Removes every member.</summary>
    public void Clear()
    {
        foreach (int i in _members) _contains[i] = false;
        _members.Clear();
        _stale = false;
    }

    private void Compact()
    {
        int kept = 0;
        for (int k = 0; k < _members.Count; k++)
        {
            int i = _members[k];
            if (_contains[i]) _members[kept++] = i;
        }
        _members.RemoveRange(kept, _members.Count - kept);
        _stale = false;
    }
}
