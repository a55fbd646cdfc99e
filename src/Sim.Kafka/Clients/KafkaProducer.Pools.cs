using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// Objects the sender reuses rather than allocating per batch or per request: batch lists, produce entry lists and
/// acknowledged batches. A simulator device with no Kafka counterpart (Kafka's own BufferPool recycles the batches'
/// byte buffers, not these): what is sent, acknowledged or failed, and when, is unchanged.
/// </summary>
public sealed partial class KafkaProducer
{
    // Bounds what a producer keeps in hand after a burst.
    private const int MaxPooledBatches = 4096;
    private const int MaxPooledEntryLists = 64;

    // Batch lists of requests answered or failed, reused for the next requests: a list lives from the drain that
    // fills it to its request's outcome, referenced only by the request's entry in _requests.
    private readonly Stack<List<ProducerBatch>> _batchLists = new();
    private readonly Stack<List<ProduceEntry>> _entryLists = new();
    private readonly Stack<ProducerBatch> _batches = new();

    private List<ProducerBatch> RentBatchList() => _batchLists.TryPop(out var list) ? list : [];

    private void ReturnBatchList(List<ProducerBatch> list)
    {
        list.Clear();
        _batchLists.Push(list);
    }

    /// <summary>The entry list of a produce request; it comes back once the request's response is in.</summary>
    private List<ProduceEntry> RentEntryList(int capacity)
    {
        if (!_entryLists.TryPop(out var list)) return new List<ProduceEntry>(capacity);
        if (list.Capacity < capacity) list.Capacity = capacity;
        return list;
    }

    /// <summary>
    /// The broker answered the request that carried <paramref name="list"/>, so it has read it for good (it answers
    /// once it is done with the request). A request that timed out or was never answered keeps its list: the broker
    /// may still read it.
    /// </summary>
    private void ReturnEntryList(List<ProduceEntry>? list)
    {
        if (list is null || _entryLists.Count >= MaxPooledEntryLists) return;
        list.Clear();
        _entryLists.Push(list);
    }

    /// <summary>A batch with every field at its initial value.</summary>
    private ProducerBatch RentBatch()
    {
        if (!_batches.TryPop(out var b)) return new ProducerBatch();
        b.Reset();
        return b;
    }

    /// <summary>
    /// An acknowledged batch answered by its response: out of its partition's queue and its request's list, so nothing
    /// holds it any more (a listener reads it during its call and keeps no reference, see <see cref="IProducerListener"/>).
    /// </summary>
    private void ReturnBatch(ProducerBatch b)
    {
        if (_batches.Count >= MaxPooledBatches) return;
        _batches.Push(b);
    }
}
