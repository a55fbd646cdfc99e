using System.Numerics;

namespace Sim.Kafka.Clients;

/// <summary>
/// A set of a client's partition indexes as a bit per partition: setting, clearing and testing are O(1), and
/// <see cref="CopyTo"/> lists the members in ascending order in O(partitions / 64), so a client with a thousand
/// partitions of which a handful hold batches looks at those only, in the partition order Kafka's loops keep.
/// </summary>
internal sealed class PartitionBits
{
    private ulong[] _words;

    public PartitionBits(int partitions) => _words = new ulong[Math.Max(1, (partitions + 63) >> 6)];

    public void Set(int index)
    {
        int w = index >> 6;
        if (w >= _words.Length) Array.Resize(ref _words, Math.Max(w + 1, _words.Length * 2));
        _words[w] |= 1UL << (index & 63);
    }

    public void Clear(int index)
    {
        int w = index >> 6;
        if (w < _words.Length) _words[w] &= ~(1UL << (index & 63));
    }

    public bool Contains(int index)
    {
        int w = index >> 6;
        return w < _words.Length && (_words[w] & (1UL << (index & 63))) != 0;
    }

    /// <summary>
    /// The smallest member at or above <paramref name="from"/>, or -1: going through the members with it sees those
    /// added meanwhile above the current one, as a loop over every partition in order would.
    /// </summary>
    public int Next(int from)
    {
        int w = from >> 6;
        if (w >= _words.Length) return -1;
        ulong bits = _words[w] & (~0UL << (from & 63));
        while (bits == 0)
        {
            if (++w >= _words.Length) return -1;
            bits = _words[w];
        }
        return (w << 6) + BitOperations.TrailingZeroCount(bits);
    }

    /// <summary>Replaces <paramref name="into"/>'s contents with the members, ascending.</summary>
    public void CopyTo(List<int> into)
    {
        into.Clear();
        for (int w = 0; w < _words.Length; w++)
        {
            ulong bits = _words[w];
            while (bits != 0)
            {
                into.Add((w << 6) + BitOperations.TrailingZeroCount(bits));
                bits &= bits - 1;
            }
        }
    }
}
