using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// An event as delivered to its handler: when it fires, what kind it is (an id from
/// <see cref="EventKinds"/>, hashed into the trajectory fingerprint), and a payload of one integer
/// and one object reference, enough to carry a message or an index without a per-event allocation.
/// </summary>
public readonly struct SimEvent(SimTime time, int kind, long arg, object? state, EventHandle handle)
{
    public SimTime Time { get; } = time;
    public int Kind { get; } = kind;
    public long Arg { get; } = arg;
    public object? State { get; } = state;

    /// <summary>The handle this event was scheduled under (already spent when the handler runs).</summary>
    public EventHandle Handle { get; } = handle;
}
