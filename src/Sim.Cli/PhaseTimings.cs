using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Cli;

/// <summary>
/// Where the wall time of <c>sim run</c> goes, for tuning how a sweep uses its cores: with <c>SIM_TIMINGS=1</c> (or
/// <c>SIM_TIMINGS=FILE</c>) each phase (process start to <c>Main</c>, loading, the runs, each run, the tables, plots and
/// report) is written to standard error (or appended to FILE) as it ends, with the wall seconds since the process started
/// and the process's CPU seconds, GC pauses and counts, and JIT time and methods so far; each run also gives its thread's CPU seconds, its expected cost
/// (<see cref="RunCost.Expected"/>) and the methods compiled in the process so far (at <c>--jobs 1</c>, the difference between
/// two runs' counts is what the later one compiled). Without the variable nothing is measured or written. Timings never reach the output
/// directory, so results stay byte-identical.
/// </summary>
internal sealed class PhaseTimings
{
    private static PhaseTimings? _current;
    private readonly TextWriter _sink;
    private readonly DateTime _processStart;
    private readonly ConcurrentDictionary<int, (double Wall, double ThreadCpu)> _started = new();
    private readonly object _gate = new();
    private readonly GcEventCounts _gcEvents = new();

    private PhaseTimings(TextWriter sink)
    {
        _sink = sink;
        _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    }

    /// <summary>The timings of this process, or null when <c>SIM_TIMINGS</c> is not set.</summary>
    public static PhaseTimings? Current
    {
        get
        {
            if (_current is not null) return _current;
            string? setting = Environment.GetEnvironmentVariable("SIM_TIMINGS");
            if (string.IsNullOrEmpty(setting) || setting == "0") return null;
            var sink = setting == "1" ? Console.Error : TextWriter.Synchronized(new StreamWriter(setting, append: true) { AutoFlush = true });
            Interlocked.CompareExchange(ref _current, new PhaseTimings(sink), null);
            return _current;
        }
    }

    /// <summary><see cref="Current"/> after its first line (the command has started), or null when not measuring.</summary>
    public static PhaseTimings? Started()
    {
        var timings = Current;
        timings?.Mark("start");
        return timings;
    }

    /// <summary>Wall seconds since the process started (so the runtime's own start-up counts as the first phase).</summary>
    private double Wall => (DateTime.UtcNow - _processStart).TotalSeconds;

    private static double ProcessCpu => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>CPU seconds of the calling thread (Linux: /proc/thread-self/schedstat), NaN where that cannot be read.</summary>
    private static double ThreadCpu()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return long.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture) / 1e9;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return double.NaN;
        }
    }

    /// <summary>A phase has ended: one line with the wall and process CPU seconds so far.</summary>
    public void Mark(string phase) =>
        Write($"phase {phase} wall_s={Wall:F3} cpu_s={ProcessCpu:F3} gc_pause_s={GC.GetTotalPauseDuration().TotalSeconds:F3} " +
              $"gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} heap_mb={GC.GetTotalMemory(false) >> 20} " +
              $"jit_s={System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F3} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()}");

    /// <summary>The last phase has ended: its line, then the collections counted by generation, reason and type, and the CPU time of each kind of thread.</summary>
    public void Done()
    {
        Mark("done");
        Write($"gc {_gcEvents.Summary()}");
        Write($"loh_mb {_gcEvents.LargeSummary()}");
        Write($"threads {ThreadCpuByName()}");
    }

    /// <summary>CPU seconds of the live threads grouped by name (Linux /proc/self/task), e.g. the server GC's and background GC's threads apart from the runs', and of the threads that have ended.</summary>
    private static string ThreadCpuByName()
    {
        var byName = new SortedDictionary<string, double>(StringComparer.Ordinal);
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                string stat = File.ReadAllText(Path.Combine(task, "schedstat"));
                double cpu = long.Parse(stat.AsSpan(0, stat.IndexOf(' ')), CultureInfo.InvariantCulture) / 1e9;
                byName[name] = byName.GetValueOrDefault(name) + cpu;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return "unavailable";
        }
        // Threads that ended before now (the tiered compiler's background worker exits after a few idle seconds and a new
        // one starts with the next batch of methods to recompile) count only in the process's total.
        double exited = ProcessCpu - byName.Values.Sum();
        return string.Join(' ', byName.Select(kv => $"'{kv.Key}'={kv.Value:F2}")) + $" '(exited threads)'={Math.Max(0, exited):F2}";
    }

    /// <summary>Options that bracket every run with a start and an end line, after one line per run of <paramref name="runs"/> with its expected cost.</summary>
    public RunnerOptions Attach(RunnerOptions options, IEnumerable<RunSpec> runs)
    {
        foreach (var spec in runs)
            Write($"cost run={spec.RunId} architecture={spec.Point.Architecture} expected={RunCost.Expected(spec):F0}");
        var stored = options.OnRunStored;
        return options with
        {
            OnRunStarting = spec => _started[spec.RunId] = (Wall, ThreadCpu()),
            OnRunStored = record =>
            {
                RunEnded(record);
                stored?.Invoke(record);
            },
        };
    }

    private void RunEnded(RunRecord record)
    {
        if (!_started.TryGetValue(record.RunId, out var start)) return;
        double wall = Wall, cpu = ThreadCpu();
        Write($"run {record.RunId} thread={Environment.CurrentManagedThreadId} start_s={start.Wall:F3} end_s={wall:F3} wall_s={wall - start.Wall:F3} " +
              $"thread_cpu_s={cpu - start.ThreadCpu:F3} events={record.Events} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()}");
    }

    private void Write(string line)
    {
        lock (_gate) _sink.WriteLine(line);
    }
}
