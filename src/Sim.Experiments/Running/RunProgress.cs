namespace Sim.Experiments.Running;

/// <summary>
/// Counters the runner advances as runs play, safe to read from another thread: runs finished, and
/// simulated time played over all runs, which is what the estimate of time left is made from.
/// </summary>
public sealed class RunProgress
{
    private long _runsDone;
    private long _simulatedNanos;

    public int RunsTotal { get; internal set; }
    public long SimulatedNanosTotal { get; internal set; }
    public int RunsSkipped { get; internal set; }

    public int RunsDone => (int)Interlocked.Read(ref _runsDone);
    public long SimulatedNanos => Interlocked.Read(ref _simulatedNanos);

    internal void RunFinished() => Interlocked.Increment(ref _runsDone);
    internal void Simulated(long nanos) => Interlocked.Add(ref _simulatedNanos, nanos);
}
