using FsCheck.Xunit;
using Sim.Kafka.Clients;

namespace Sim.Kafka.Tests.Clients;

/// <summary>
/// A partition's queue of batches keeps the first few in the object and the rest in a list; driven by random appends,
/// removals by position and by identity, and clears, it holds exactly what a <see cref="List{T}"/> would, in order.
/// </summary>
public class BatchQueueTests
{
    [Property(MaxTest = 300)]
    public bool RandomOperations_MatchAList(int[] codes)
    {
        var queue = new BatchQueue();
        var list = new List<ProducerBatch>();
        foreach (int code in codes)
        {
            uint h = unchecked((uint)code * 0x9E3779B1u);
            int op = (int)(h >> 29);
            int at = (int)(h & 0xFFFF);
            if (op <= 3 || list.Count == 0)
            {
                var b = new ProducerBatch { Count = list.Count + 1 };
                queue.Add(b);
                list.Add(b);
            }
            else if (op == 4)
            {
                int i = at % list.Count;
                queue.RemoveAt(i);
                list.RemoveAt(i);
            }
            else if (op == 5)
            {
                var b = list[at % list.Count];
                if (queue.Remove(b) != list.Remove(b)) return false;
                if (queue.Remove(b) || queue.IndexOf(b) != -1) return false;
            }
            else if (op == 6)
            {
                var b = list[at % list.Count];
                if (queue.IndexOf(b) != list.IndexOf(b)) return false;
            }
            else if (at % 8 == 0)
            {
                queue.Clear();
                list.Clear();
            }
            if (!Same(queue, list)) return false;
        }
        return true;
    }

    [Fact]
    public void ManyBatches_KeepTheirOrderThroughRemovalsFromTheFront()
    {
        var queue = new BatchQueue();
        var batches = Enumerable.Range(0, 10).Select(i => new ProducerBatch { Count = i }).ToList();
        foreach (var b in batches) queue.Add(b);
        queue.RemoveAt(0);
        Assert.True(queue.Remove(batches[5]));
        Assert.False(queue.Remove(batches[5]));
        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9], Enumerate(queue).Select(b => b.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue[8]);
    }

    private static bool Same(BatchQueue queue, List<ProducerBatch> list)
    {
        if (queue.Count != list.Count) return false;
        for (int i = 0; i < list.Count; i++)
        {
            if (!ReferenceEquals(queue[i], list[i])) return false;
        }
        return Enumerate(queue).SequenceEqual(list);
    }

    private static List<ProducerBatch> Enumerate(BatchQueue queue)
    {
        var seen = new List<ProducerBatch>();
        foreach (var b in queue) seen.Add(b);
        return seen;
    }
}
