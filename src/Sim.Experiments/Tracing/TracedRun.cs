using Sim.Architectures.Metrics;
using Sim.Architectures.Runtime;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Tracing;

/// <summary>
/// One run of an experiment played with a <see cref="TraceRecorder"/> attached: its measured result, its
/// trace, and the finished run itself (for tests that look at the model's final state). Tracing only
/// reads the model, so the run's outcome is the one <c>sim run</c> measures for the same id.
/// </summary>
public sealed record TracedRun(RunSpec Spec, RunResult Result, RunTrace Trace, DeploymentRun Run)
{
    /// <param name="adjust">A last change to the run before it is built (tests use it to break the model on purpose).</param>
    public static TracedRun Play(ExperimentDefinition experiment, int runId, TraceOptions? options = null, bool checkInvariants = false,
        Func<RunSpec, RunSpec>? adjust = null)
    {
        var spec = experiment.Run(runId);
        if (checkInvariants) spec = spec with { Options = spec.Options with { CheckInvariants = true } };
        if (adjust is not null) spec = adjust(spec);
        var recorder = new TraceRecorder(options);
        var run = new DeploymentRun(spec.Point.Plan, spec.Point.Faults, spec.Options, recorder.ObserversOf);
        recorder.Attach(run);
        var result = run.Run();
        return new TracedRun(spec, result, recorder.Finish(experiment.Name, runId), run);
    }
}
