namespace Sim.Core.Scheduling;

/// <summary>
/// Identifies one scheduled event so it can be cancelled. A handle is a slot and a generation: once
/// the event fires or is cancelled the slot is reused under a new generation, so a stale handle can
/// never cancel somebody else's event. <c>default</c> is a handle to nothing.
/// </summary>
public readonly record struct EventHandle(int Slot, int Generation)
{
    public static readonly EventHandle None = default;
    public bool IsNone => Generation == 0;
}
