using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Cli;

/// <summary>
/// <c>sim run FILE</c>: validates an experiment, runs its sweep points times replications in parallel,
/// stores each run as it finishes, then writes the tables, plots, report and manifest under
/// <c>results/NAME/</c>, as one <see cref="OutputTransaction"/>. Bad input exits 1 before anything is
/// written; a failure or Ctrl-C leaves the directory's previous results as they were and keeps the
/// finished runs for <c>--resume</c>.
/// </summary>
public static class RunCommand
{
    public static Command Build(CancellationToken interrupt = default)
    {
        var file = new Argument<FileInfo>("file") { Description = "An experiment file (experiments/*.yaml)" };
        var set = new Option<string[]>("--set") { Description = "Override a key of the experiment: --set topics.orders.min.insync.replicas=3 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output directory (default: results/NAME)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Runs in parallel (default: all cores); results do not depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<bool>("--resume") { Description = "Keep the runs already finished in the output directory and run only the rest" };
        var shard = new Option<string?>("--shard") { Description = "Run only slice K of N (K/N, 1-based): runs whose id % N == K-1; join slices with 'sim merge'" };
        var run = new Option<int?>("--run") { Description = "Replay one run by its id and print its metrics; writes nothing" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line" };
        var invariants = new Option<bool>("--check-invariants") { Description = "Check the replication and controller invariants after every event; a violation fails the run" };
        var gate = new Option<bool>("--gate") { Description = "Judge the results against the experiment's targets (a DR drill): exit 6, naming each target missed and why, when any sweep point misses one; the results are written either way" };
        var cmd = new Command("run", "Run an experiment and write its tables, plots and report") { file, set, output, jobs, resume, shard, run, quiet, invariants, gate };
        cmd.SetAction(r => Execute(r, r.GetValue(file)!, r.GetValue(set) ?? [], r.GetValue(output), r.GetValue(jobs), r.GetValue(resume), r.GetValue(shard),
            r.GetValue(run), r.GetValue(quiet), r.GetValue(invariants), r.GetValue(gate), interrupt));
        return cmd;
    }

    private static int Execute(ParseResult parse, FileInfo file, string[] sets, DirectoryInfo? outDir, int jobs, bool resume, string? shardText, int? runId, bool quiet, bool invariants,
        bool gate, CancellationToken interrupt)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var timings = PhaseTimings.Started();
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        if (!TryParseShard(shardText, stderr, out var shard)) return ExitCodes.Usage;
        if (jobs < 1) { stderr.WriteLine("sim run: --jobs must be 1 or more"); return ExitCodes.Usage; }

        if (ExperimentInput.Load(shown, sets, stderr) is not { } loaded) return ExitCodes.InvalidInput;
        var definition = loaded with { CheckInvariants = invariants };
        timings?.Mark("load");

        if (definition.Search is not null && (runId is not null || shard is not null))
        {
            stderr.WriteLine($"sim run: {(runId is not null ? "--run" : "--shard")} does not apply to a capacity search: which probes run depends on the ones before them. " +
                             $"To replay one probe, remove the search: section and --set {definition.Search.Key}=VALUE");
            return ExitCodes.Usage;
        }
        if (gate && GateRefusal(definition, runId is not null || shard is not null) is { } refusal)
        {
            stderr.WriteLine($"sim run: --gate judges a whole run of an experiment against its targets: {shown} {refusal}");
            return ExitCodes.Usage;
        }
        if (runId is { } id) return Replay(definition, id, stdout, stderr);

        string directory = outDir?.FullName ?? Path.Combine("results", definition.Name);
        var info = ExperimentInfo.Of(definition);
        var clock = Stopwatch.StartNew();
        using var interruption = new Interruption(interrupt);
        try
        {
            using var output = OutputTransaction.Begin(directory, notice => stderr.WriteLine($"sim run: {notice}"));
            // A refused resume (runs of another version) throws here, before anything is written.
            string staging = resume ? output.StartResume(info.Hash) : output.StartFresh();
            AtomicFile.WriteAllText(Path.Combine(staging, ExperimentInfo.FileName), info.ToJson());
            var options = new RunnerOptions(staging) { Jobs = jobs, Resume = resume, Shard = shard };
            if (timings is not null) options = timings.Attach(options, ExperimentRunner.RunIds(definition, shard).Select(definition.Run));
            var outcome = RunAll(definition, options, directory, quiet, interruption.Token, stdout, stderr);
            timings?.Mark("runs");
            if (outcome.Cancelled)
            {
                stderr.WriteLine($"sim run: interrupted; {directory} is as it was, and the {outcome.Runs.Count} finished runs are kept in {new RunStore(staging).Directory}. " +
                                 "Run again with --resume to finish the rest.");
                return ExitCodes.Interrupted;
            }
            if (outcome.Failures.Count > 0)
            {
                ReportFailures(outcome, shown, sets, invariants, directory, stderr);
                return ExitCodes.RunFailed;
            }

            stdout.WriteLine($"{outcome.Runs.Count} runs finished; writing the tables, plots and report");
            var results = OutputFinalizer.Finalize(info, outcome.Runs, staging, Manifest(info, shard, jobs, outcome, clock), interruption.Token, jobs);
            output.Commit();
            stdout.WriteLine($"{outcome.Runs.Count} runs ({outcome.Executed} run now) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s; " +
                             $"report: {Path.Combine(directory, "report.md")}");
            PrintSummary(results, stdout);
            timings?.Done();
            return gate ? Gate(results, stdout, stderr) : ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            stderr.WriteLine($"sim run: interrupted while writing the tables; {directory} is as it was. The finished runs are kept: run again with --resume to write them.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (OutputFailures.Handles(e))
        {
            return OutputFailures.Report("sim run", e, stderr);
        }
    }

    /// <summary>The manifest of a run's output: what every output's says, and how this one was run.</summary>
    private static System.Text.Json.Nodes.JsonObject Manifest(ExperimentInfo info, (int, int)? shard, int jobs, RunnerOutcome outcome, Stopwatch clock)
    {
        var manifest = OutputFinalizer.Manifest(info);
        manifest["shard"] = shard is { } sh ? $"{sh.Item1}/{sh.Item2}" : null;
        manifest["jobs"] = jobs;
        manifest["runs_executed"] = outcome.Executed;
        manifest["wall_time_s"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return manifest;
    }

    /// <summary>Reads <c>--shard K/N</c>; false (after saying why) when it is malformed.</summary>
    private static bool TryParseShard(string? text, TextWriter stderr, out (int, int)? shard)
    {
        shard = null;
        if (text is null) return true;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || k < 1 || k > n)
        {
            stderr.WriteLine($"sim run: --shard takes K/N with 1 <= K <= N (for example 2/4), not '{text}'");
            return false;
        }
        shard = (k, n);
        return true;
    }

    /// <summary>Runs the experiment into the staging directory <paramref name="options"/> names, with a progress line, stopping cleanly when interrupted.</summary>
    private static RunnerOutcome RunAll(ExperimentDefinition definition, RunnerOptions options, string directory, bool quiet, CancellationToken interrupt, TextWriter stdout, TextWriter stderr)
    {
        var progress = new RunProgress();
        int total = ExperimentRunner.RunIds(definition, options.Shard).Count;
        if (definition.Search is { } search)
            stdout.WriteLine($"{definition.Name}: capacity search of {search.Key} over {definition.Points.Count} points, at most {search.MaxProbes} probes x " +
                             $"{definition.Replications} replications each, {options.Jobs} in parallel, into {directory}");
        else stdout.WriteLine($"{definition.Name}: {definition.Points.Count} points x {definition.Replications} replications = {definition.TotalRuns} runs" +
                         (options.Shard is { } s ? $"; shard {s.Item1}/{s.Item2}: {total} runs" : "") + $", {options.Jobs} in parallel, into {directory}");
        var mode = quiet || !ReferenceEquals(stderr, Console.Error) ? ProgressMode.Off : Console.IsErrorRedirected ? ProgressMode.Lines : ProgressMode.Terminal;
        using (new ProgressDisplay(progress, stderr, mode))
        {
            return ExperimentRunner.Run(definition, options, progress, interrupt);
        }
    }

    /// <summary>Names every failed run with why it failed and the commands that replay and narrate it.</summary>
    private static void ReportFailures(RunnerOutcome outcome, string shown, string[] sets, bool invariants, string directory, TextWriter stderr)
    {
        foreach (var f in outcome.Failures)
        {
            string why = f.Error is Sim.Core.Scheduling.InvariantViolationException v ? v.Report : f.Error.Message;
            stderr.WriteLine($"sim run: run {f.Run.RunId} (point {f.Run.Point.PointId}, replication {f.Run.Replication}, seed {f.Run.Seed}, architecture {f.Run.Point.Architecture}) failed: {why}");
            string again = string.Concat(sets.Select(x => $" --set {x}"));
            stderr.WriteLine($"  replay it with: sim run {shown} --run {f.Run.RunId}{again}" + (invariants ? " --check-invariants" : ""));
            stderr.WriteLine($"  tell its story up to there with: sim trace {shown} --run {f.Run.RunId}{again}");
        }
        stderr.WriteLine($"sim run: {outcome.Failures.Count} run(s) failed; {outcome.Runs.Count} finished runs are kept for --resume; no tables were written and {directory} is as it was");
    }

    private static int Replay(ExperimentDefinition definition, int id, TextWriter stdout, TextWriter stderr)
    {
        if (id < 0 || id >= definition.TotalRuns)
        {
            stderr.WriteLine($"sim run: --run {id}: this experiment has runs 0 to {definition.TotalRuns - 1}");
            return ExitCodes.Usage;
        }
        var spec = definition.Run(id);
        Sim.Results.RunRecord record;
        try
        {
            record = RunExecutor.Execute(spec);
        }
        catch (Sim.Core.Scheduling.InvariantViolationException v)
        {
            stderr.WriteLine($"sim run: run {id} (seed {spec.Seed}) failed: {v.Report}");
            return ExitCodes.RunFailed;
        }
        catch (RunBudgetExceededException b)
        {
            stderr.WriteLine($"sim run: run {id} (seed {spec.Seed}) failed: {b.Message}");
            return ExitCodes.RunFailed;
        }
        stdout.WriteLine($"run {id}: point {spec.Point.PointId}, replication {spec.Replication}, seed {spec.Seed}, architecture {spec.Point.Architecture}" +
                         string.Concat(spec.Point.Parameters.Where(p => p.Key != "architecture").Select(p => $", {p.Key}={p.Value}")));
        foreach (var m in record.Metrics) stdout.WriteLine($"  {m.Name,-30} {ResultsWriter.Number(m.Value)}");
        foreach (var f in record.Faults)
        {
            string onHorizon = f.HorizonStartS is null ? "" : $" (horizon {Span(f.OnHorizonStartS, f.OnHorizonEndS)})";
            stdout.WriteLine($"  fault {f.Kind} {f.Target} {Span(f.StartS, f.EndS)}{onHorizon}");
        }
        stdout.WriteLine($"  events {record.Events}, trajectory fingerprint {record.Fingerprint}");
        return ExitCodes.Ok;
    }

    private static string Span(double start, double? end) => $"{ResultsWriter.Number(start)}s-{(end is { } e ? ResultsWriter.Number(e) + "s" : "end")}";

    /// <summary>Why <c>--gate</c> cannot judge this run, or null when it can.</summary>
    private static string? GateRefusal(ExperimentDefinition definition, bool inPart) =>
        definition.Search is not null ? "is a capacity search"
        : definition.Targets.Count == 0 ? "states no targets (targets:, see docs/experiments.md)"
        : inPart ? "is run in part (--run or --shard)" : null;

    /// <summary><c>--gate</c>: every target missed, at which point and why, and exit 6; or a one-line pass.</summary>
    private static int Gate(ExperimentResults results, TextWriter stdout, TextWriter stderr)
    {
        var misses = Sim.Plotting.TargetMisses.Find(results);
        int judged = results.Summary.Count * results.Targets.Count;
        if (misses.Count == 0)
        {
            stdout.WriteLine($"gate: passed, every sweep point meets all {results.Targets.Count} targets ({judged} judged)");
            return ExitCodes.Ok;
        }
        stderr.WriteLine($"sim run: gate: {misses.Count} of {judged} (sweep point, target) pairs miss their target:");
        foreach (var m in misses)
        {
            var at = string.Concat(m.Row.Parameters.Where(p => p.Key != "architecture").Select(p => $", {p.Key}={p.Value}"));
            stderr.WriteLine($"  {m.Row.Architecture}{at}: {m.Target.Text} missed with {m.Figure}; why: {m.Why}");
        }
        return ExitCodes.TargetMissed;
    }

    /// <summary>A few headline figures per point on the terminal; the full tables are in the output directory.</summary>
    internal static void PrintSummary(ExperimentResults results, TextWriter stdout)
    {
        if (results.Search is not null)
        {
            SearchSummary.Print(results, stdout);
            return;
        }
        SummaryTable.Write(results, stdout);
    }
}
