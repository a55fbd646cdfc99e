using System.Runtime.CompilerServices;

namespace Sim.Kafka.Clients;

/// <summary>
/// One partition's batches in the accumulator, oldest first (RecordAccumulator's per-partition deque): the operations
/// of a <see cref="List{T}"/> the sender uses, with the same results, but the first <see cref="InlineCount"/> batches
/// held in the object itself and only the rest in a list. A partition rarely has more than a few batches in hand, so
/// appending one or looking at the queue touches one object rather than a list and its separate array (a simulator
/// device with no Kafka counterpart: what is sent and when is unchanged).
/// </summary>
internal sealed class BatchQueue
{
    private const int InlineCount = 4;

    [InlineArray(InlineCount)]
    private struct Inline
    {
        private ProducerBatch? _first;
    }

    private Inline _inline;
    // Batches InlineCount and beyond, in order; null until first needed.
    private List<ProducerBatch>? _rest;

    public int Count { get; private set; }

    public ProducerBatch this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return index < InlineCount ? _inline[index]! : _rest![index - InlineCount];
        }
    }

    public void Add(ProducerBatch batch)
    {
        if (Count < InlineCount) _inline[Count] = batch;
        else (_rest ??= []).Add(batch);
        Count++;
    }

    /// <summary>The position of <paramref name="batch"/> (the same object), or -1.</summary>
    public int IndexOf(ProducerBatch batch)
    {
        for (int i = 0; i < Count; i++)
        {
            if (ReferenceEquals(this[i], batch)) return i;
        }
        return -1;
    }

    /// <summary>Removes <paramref name="batch"/> if present, keeping the others in order; false if it was not.</summary>
    public bool Remove(ProducerBatch batch)
    {
        int i = IndexOf(batch);
        if (i < 0) return false;
        RemoveAt(i);
        return true;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (index >= InlineCount)
        {
            _rest!.RemoveAt(index - InlineCount);
        }
        else
        {
            for (int i = index; i < InlineCount - 1; i++) _inline[i] = _inline[i + 1];
            if (Count > InlineCount)
            {
                _inline[InlineCount - 1] = _rest![0];
                _rest.RemoveAt(0);
            }
            else
            {
                _inline[InlineCount - 1] = null;
            }
        }
        Count--;
    }

    public void Clear()
    {
        for (int i = 0; i < InlineCount; i++) _inline[i] = null;
        _rest?.Clear();
        Count = 0;
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Goes through the batches in order; the queue must not change meanwhile.</summary>
    public struct Enumerator(BatchQueue queue)
    {
        private int _index = -1;

        public readonly ProducerBatch Current => queue[_index];

        public bool MoveNext() => ++_index < queue.Count;
    }
}
