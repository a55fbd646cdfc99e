namespace Sim.Architectures.Metrics;

/// <summary>
/// A value per (producer id, partition index), for observers that look one up on every acknowledgement: a row
/// per producer, indexed by partition, with the row of the producer asked for last kept at hand. Finding a slot
/// hashes nothing when the same producer asks again (a run's producers are few, its acknowledgements many) and
/// otherwise hashes one int, where a dictionary keyed by the pair hashes the pair and compares it.
/// </summary>
internal sealed class ProducerPartitionTable<T> where T : class
{
    private readonly Dictionary<int, T?[]> _rows = [];
    private int _lastProducer;
    private T?[]? _lastRow;

    /// <summary>The slot of (<paramref name="producerId"/>, <paramref name="partition"/>): null until set.</summary>
    public ref T? Slot(int producerId, int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        var row = _lastRow;
        if (row is null || producerId != _lastProducer)
        {
            if (!_rows.TryGetValue(producerId, out row)) _rows[producerId] = row = new T?[Math.Max(16, partition + 1)];
            (_lastProducer, _lastRow) = (producerId, row);
        }
        if (partition >= row.Length)
        {
            Array.Resize(ref row, Math.Max(partition + 1, 2 * row.Length));
            _rows[producerId] = _lastRow = row;
        }
        return ref row[partition];
    }
}
