using Sim.Architectures.Metrics;
using Sim.Architectures.Runtime;
using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Results;

namespace Sim.Scenarios.Tests.Support;

/// <summary>
/// Runs a scenario written as an experiment file, as a user would write it, with every invariant checked
/// after every event and a trace recorded. The text is loaded as if it sat in <c>experiments/scenarios/</c>,
/// so <c>model: models/three-az.yaml</c> names a shipped model.
/// </summary>
public static class Scenario
{
    public static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Simulator.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>Loads <paramref name="yaml"/> (with <paramref name="sets"/> applied as <c>--set</c> would) and plays run <paramref name="runId"/>.</summary>
    public static Outcome Run(string yaml, int runId = 0, params string[] sets) => Run(yaml, runId, null, sets);

    public static Outcome Run(string yaml, int runId, TraceOptions? trace, params string[] sets) =>
        Run(yaml, runId, trace, Mutations.FromEnvironment(), sets);

    /// <summary>As <see cref="Run(string, int, string[])"/>, with the model broken by <paramref name="mutation"/>.</summary>
    public static Outcome Run(string yaml, int runId, TraceOptions? trace, Sim.Kafka.Config.ModelMutation mutation, params string[] sets)
    {
        var experiment = Load(yaml, sets);
        var traced = TracedRun.Play(experiment, runId, trace, checkInvariants: true, adjust: spec => Mutations.Apply(spec, mutation));
        return new Outcome(experiment, traced);
    }

    public static ExperimentDefinition Load(string yaml, params string[] sets) =>
        ExperimentLoader.Load(Path.Combine(RepoRoot, "experiments", "scenarios", "scenario.yaml"), yaml, sets);
}

/// <summary>What a scenario run produced: the metrics, the narrated trace, and the finished run.</summary>
public sealed record Outcome(ExperimentDefinition Experiment, TracedRun Traced)
{
    public RunResult Result => Traced.Result;
    public RunTrace Trace => Traced.Trace;
    public DeploymentRun Run => Traced.Run;

    public IEnumerable<TraceEntry> Entries(string kind) => Trace.Entries.Where(e => e.Kind == kind);

    /// <summary>The first entry whose sentence contains every fragment, or null.</summary>
    public TraceEntry? Find(params string[] fragments) =>
        Trace.Entries.FirstOrDefault(e => fragments.All(f => e.Text.Contains(f, StringComparison.Ordinal)));

    public string Narration => string.Join("\n", Trace.Entries.Select(e => $"{e.TimeS,10:0.000}  {e.Kind,-10} {e.Text}"));
}
