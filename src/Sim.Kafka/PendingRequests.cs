using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Kafka;

/// <summary>
/// Requests a component has sent and awaits, each with a timeout scheduled on the kernel under the
/// owner's handler (event kind <see cref="TimeoutKind"/>, argument = correlation id). A response
/// completes one and cancels its timeout; a timeout removes it and the owner is told.
/// </summary>
public sealed class PendingRequests<T>(Scheduler scheduler, IEventHandler owner, int timeoutKind)
{
    private readonly Dictionary<long, (T State, EventHandle Timeout)> _pending = [];
    private long _next;

    public int TimeoutKind { get; } = timeoutKind;

    public int Count => _pending.Count;

    /// <summary>A fresh correlation id, unique for this owner.</summary>
    public long NextId() => ++_next;

    public void Add(long correlationId, T state, SimDuration timeout)
    {
        var handle = scheduler.Schedule(timeout, owner, TimeoutKind, correlationId);
        _pending.Add(correlationId, (state, handle));
    }

    /// <summary>Completes a request by its response; false if it already timed out or was never sent.</summary>
    public bool TryComplete(long correlationId, out T state)
    {
        if (_pending.Remove(correlationId, out var entry))
        {
            scheduler.Cancel(entry.Timeout);
            state = entry.State;
            return true;
        }
        state = default!;
        return false;
    }

    /// <summary>Takes a timed-out request (call from the owner's handler for <see cref="TimeoutKind"/>).</summary>
    public bool TryTimeOut(long correlationId, out T state)
    {
        if (_pending.Remove(correlationId, out var entry))
        {
            state = entry.State;
            return true;
        }
        state = default!;
        return false;
    }

    /// <summary>Drops every pending request (the owner crashed), cancelling their timeouts, in id order.</summary>
    public List<T> Clear()
    {
        var states = _pending.OrderBy(p => p.Key).Select(p => p.Value.State).ToList();
        foreach (var p in _pending.Values) scheduler.Cancel(p.Timeout);
        _pending.Clear();
        return states;
    }

    /// <summary>The pending requests in correlation-id order.</summary>
    public IEnumerable<(long Id, T State)> All => _pending.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.State));
}
