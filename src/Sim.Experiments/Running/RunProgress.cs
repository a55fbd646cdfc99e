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
    private long _runsStarted;
    private long _startedNanos;

    public int RunsTotal { get; internal set; }

    /// <summary>What every run is planned to simulate (runs x duration) before any has started.</summary>
    public long PlannedNanosTotal { get; internal set; }

    /// <summary>
    /// Simulated time the runs will play in all: the clock length of each run started, and for the others the mean of
    /// those (their planned duration until one starts). A hybrid run plays only its detail windows, so its length is
    /// known once its faults are drawn, and is far shorter than its horizon.
    /// </summary>
    public long SimulatedNanosTotal
    {
        get
        {
            long started = Interlocked.Read(ref _runsStarted), startedNanos = Interlocked.Read(ref _startedNanos);
            long runs = Math.Max(RunsTotal, 1);
            long rest = Math.Max(0, runs - started);
            return started == 0 ? PlannedNanosTotal : startedNanos + rest * (startedNanos / started);
        }
    }

    /// <summary>True once a run started whose clock is shorter than its horizon (hybrid fidelity): progress then counts detailed time.</summary>
    public bool InDetail { get; private set; }
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

    /// <summary>A run's clock ends <paramref name="nanos"/> sooner than it started out to (a hybrid window closed once the run had recovered).</summary>
    internal void RunShortened(long nanos) => Interlocked.Add(ref _startedNanos, -nanos);

    /// <summary>A run started whose clock will play <paramref name="nanos"/> (its horizon is <paramref name="horizonNanos"/>).</summary>
    internal void RunStarted(long nanos, long horizonNanos)
    {
        if (nanos < horizonNanos) InDetail = true;
        Interlocked.Add(ref _startedNanos, nanos);
        Interlocked.Increment(ref _runsStarted);
    }
}
