using Sim.Architectures.Metrics;
using Sim.Architectures.Runtime;
using Sim.Core.Scheduling;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Tracing;

/// <summary>
/// One run of an experiment played with a <see cref="TraceRecorder"/> attached: its measured result, its
/// trace, and the finished run itself (for tests that look at the model's final state). Tracing only
/// reads the model, so the run's outcome is the one <c>sim run</c> measures for the same id. When an
/// invariant broke and the caller asked to keep going, <see cref="Violation"/> holds it and the trace and
/// result stop where the run stopped.
/// </summary>
public sealed record TracedRun(RunSpec Spec, RunResult Result, RunTrace Trace, DeploymentRun Run)
{
    public InvariantViolationException? Violation { get; init; }

    /// <param name="adjust">A last change to the run before it is built (tests use it to break the model on purpose).</param>
    /// <param name="keepViolation">Return a broken invariant in <see cref="Violation"/> with the trace so far, instead of throwing it.</param>
    /// <param name="observersOf">More observers per cluster, watching beside the recorder.</param>
    public static TracedRun Play(ExperimentDefinition experiment, int runId, TraceOptions? options = null, bool checkInvariants = false,
        Func<RunSpec, RunSpec>? adjust = null, bool keepViolation = false, Func<string, IEnumerable<Sim.Kafka.Observation.IKafkaObserver>>? observersOf = null)
    {
        var spec = experiment.Run(runId);
        if (checkInvariants) spec = spec with { Options = spec.Options with { CheckInvariants = true } };
        if (adjust is not null) spec = adjust(spec);
        var run = new DeploymentRun(spec.Point.Plan, spec.Point.Faults, spec.Options, [context => new TraceRecorder(context, options)], observersOf);
        var recorder = run.Probes.All.OfType<TraceRecorder>().Single();
        try
        {
            var result = run.Run();
            return new TracedRun(spec, result, recorder.Finish(experiment.Name, runId, run.Probes.Loss.LostRanges()), run);
        }
        catch (InvariantViolationException e) when (keepViolation)
        {
            return new TracedRun(spec, run.Probes.Result(), recorder.Finish(experiment.Name, runId, run.Probes.Loss.LostRanges()), run) { Violation = e };
        }
        catch (EventCapExceededException e)
        {
            throw RunExecutor.CapReached(e, spec);
        }
    }
}
