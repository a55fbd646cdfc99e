using Sim.Core.Time;
using Sim.Experiments.Yaml;

namespace Sim.Experiments.Spec;

/// <summary>
/// The experiment's budgets (<c>limits:</c> in the file, or <c>--set limits.KEY=VALUE</c>), checked when the
/// experiment is loaded, before anything is built or run, so that a typo or a hostile file is refused at
/// once with the key that raises the limit instead of running for hours or exhausting memory. Every
/// default is generous for the shipped experiments; raising one is a deliberate act. The keys and
/// defaults are documented in docs/experiments.md and listed by <see cref="LimitKeys"/>.
/// </summary>
public sealed record RunLimits
{
    public static readonly RunLimits Default = new();

    /// <summary><c>limits.runs</c>: sweep points times replications.</summary>
    public long Runs { get; init; } = 100_000;

    /// <summary><c>limits.points</c>: sweep points, computed from the axes' lengths before any point is built.</summary>
    public long Points { get; init; } = 10_000;

    /// <summary><c>limits.timeseries_samples</c>: rows of one run's time series (duration / outputs.timeseries.interval).</summary>
    public long TimeseriesSamples { get; init; } = 1_000_000;

    /// <summary><c>limits.fault_windows</c>: failures one component of a stochastic fault class is expected to have in a run (duration / mtbf).</summary>
    public long FaultWindows { get; init; } = 10_000;

    /// <summary><c>limits.records_per_second</c>: records per second of one producer entry (rate x count x its largest burst factor).</summary>
    public double RecordsPerSecond { get; init; } = 10_000_000;

    /// <summary><c>limits.keys</c>: distinct keys of one producer (each is hashed to its partition when the producer starts).</summary>
    public long Keys { get; init; } = 1_000_000;

    /// <summary><c>limits.events</c>: events one run may execute; null derives it from the run's size (<see cref="EventCap"/>).</summary>
    public long? Events { get; init; }

    /// <summary><c>limits.wall_clock</c>: real time one run may take; null derives it from the event cap (<see cref="WallClock"/>).</summary>
    public TimeSpan? WallClockBudget { get; init; }

    /// <summary><c>limits.file_size</c>, <c>limits.depth</c>, <c>limits.yaml_nodes</c>, <c>limits.diagnostics</c>: reading the files.</summary>
    public YamlLimits Yaml { get; init; } = YamlLimits.Default;

    /// <summary>Events per simulated second every run is allowed before counting its nodes and records.</summary>
    public const long BaseEventsPerSecond = 100_000;

    /// <summary>Events per simulated second allowed per node (broker, controller, worker).</summary>
    public const long EventsPerNodeSecond = 5_000;

    /// <summary>Events allowed per record produced (batches, requests and responses are far fewer than records).</summary>
    public const long EventsPerRecord = 20;

    /// <summary>The smallest derived event cap, so a short run is never cut short.</summary>
    public const long MinEvents = 10_000_000;

    /// <summary>The events a derived wall-clock budget assumes a run executes per real second, well below what the kernel does.</summary>
    public const long SlowEventsPerSecond = 20_000;

    /// <summary>
    /// The event cap of a run of <paramref name="duration"/> over <paramref name="nodes"/> nodes producing
    /// <paramref name="recordsPerSecond"/>: <c>limits.events</c> when written, otherwise a budget of
    /// events per simulated second that is many times what the shipped experiments execute, so only a
    /// runaway loop or an experiment far larger than written reaches it.
    /// </summary>
    public long EventCap(SimDuration duration, int nodes, double recordsPerSecond)
    {
        if (Events is { } written) return written;
        double perSecond = BaseEventsPerSecond + EventsPerNodeSecond * (double)nodes + EventsPerRecord * recordsPerSecond;
        double cap = Math.Ceiling(duration.TotalSeconds * perSecond);
        return cap >= long.MaxValue / 2 ? long.MaxValue / 2 : Math.Max(MinEvents, (long)cap);
    }

    /// <summary>The real time a run with <paramref name="eventCap"/> may take: <c>limits.wall_clock</c>, or the cap at a slow rate, at least ten minutes.</summary>
    public TimeSpan WallClock(long eventCap) =>
        WallClockBudget ?? TimeSpan.FromSeconds(Math.Max(600, Math.Min(eventCap / (double)SlowEventsPerSecond, TimeSpan.MaxValue.TotalSeconds / 2)));
}
