using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>
/// Runs a capacity search: the sweep points' searches in parallel (up to <see cref="RunnerOptions.Jobs"/>),
/// each a <see cref="Bisection"/> whose probes run the experiment's replications at one value of the
/// searched key, seeded as any sweep point's runs are. Every run is stored as it finishes; with
/// <see cref="RunnerOptions.Resume"/>, a probe whose runs are stored is judged from them instead of run
/// again. Which probes run depends only on earlier probes' results, so the runs, and everything written
/// from them, are the same at any number of jobs.
/// </summary>
public static class SearchRunner
{
    private sealed class State(ExperimentDefinition definition, RunnerOptions options, RunStore store, Dictionary<int, RunRecord> done, RunProgress? progress, CancellationToken cancel)
    {
        public ExperimentDefinition Definition { get; } = definition;
        public SearchSpec Spec { get; } = definition.Search!;
        public RunnerOptions Options { get; } = options;
        public RunStore Store { get; } = store;
        public IReadOnlyDictionary<int, RunRecord> Done { get; } = done;
        public RunProgress? Progress { get; } = progress;
        public CancellationToken Cancel { get; } = cancel;
        public List<RunRecord> Finished { get; } = [];
        public List<RunRecord> Reused { get; } = [];
        public List<RunFailure> Failures { get; } = [];
        public object Gate { get; } = new();

        /// <summary>Replications of one probe run side by side when there are fewer searches than jobs.</summary>
        public int InnerJobs => Math.Max(1, Options.Jobs / Math.Max(1, Math.Min(Options.Jobs, Definition.Points.Count)));
    }

    public static RunnerOutcome Run(ExperimentDefinition definition, RunnerOptions options, RunProgress? progress = null, CancellationToken cancel = default)
    {
        if (definition.Search is not { } spec) throw new ArgumentException("the experiment has no search", nameof(definition));
        if (options.Shard is not null) throw new InvalidOperationException("a search cannot be sharded: each probe depends on the ones before it; run it on one machine");
        var store = new RunStore(options.OutputDirectory);
        var state = new State(definition, options, store, ExperimentRunner.StoredRuns(definition, store, options.Resume), progress, cancel);
        if (progress is not null)
        {
            progress.RunsTotal = definition.TotalRuns;
            progress.ProbesTotal = definition.Points.Count * spec.MaxProbes;
            progress.PlannedNanosTotal = definition.TotalRuns * definition.Duration.Nanoseconds;
        }
        bool cancelled = false;
        try
        {
            Parallel.For(0, definition.Points.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancel },
                p => Bisection.Run(spec.Min, spec.Max, spec.Precision, spec.Scale.Integer, spec.MaxProbes, (probe, x) => Probe(state, p, probe, x)));
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }
        cancelled |= cancel.IsCancellationRequested;
        var all = state.Reused.Concat(state.Finished).OrderBy(r => r.RunId).ToList();
        return new RunnerOutcome(all, state.Failures.OrderBy(f => f.Run.RunId).ToList(), cancelled, state.Finished.Count);
    }

    /// <summary>Runs (or finds stored) every replication of one probe and judges it; null when a run failed or was interrupted.</summary>
    private static bool? Probe(State s, int point, int probe, double x)
    {
        var runs = new RunRecord?[s.Definition.Replications];
        bool stopped = false;
        Parallel.For(0, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = s.InnerJobs }, r =>
        {
            if (ProbeJudge.Stored(s.Spec, s.Done, runs.Length, point, probe, r, x) is { } kept)
            {
                lock (s.Gate) s.Reused.Add(kept);
                runs[r] = kept;
                return;
            }
            runs[r] = Execute(s, s.Definition.ProbeRun(point, probe, r, x));
            if (runs[r] is null) stopped = true;
        });
        if (stopped || runs.Any(r => r is null)) return null;
        s.Progress?.ProbeFinished();
        return ProbeJudge.Failed(s.Spec, runs.OfType<RunRecord>().ToList()).Count == 0;
    }

    private static RunRecord? Execute(State s, RunSpec spec)
    {
        try
        {
            var record = RunExecutor.Execute(spec, s.Progress, s.Cancel);
            s.Store.Save(s.Definition.Hash, record);
            lock (s.Gate) s.Finished.Add(record);
            s.Progress?.RunFinished();
            s.Options.OnRunStored?.Invoke(record);
            return record;
        }
        catch (OperationCanceledException) when (s.Cancel.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lock (s.Gate) s.Failures.Add(new RunFailure(spec, e));
            s.Progress?.RunFinished();
            return null;
        }
    }
}
