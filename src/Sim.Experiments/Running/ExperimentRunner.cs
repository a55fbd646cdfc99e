using Sim.Experiments.Search;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>How to run an experiment: parallelism, which slice of the runs, and whether to keep finished runs.</summary>
public sealed record RunnerOptions(string OutputDirectory)
{
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Run only ids with <c>id % Count == Index - 1</c> (1-based <c>--shard Index/Count</c>).</summary>
    public (int Index, int Count)? Shard { get; init; }

    /// <summary>Skip runs already stored in the output directory by the same experiment.</summary>
    public bool Resume { get; init; }

    /// <summary>Called after each run is stored (from the thread that ran it).</summary>
    public Action<RunRecord>? OnRunStored { get; init; }

    /// <summary>Called just before a run is built and played (from the thread that will run it); with <see cref="OnRunStored"/> it brackets the run, as the CLI's phase timings do.</summary>
    public Action<RunSpec>? OnRunStarting { get; init; }
}

/// <summary>A run that threw instead of finishing, with what it threw.</summary>
public sealed record RunFailure(RunSpec Run, Exception Error);

/// <summary>What the runner did: the runs stored (in run-id order), the failures, and whether it was interrupted.</summary>
public sealed record RunnerOutcome(IReadOnlyList<RunRecord> Runs, IReadOnlyList<RunFailure> Failures, bool Cancelled, int Executed);

/// <summary>
/// Runs an experiment's runs in parallel, each with its own simulation, storing each as it finishes
/// (<see cref="RunStore"/>). Results do not depend on <see cref="RunnerOptions.Jobs"/> or the order runs
/// finish in: every run is seeded from its identity and everything downstream is sorted by run id.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>With <paramref name="resume"/>, the runs already stored by this experiment (refusing runs of another version); otherwise none, after clearing the store.</summary>
    internal static Dictionary<int, RunRecord> StoredRuns(ExperimentDefinition definition, RunStore store, bool resume)
    {
        var done = new Dictionary<int, RunRecord>();
        if (!resume)
        {
            store.Clear();
            return done;
        }
        foreach (var (hash, run) in store.LoadAll())
        {
            if (hash != definition.Hash)
                throw new InvalidOperationException($"{store.PathOf(run.RunId)} was produced by a different version of the experiment (its file, model or --set options changed); " +
                                                    "run without --resume to start afresh, or use another --out directory");
            done[run.RunId] = run;
        }
        return done;
    }

    public static IReadOnlyList<int> RunIds(ExperimentDefinition definition, (int Index, int Count)? shard) =>
        Enumerable.Range(0, definition.TotalRuns).Where(id => shard is not { } s || id % s.Count == s.Index - 1).ToList();

    public static RunnerOutcome Run(ExperimentDefinition definition, RunnerOptions options, RunProgress? progress = null, CancellationToken cancel = default)
    {
        if (definition.Search is not null) return SearchRunner.Run(definition, options, progress, cancel);
        var store = new RunStore(options.OutputDirectory);
        var ids = RunIds(definition, options.Shard);
        var done = StoredRuns(definition, store, options.Resume);
        var todo = ids.Where(id => !done.ContainsKey(id)).Select(definition.Run).ToList();
        if (progress is not null)
        {
            progress.RunsTotal = todo.Count;
            progress.RunsSkipped = ids.Count - todo.Count;
            progress.PlannedNanosTotal = todo.Count * definition.Duration.Nanoseconds;
        }
        var finished = new List<RunRecord>();
        var failures = new List<RunFailure>();
        var gate = new object();
        bool cancelled = false;
        try
        {
            // Longest expected first; stored and returned in run-id order whatever the order they ran in.
            Parallel.ForEach(RunCost.InOrder(RunCost.LongestFirst(todo)), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancel }, (spec, state) =>
            {
                try
                {
                    options.OnRunStarting?.Invoke(spec);
                    var record = RunExecutor.Execute(spec, progress, cancel);
                    store.Save(definition.Hash, record);
                    lock (gate) finished.Add(record);
                    progress?.RunFinished();
                    options.OnRunStored?.Invoke(record);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    state.Stop();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    lock (gate) failures.Add(new RunFailure(spec, e));
                    progress?.RunFinished();
                }
            });
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        cancelled |= cancel.IsCancellationRequested;
        var ours = new HashSet<int>(ids);
        var all = done.Values.Where(r => ours.Contains(r.RunId)).Concat(finished).OrderBy(r => r.RunId).ToList();
        return new RunnerOutcome(all, failures.OrderBy(f => f.Run.RunId).ToList(), cancelled, finished.Count);
    }
}
