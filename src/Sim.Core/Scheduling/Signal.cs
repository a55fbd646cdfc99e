namespace Sim.Core.Scheduling;

/// <summary>
/// A condition processes can wait on: a message arriving in a mailbox, a request completing, a
/// resource freeing up. <see cref="NotifyAll"/> wakes every waiter, <see cref="NotifyOne"/> the longest
/// waiting one. Waiters resume through the scheduler at the current time (never re-entrantly inside
/// the notifier), in the order they began waiting.
/// </summary>
public sealed class Signal
{
    private readonly List<Process> _waiters = [];

    public int WaiterCount => _waiters.Count;

    internal void Add(Process p) => _waiters.Add(p);

    internal void Remove(Process p) => _waiters.Remove(p);

    public void NotifyAll()
    {
        if (_waiters.Count == 0) return;
        // Resuming a waiter never touches this list synchronously (it is scheduled), so the loop is safe.
        for (int i = 0; i < _waiters.Count; i++) _waiters[i].WakeFromSignal();
        _waiters.Clear();
    }

    public bool NotifyOne()
    {
        if (_waiters.Count == 0) return false;
        var p = _waiters[0];
        _waiters.RemoveAt(0);
        p.WakeFromSignal();
        return true;
    }
}
