using Sim.Architectures.Runtime;
using Sim.Core.Time;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// Plays one run: builds its simulation from the point's plan and fault plan with the run's seed, plays
/// it in slices of simulated time (so progress can be shown and an interrupt honoured between slices;
/// slicing does not change the event order), and maps what it measured to a <see cref="RunRecord"/>.
/// </summary>
public static class RunExecutor
{
    private static readonly SimDuration Slice = SimDuration.FromSeconds(5);

    public static RunRecord Execute(RunSpec spec, RunProgress? progress = null, CancellationToken cancel = default)
    {
        var run = new DeploymentRun(spec.Point.Plan, spec.Point.Faults, spec.Options);
        var t = SimTime.Zero;
        while (t < run.End)
        {
            cancel.ThrowIfCancellationRequested();
            var next = t + Slice < run.End ? t + Slice : run.End;
            run.RunUntil(next);
            progress?.Simulated((next - t).Nanoseconds);
            t = next;
        }
        return RecordMapper.ToRecord(spec, run.Run());
    }
}
