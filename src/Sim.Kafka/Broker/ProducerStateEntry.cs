namespace Sim.Kafka.Broker;

/// <summary>
/// The idempotence state of one producer id on one partition (ProducerStateManager): the last batches'
/// sequences and offsets, up to five, so a retried batch is recognised and answered with its original
/// offset instead of being appended twice.
/// </summary>
public sealed class ProducerStateEntry
{
    public const int RetainedBatches = 5;

    // Sized for the one batch past the five retained that Record holds for a moment: one array per entry, never grown.
    private readonly Queue<(int BaseSequence, int Count, long BaseOffset, int Epoch)> _recent = new(RetainedBatches + 1);

    public int LastSequence { get; private set; } = -1;

    public void Record(int baseSequence, int count, long baseOffset, int epoch)
    {
        _recent.Enqueue((baseSequence, count, baseOffset, epoch));
        if (_recent.Count > RetainedBatches) _recent.Dequeue();
        LastSequence = baseSequence + count - 1;
    }

    /// <summary>The original placement of a batch with this sequence, if it is one of the retained ones.</summary>
    public bool TryFindDuplicate(int baseSequence, out long baseOffset, out int epoch)
    {
        foreach (var b in _recent)
        {
            if (b.BaseSequence == baseSequence)
            {
                baseOffset = b.BaseOffset;
                epoch = b.Epoch;
                return true;
            }
        }
        baseOffset = -1;
        epoch = -1;
        return false;
    }
}
