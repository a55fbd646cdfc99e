namespace Sim.Experiments.Running;

/// <summary>
/// Counters the runner advances as runs play, safe to read from another thread: runs finished, and
/// probes judged (for a capacity search), simulated time played over all runs, which is what the estimate of time left is made from.
/// </summary>
public sealed class RunProgress
{
    private long _runsDone;
    private long _simulatedNanos;
    private long _probesDone;

    public int RunsTotal { get; internal set; }
    public long SimulatedNanosTotal { get; internal set; }
    public int RunsSkipped { get; internal set; }

    /// <summary>For a capacity search: the most probes its budget allows over all sweep points (0 without a search); a search usually needs fewer.</summary>
    public int ProbesTotal { get; internal set; }

    /// <summary>Probes judged so far, resumed ones included.</summary>
    public int ProbesDone => (int)Interlocked.Read(ref _probesDone);

    public int RunsDone => (int)Interlocked.Read(ref _runsDone);
    public long SimulatedNanos => Interlocked.Read(ref _simulatedNanos);

    internal void ProbeFinished() => Interlocked.Increment(ref _probesDone);
    internal void RunFinished() => Interlocked.Increment(ref _runsDone);
    internal void Simulated(long nanos) => Interlocked.Add(ref _simulatedNanos, nanos);
}
