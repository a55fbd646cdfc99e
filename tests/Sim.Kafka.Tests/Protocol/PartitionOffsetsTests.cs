using Sim.Kafka.Protocol;

namespace Sim.Kafka.Tests.Protocol;

/// <summary>
/// A commit's offsets as (partition, offset) pairs: the same entries, in the same order, and the same lookups as the
/// dictionary a consumer filled in assignment order before, for random assignments, positions and pending flags.
/// </summary>
public class PartitionOffsetsTests
{
    private static Dictionary<int, long> AsDictionary(int[] partitions, long[] positions, bool[] pending)
    {
        var offsets = new Dictionary<int, long>();
        for (int i = 0; i < partitions.Length; i++)
        {
            if (positions[i] >= 0 && !pending[i]) offsets[partitions[i]] = positions[i];
        }
        return offsets;
    }

    private static List<(int, long)> Entries(PartitionOffsets offsets)
    {
        var list = new List<(int, long)>();
        foreach (var (p, o) in offsets) list.Add((p, o));
        return list;
    }

    private static (int[] Partitions, long[] Positions, bool[] Pending) RandomAssignment(Random rng, bool distinct)
    {
        int n = rng.Next(0, 40);
        var partitions = distinct
            ? Enumerable.Range(0, 200).OrderBy(_ => rng.Next()).Take(n).ToArray()
            : Enumerable.Range(0, n).Select(_ => rng.Next(0, 12)).ToArray();
        var positions = partitions.Select(_ => rng.Next(4) == 0 ? -1L : rng.NextInt64(0, 1L << 40)).ToArray();
        var pending = partitions.Select(_ => rng.Next(5) == 0).ToArray();
        return (partitions, positions, pending);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OfPositions_HoldsWhatTheDictionaryFilledInAssignmentOrderHolds_InItsOrder(bool distinct)
    {
        var rng = new Random(7);
        for (int round = 0; round < 500; round++)
        {
            var (partitions, positions, pending) = RandomAssignment(rng, distinct);
            var expected = AsDictionary(partitions, positions, pending);

            var offsets = PartitionOffsets.OfPositions(partitions, positions, pending, distinct);

            Assert.Equal(expected.Count, offsets.Count);
            Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)).ToList(), Entries(offsets));
            for (int p = -1; p < 201; p++)
            {
                Assert.Equal(expected.TryGetValue(p, out var want), offsets.TryGetValue(p, out var got));
                Assert.Equal(want, got);
            }
        }
    }

    [Fact]
    public void From_KeepsTheDictionarysOrder_AndReadsBackByIndex()
    {
        var d = new Dictionary<int, long> { [9] = 90, [2] = 20, [5] = 50 };
        var offsets = PartitionOffsets.From(d);

        Assert.Equal([(9, 90L), (2, 20L), (5, 50L)], Entries(offsets));
        Assert.Equal(2, offsets.PartitionAt(1));
        Assert.Equal(50, offsets.OffsetAt(2));
    }

    [Fact]
    public void Default_IsEmpty()
    {
        var none = default(PartitionOffsets);

        Assert.Equal(0, none.Count);
        Assert.Empty(Entries(none));
        Assert.False(none.TryGetValue(0, out _));
        Assert.Equal(0, PartitionOffsets.OfPositions([3, 4], [-1, 7], [false, true], distinct: true).Count);
    }
}
