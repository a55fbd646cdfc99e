using Sim.Core.Time;

namespace Sim.Core.Scheduling;

/// <summary>
/// A 64-bit hash over the sequence of executed events' times and kinds (FNV-1a over the two words,
/// then a final avalanche). Two runs with the same fingerprint took the same trajectory with
/// overwhelming probability; golden and determinism tests compare it.
/// </summary>
public struct TrajectoryFingerprint
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private ulong _h;
    private bool _started;

    public void Add(SimTime time, int kind)
    {
        if (!_started) { _h = Offset; _started = true; }
        _h = (_h ^ (ulong)time.Nanoseconds) * Prime;
        _h = (_h ^ (uint)kind) * Prime;
    }

    public readonly ulong Value
    {
        get
        {
            ulong z = _started ? _h : Offset;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public override readonly string ToString() => Value.ToString("x16");
}
