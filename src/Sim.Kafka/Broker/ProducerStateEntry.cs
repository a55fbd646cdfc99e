namespace Sim.Kafka.Broker;

/// <summary>
/// The idempotence state of one producer id on one partition (ProducerStateManager): the last batches'
/// sequences and offsets, up to five, so a retried batch is recognised and answered with its original
/// offset instead of being appended twice.
/// </summary>
public sealed class ProducerStateEntry
{
    public const int RetainedBatches = 5;

    /// <summary>Where a retained batch went.</summary>
    private record struct Placement(int BaseSequence, int Count, long BaseOffset, int Epoch);

    /// <summary>The retained batches held in the entry itself (a ring, oldest at <see cref="Oldest"/>): no queue or array to reach per append.</summary>
    [System.Runtime.CompilerServices.InlineArray(RetainedBatches)]
    private struct Retained
    {
        private Placement _first;
    }

    private Retained _recent;
    private int _count, _next;

    public int LastSequence { get; private set; } = -1;

    private int Oldest => (_next - _count + RetainedBatches) % RetainedBatches;

    public void Record(int baseSequence, int count, long baseOffset, int epoch)
    {
        // The newest replaces the oldest once five are held, as Kafka's queue of the last five batches does.
        _recent[_next] = new Placement(baseSequence, count, baseOffset, epoch);
        _next = (_next + 1) % RetainedBatches;
        if (_count < RetainedBatches) _count++;
        LastSequence = baseSequence + count - 1;
    }

    /// <summary>The original placement of a batch with this sequence, if it is one of the retained ones (the oldest such first).</summary>
    public bool TryFindDuplicate(int baseSequence, out long baseOffset, out int epoch)
    {
        for (int k = 0, i = Oldest; k < _count; k++, i = (i + 1) % RetainedBatches)
        {
            if (_recent[i].BaseSequence == baseSequence)
            {
                baseOffset = _recent[i].BaseOffset;
                epoch = _recent[i].Epoch;
                return true;
            }
        }
        baseOffset = -1;
        epoch = -1;
        return false;
    }
}
