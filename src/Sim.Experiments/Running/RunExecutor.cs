using System.Diagnostics;
using Sim.Architectures.Runtime;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// Plays one run: builds its simulation from the point's plan and fault plan with the run's seed, plays
/// it in slices of simulated time (so progress can be shown and an interrupt honoured between slices;
/// slicing does not change the event order), and maps what it measured to a <see cref="RunRecord"/>.
/// The run is bounded by its event cap and, between slices, by its wall-clock budget (<c>limits.events</c>,
/// <c>limits.wall_clock</c>); going past either fails the run with a message naming the key that raises it.
/// </summary>
public static class RunExecutor
{
    private static readonly SimDuration Slice = SimDuration.FromSeconds(5);

    public static RunRecord Execute(RunSpec spec, RunProgress? progress = null, CancellationToken cancel = default)
    {
        var run = new DeploymentRun(spec.Point.Plan, spec.Point.Faults, spec.Options);
        var clock = Stopwatch.StartNew();
        var t = SimTime.Zero;
        progress?.RunStarted(run.End.Nanoseconds, run.Horizon.Nanoseconds);
        var end = run.End;
        while (t < run.End)
        {
            cancel.ThrowIfCancellationRequested();
            if (spec.WallClock is { } budget && clock.Elapsed > budget)
                throw new RunBudgetExceededException($"the run took more than its wall-clock budget of {budget} (limits.wall_clock) and was stopped at {t} of simulated time; " +
                                                     "raise it with --set limits.wall_clock=2h if the experiment really needs longer");
            var next = t + Slice < run.End ? t + Slice : run.End;
            RunSlice(run, next, spec);
            // A hybrid window that closed once the run recovered (hybrid.settle) ends the run sooner.
            if (next > run.End) next = run.End;
            if (run.End < end) { progress?.RunShortened((end - run.End).Nanoseconds); end = run.End; }
            progress?.Simulated((next - t).Nanoseconds);
            t = next;
        }
        var record = RecordMapper.ToRecord(spec, run.Run());
        return spec.KeepTrace ? record with { Trace = Trace(spec, cancel) } : record;
    }

    /// <summary>
    /// The run played again with a <see cref="TraceRecorder"/> attached, for its narrated trace. A second play, because the
    /// recorder samples the partitions on events of its own: the record keeps the event count and fingerprint of the run
    /// played alone, the same with or without <c>outputs.trace</c>. Tracing only reads the model, so both plays tell the same run.
    /// </summary>
    private static IReadOnlyList<TraceEntry> Trace(RunSpec spec, CancellationToken cancel)
    {
        var run = new DeploymentRun(spec.Point.Plan, spec.Point.Faults, spec.Options, [context => new TraceRecorder(context)]);
        var recorder = run.Probes.All.OfType<TraceRecorder>().Single();
        for (var t = SimTime.Zero; t < run.End;)
        {
            cancel.ThrowIfCancellationRequested();
            t = t + Slice < run.End ? t + Slice : run.End;
            RunSlice(run, t, spec);
        }
        run.Run();
        return recorder.Finish("", spec.RunId, run.Probes.Loss.LostRanges()).Entries;
    }

    /// <summary>Plays <paramref name="run"/> to <paramref name="until"/>; an event cap reached becomes a message naming <c>limits.events</c>.</summary>
    public static void RunSlice(DeploymentRun run, SimTime until, RunSpec spec)
    {
        try
        {
            run.RunUntil(until);
        }
        catch (EventCapExceededException e)
        {
            throw CapReached(e, spec);
        }
    }

    /// <summary>The message of a run that reached its event cap, naming the key that raises it.</summary>
    public static RunBudgetExceededException CapReached(EventCapExceededException e, RunSpec spec) =>
        new($"the run hit its event cap of {e.Cap:N0} events at {e.At} of simulated time ({spec.EventCapSource}); " +
            $"raise it with --set limits.events={Math.Min(long.MaxValue / 2, e.Cap * 2)} if the experiment really needs more, " +
            "or look for a runaway loop in the model", e);
}
