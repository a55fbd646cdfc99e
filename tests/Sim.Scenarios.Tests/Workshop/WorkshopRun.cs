using Sim.Experiments.Spec;
using Sim.Experiments.Tracing;
using Sim.Kafka.Observation;
using Sim.Results;
using Sim.Scenarios.Tests.Support;

namespace Sim.Scenarios.Tests.Workshop;

/// <summary>
/// Plays a workshop file of <c>experiments/workshop/</c> as <c>sim trace FILE --set ...</c> does: run 0, every
/// invariant checked after every event, a trace recorded (and the model broken on purpose when a mutation
/// is in force, as for every scenario test). An extra observer can watch the run beside the recorder.
/// </summary>
internal static class WorkshopRun
{
    public static string Folder { get; } = Path.Combine(Scenario.RepoRoot, "experiments", "workshop");

    public static string PathOf(string file) => Path.Combine(Folder, file);

    public static ExperimentDefinition Load(string file, params string[] sets) => ExperimentLoader.Load(PathOf(file), sets);

    public static Outcome Play(string file, params string[] sets) => Play(file, null, sets);

    public static Outcome Play(string file, IKafkaObserver? watcher, params string[] sets)
    {
        var experiment = Load(file, sets);
        Assert.Equal(1, experiment.TotalRuns);
        var mutation = Mutations.FromEnvironment();
        return new Outcome(experiment, TracedRun.Play(experiment, 0, null, checkInvariants: true, adjust: spec => Mutations.Apply(spec, mutation),
            observersOf: watcher is null ? null : _ => [watcher]));
    }

    /// <summary>
    /// The entries of a story in the order told: each step is the first entry of its kind, containing every
    /// fragment, after the previous step's entry. Fails with the narration when a step is missing or early.
    /// </summary>
    public static IReadOnlyList<TraceEntry> InOrder(this Outcome o, params (string Kind, string[] Fragments)[] steps)
    {
        var entries = o.Trace.Entries;
        var found = new List<TraceEntry>();
        int from = 0;
        foreach (var (kind, fragments) in steps)
        {
            int at = -1;
            for (int i = from; i < entries.Count && at < 0; i++)
            {
                if (entries[i].Kind == kind && fragments.All(f => entries[i].Text.Contains(f, StringComparison.Ordinal))) at = i;
            }
            Assert.True(at >= 0, $"after entry {from}, no '{kind}' entry with [{string.Join(" | ", fragments)}] in:\n{o.Brief()}");
            found.Add(entries[at]);
            from = at + 1;
        }
        return found;
    }

    /// <summary>One step of a story: an entry of <paramref name="kind"/> whose sentence contains every fragment.</summary>
    public static (string Kind, string[] Fragments) Step(string kind, params string[] fragments) => (kind, fragments);

    /// <summary>Records in a lost (or truncated) range, from its offsets.</summary>
    public static long Count(this TraceEntry e) => e.LastOffset!.Value - e.FirstOffset!.Value + 1;
}
