using System.Runtime.CompilerServices;

namespace Sim.Core.Scheduling;

/// <summary>
/// The pending-event set: an indexed 4-ary min-heap over <c>(time, priority, sequence)</c>.
/// <para>
/// Why this shape: the heap array holds only the 24-byte ordering key and a slot number, so sifting
/// touches one contiguous array; the payload (handler, kind, argument, state) sits in a parallel slot
/// array that is written once and read once. Each slot remembers its heap position, so cancelling an
/// event removes it at once in O(log n) instead of leaving a tombstone: a model where most request
/// timeouts are cancelled keeps a small heap. Slots and heap grow by doubling and are reused through
/// a free list, so steady-state scheduling allocates nothing.
/// </para>
/// <para>
/// The ordering key packs priority and insertion sequence into one <see cref="long"/>: priority in
/// the top 8 bits (biased by 128) and a 55-bit sequence below it, so equal times order by priority
/// and then first-in first-out, a total order.
/// </para>
/// </summary>
public sealed class EventQueue
{
    private const int SequenceBits = 55;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private struct HeapEntry
    {
        public long Time;
        public long Order;
        public int Slot;
    }

    private struct Slot
    {
        public IEventHandler? Handler;
        public object? State;
        public long Arg;
        public long Cause;      // the number of the event that scheduled this one (0: none)
        public int Kind;
        public int Generation;  // bumped on every release, never 0 for a live event
    }

    private HeapEntry[] _heap = new HeapEntry[256];
    private Slot[] _slots = new Slot[256];
    // Each slot's position in the heap (-1 when the slot is free), apart from the payload so that sifting, which
    // updates it at every level, writes into a small dense array rather than into scattered payload slots.
    private int[] _heapIndex = new int[256];
    private int[] _free = new int[256];
    private int _freeCount;
    private int _slotHigh;
    private int _count;
    private long _sequence;

    public int Count => _count;

    public EventHandle Enqueue(long time, int priority, IEventHandler handler, int kind, long arg, object? state, long cause = 0)
    {
        if ((uint)(priority + 128) > 255) throw new ArgumentOutOfRangeException(nameof(priority), "priority must be within -128..127");
        int slot = AllocateSlot();
        ref var s = ref _slots[slot];
        s.Handler = handler;
        s.State = state;
        s.Arg = arg;
        s.Cause = cause;
        s.Kind = kind;
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        long order = ((long)(priority + 128) << SequenceBits) | (_sequence++ & SequenceMask);
        int i = _count++;
        _heap[i] = new HeapEntry { Time = time, Order = order, Slot = slot };
        SiftUp(i);
        return new EventHandle(slot, s.Generation);
    }

    /// <summary>
    /// Exactly <see cref="Cancel"/> of <paramref name="handle"/> followed by <see cref="Enqueue"/>: the new event takes the
    /// next sequence number, the slot the cancel would have freed and that slot's next generation (the free list
    /// would hand the same slot straight back), so the order of events and every handle are as they would be. A
    /// pending event is moved within the heap in one sift instead of removed and inserted again.
    /// </summary>
    public EventHandle Replace(EventHandle handle, long time, int priority, IEventHandler handler, int kind, long arg, object? state, long cause = 0)
    {
        if (!IsPending(handle)) return Enqueue(time, priority, handler, kind, arg, state, cause);
        if ((uint)(priority + 128) > 255) throw new ArgumentOutOfRangeException(nameof(priority), "priority must be within -128..127");
        int slot = handle.Slot;
        ref var s = ref _slots[slot];
        s.Handler = handler;
        s.State = state;
        s.Arg = arg;
        s.Cause = cause;
        s.Kind = kind;
        s.Generation = s.Generation == int.MaxValue ? 1 : s.Generation + 1;
        int i = _heapIndex[slot];
        var old = _heap[i];
        _heap[i].Time = time;
        _heap[i].Order = ((long)(priority + 128) << SequenceBits) | (_sequence++ & SequenceMask);
        if (Less(ref _heap[i], ref old)) SiftUp(i);
        else SiftDown(i);
        return new EventHandle(slot, s.Generation);
    }

    public bool IsPending(EventHandle handle) =>
        !handle.IsNone && (uint)handle.Slot < (uint)_slotHigh &&
        _slots[handle.Slot].Generation == handle.Generation && _heapIndex[handle.Slot] >= 0;

    /// <summary>Removes a pending event. Returns false if it already fired or was cancelled.</summary>
    public bool Cancel(EventHandle handle)
    {
        if (!IsPending(handle)) return false;
        int i = _heapIndex[handle.Slot];
        RemoveAt(i);
        ReleaseSlot(handle.Slot);
        return true;
    }

    /// <summary>The time a parked event waits at: after every real event, so it never runs until retimed.</summary>
    public const long ParkedTime = long.MaxValue;

    /// <summary>The handler of the earliest event; only valid when <see cref="Count"/> &gt; 0.</summary>
    public IEventHandler PeekHandler() => _slots[_heap[0].Slot].Handler!;

    /// <summary>
    /// Moves the earliest event to <see cref="ParkedTime"/>, keeping its handle (so it can still be
    /// cancelled) and its insertion order (so, retimed, it runs where it would have among its peers).
    /// </summary>
    public EventHandle ParkTop()
    {
        int slot = _heap[0].Slot;
        _heap[0].Time = ParkedTime;
        SiftDown(0);
        return new EventHandle(slot, _slots[slot].Generation);
    }

    /// <summary>Moves a pending event to <paramref name="time"/>; false when it is no longer pending.</summary>
    public bool Retime(EventHandle handle, long time)
    {
        if (!IsPending(handle)) return false;
        int i = _heapIndex[handle.Slot];
        long old = _heap[i].Time;
        _heap[i].Time = time;
        if (time < old) SiftUp(i);
        else SiftDown(i);
        return true;
    }

    /// <summary>The time of the earliest pending event; only valid when <see cref="Count"/> &gt; 0.</summary>
    public long PeekTime() => _heap[0].Time;

    /// <summary>Removes the earliest event and copies out its payload. The slot is released first,
    /// so the handler may schedule freely.</summary>
    public void Dequeue(out long time, out IEventHandler handler, out int kind, out long arg, out object? state, out EventHandle handle) =>
        Dequeue(out time, out handler, out kind, out arg, out state, out handle, out _);

    /// <summary>As <see cref="Dequeue(out long, out IEventHandler, out int, out long, out object?, out EventHandle)"/>, with the number of the event that scheduled it.</summary>
    public void Dequeue(out long time, out IEventHandler handler, out int kind, out long arg, out object? state, out EventHandle handle, out long cause)
    {
        ref var top = ref _heap[0];
        time = top.Time;
        int slot = top.Slot;
        ref var s = ref _slots[slot];
        handler = s.Handler!;
        kind = s.Kind;
        arg = s.Arg;
        state = s.State;
        cause = s.Cause;
        handle = new EventHandle(slot, s.Generation);
        RemoveTop();
        ReleaseSlot(slot);
    }

    private int AllocateSlot()
    {
        if (_freeCount > 0) return _free[--_freeCount];
        if (_slotHigh == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _heapIndex, _slots.Length);
            // The free list can never hold more slots than exist; growing it here means releasing a
            // slot (on every dequeue and cancel) never allocates.
            Array.Resize(ref _free, _slots.Length);
        }
        int slot = _slotHigh++;
        _slots[slot].Generation = 1;
        return slot;
    }

    private void ReleaseSlot(int slot)
    {
        ref var s = ref _slots[slot];
        s.Handler = null;
        s.State = null;
        _heapIndex[slot] = -1;
        s.Generation = s.Generation == int.MaxValue ? 1 : s.Generation + 1;
        _free[_freeCount++] = slot;
    }

    private void RemoveAt(int i)
    {
        int last = --_count;
        if (i == last) return;
        _heap[i] = _heap[last];
        _heapIndex[_heap[i].Slot] = i;
        if (i > 0 && Less(ref _heap[i], ref _heap[(i - 1) >> 2])) SiftUp(i);
        else SiftDown(i);
    }

    /// <summary>
    /// Removes the root bottom-up: the hole it leaves moves down along the smaller children to a leaf, and the last
    /// entry fills it from there, rising as far as it must. The last entry is among the latest, so it rarely rises
    /// far, and each level costs the comparisons among the children only, not one more against the entry.
    /// </summary>
    private void RemoveTop()
    {
        int last = --_count;
        if (last == 0) return;
        var heap = _heap;
        var index = _heapIndex;
        int i = 0;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= last) break;
            int best = SmallestChild(heap, first, last);
            heap[i] = heap[best];
            index[heap[i].Slot] = i;
            i = best;
        }
        heap[i] = heap[last];
        SiftUp(i);
    }

    /// <summary>The earliest of the (up to four) children starting at <paramref name="first"/> among the first <paramref name="n"/> entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SmallestChild(HeapEntry[] heap, int first, int n)
    {
        int best = first;
        int end = Math.Min(first + 4, n);
        for (int c = first + 1; c < end; c++)
        {
            if (Less(ref heap[c], ref heap[best])) best = c;
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(ref HeapEntry a, ref HeapEntry b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Order < b.Order);

    private void SiftUp(int i)
    {
        var heap = _heap;
        var index = _heapIndex;
        var item = heap[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(ref item, ref heap[parent])) break;
            heap[i] = heap[parent];
            index[heap[i].Slot] = i;
            i = parent;
        }
        heap[i] = item;
        index[item.Slot] = i;
    }

    private void SiftDown(int i)
    {
        var heap = _heap;
        var index = _heapIndex;
        int n = _count;
        var item = heap[i];
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= n) break;
            int best = SmallestChild(heap, first, n);
            if (!Less(ref heap[best], ref item)) break;
            heap[i] = heap[best];
            index[heap[i].Slot] = i;
            i = best;
        }
        heap[i] = item;
        index[item.Slot] = i;
    }
}
